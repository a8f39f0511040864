import Foundation

/// A value that names a group (the second argument of a two-sample test)
/// or a level of a crosstab, compared as SQLite compares values: numbers
/// first, INTEGER and REAL alike (1 and 1.0 are one group), then TEXT by its
/// bytes (SQLite's default BINARY collation, which is Unicode code point
/// order), then BLOBs by their bytes. NULL names no group.
///
/// Integral REAL values within ±9e15 are held as integers, so each number
/// has one form.
enum GroupValue: Hashable {
    case integer(Int64)
    case real(Double)
    case text([UInt8])
    case blob([UInt8])

    /// The group of a REAL value.
    init(real value: Double) {
        if value == value.rounded(), abs(value) < 9.0e15 {
            self = .integer(Int64(value))
        } else {
            self = .real(value)
        }
    }

    /// SQLite's order: numbers by value, then text, then BLOBs, by bytes.
    static func before(_ left: GroupValue, _ right: GroupValue) -> Bool {
        switch (left, right) {
        case (.integer(let l), .integer(let r)): return l < r
        case (.integer(let l), .real(let r)): return Double(l) < r
        case (.real(let l), .integer(let r)): return l < Double(r)
        case (.real(let l), .real(let r)): return l < r
        case (.integer, _), (.real, _): return true
        case (.text, .integer), (.text, .real): return false
        case (.text(let l), .text(let r)): return l.lexicographicallyPrecedes(r)
        case (.text, .blob): return true
        case (.blob(let l), .blob(let r)): return l.lexicographicallyPrecedes(r)
        case (.blob, _): return false
        }
    }

    /// The value as JSON holds it: a number, or a string (BLOBs in base64).
    var json: Any {
        switch self {
        case .integer(let value): return value
        case .real(let value): return value.isFinite ? value : NSNull()
        case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .blob(let bytes): return Data(bytes).base64EncodedString()
        }
    }

    /// The value as SQL spells it, for error messages: `1`, `2.5`, `'yes'`, `x'00'`.
    var literal: String {
        switch self {
        case .integer(let value): return String(value)
        case .real(let value): return SQLLiteral.number(value)
        case .text(let bytes): return SQLLiteral.text(String(decoding: bytes, as: UTF8.self))
        case .blob(let bytes): return SQLLiteral.blob(bytes)
        }
    }
}
