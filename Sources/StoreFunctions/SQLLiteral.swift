import Foundation

/// Values as SQL spells them, for error messages that quote what they got:
/// `2`, `0.5`, `-1e-300`, `'a''b'`, `x'00ff'`.
enum SQLLiteral {
    /// A number as SQL text: integral values without a fraction (`2`), others
    /// in the shortest form that reads back to the same double (`0.1`), and
    /// infinities as `9e999` / `-9e999` (SQLite's spelling).
    static func number(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "9e999" : "-9e999" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Text between single quotes, inner quotes doubled.
    static func text(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A BLOB as a hex literal.
    static func blob(_ bytes: [UInt8]) -> String {
        "x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
    }
}
