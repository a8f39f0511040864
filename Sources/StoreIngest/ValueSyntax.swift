#if canImport(Glibc)
import Glibc
#endif

/// What one CSV field holds, as type inference sees it.
enum ValueKind: UInt8 {
    /// Empty (after trimming spaces and tabs) or one of the null markers.
    case null
    /// `[+-]digits` without a redundant leading zero, within 64 bits.
    case integer
    /// A decimal or scientific number (`1.5`, `.5`, `5.`, `-2e-3`), or
    /// `inf`/`infinity` with an optional sign, in any case.
    case real
    /// `TRUE` or `FALSE` in any case.
    case boolean
    /// An integer written with a redundant leading zero (`007`, `-01`): a code,
    /// whose zeros would be lost as a number. (Decimals such as `012.5` are
    /// reals, as pandas reads them.)
    case leadingZero
    /// An integer beyond 64 bits, which a REAL could not hold exactly.
    case hugeInteger
    /// Anything else.
    case text
}

/// The exact spellings that read as NULL, compared after trimming spaces and tabs.
struct NullMarkers {
    private let markers: [[UInt8]]

    init(_ markers: [String]) {
        self.markers = markers.map { Array($0.utf8) }.filter { !$0.isEmpty }
    }

    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for marker in markers where marker.count == bytes.count {
            var same = true
            for index in 0..<marker.count where marker[index] != bytes[index] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }
}

/// Reading numbers out of CSV fields: classification for type inference and
/// conversion for loading, over raw bytes, without allocating.
enum ValueSyntax {
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 48 < 10
    }

    /// The field without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var low = 0
        var high = bytes.count
        while low < high && (bytes[low] == 32 || bytes[low] == 9) { low += 1 }
        while high > low && (bytes[high - 1] == 32 || bytes[high - 1] == 9) { high -= 1 }
        if low == 0 && high == bytes.count { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[low..<high])
    }

    /// Classifies a trimmed field. Null markers are checked first, so a marker
    /// may look like a number (`--null -999`).
    static func classify(_ value: UnsafeBufferPointer<UInt8>, nulls: NullMarkers) -> ValueKind {
        let count = value.count
        if count == 0 || nulls.contains(value) { return .null }
        var index = 0
        let first = value[0]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { index = 1 }
        let digitsStart = index
        while index < count && isDigit(value[index]) { index += 1 }
        let integerDigits = index - digitsStart
        let redundantZero = integerDigits > 1 && value[digitsStart] == UInt8(ascii: "0")
        if index == count && integerDigits > 0 {
            if redundantZero { return .leadingZero }
            return integerValue(value) == nil ? .hugeInteger : .integer
        }
        var fractionDigits = 0
        if index < count && value[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count && isDigit(value[index]) { index += 1 }
            fractionDigits = index - fractionStart
        }
        if integerDigits + fractionDigits > 0 {
            if index < count && (value[index] | 0x20) == UInt8(ascii: "e") {
                index += 1
                if index < count && (value[index] == UInt8(ascii: "+") || value[index] == UInt8(ascii: "-")) { index += 1 }
                let exponentStart = index
                while index < count && isDigit(value[index]) { index += 1 }
                if index == exponentStart { return .text }
            }
            if index == count { return .real }
        }
        if isWord(value, "true") || isWord(value, "false") { return .boolean }
        if isInfinity(value) { return .real }
        return .text
    }

    /// Whether `value` is `word` (lowercase ASCII) in any case.
    @inline(__always)
    static func isWord(_ value: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard value.count == word.utf8CodeUnitCount else { return false }
        let letters = word.utf8Start
        for index in 0..<value.count where value[index] | 0x20 != letters[index] {
            return false
        }
        return true
    }

    static func isInfinity(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var body = value
        if let first = value.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            body = UnsafeBufferPointer(rebasing: value[1...])
        }
        return isWord(body, "inf") || isWord(body, "infinity")
    }

    /// The value of `[+-]digits` (leading zeros allowed), or nil when it is not
    /// that or does not fit in 64 bits. `TRUE`/`FALSE` give 1/0.
    static func integerValue(_ value: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = value.count
        guard count > 0 else { return nil }
        var index = 0
        var negative = false
        if value[0] == UInt8(ascii: "+") || value[0] == UInt8(ascii: "-") {
            negative = value[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < count else { return nil }
        var magnitude: UInt64 = 0
        while index < count {
            let digit = value[index] &- 48
            guard digit < 10 else {
                if isWord(value, "true") { return 1 }
                if isWord(value, "false") { return 0 }
                return nil
            }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Exact powers of ten as doubles, 1e0 through 1e22.
    static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The double nearest to the number in `value` (correctly rounded, as
    /// `strtod`), which must be an integer, a real or a boolean per `classify`.
    ///
    /// Numbers of at most 15 significant digits with a decimal exponent within
    /// ±22 take the exact path (one correctly rounded multiplication or
    /// division of two exactly representable doubles); others go to `strtod`.
    static func realValue(_ value: UnsafeBufferPointer<UInt8>, scratch: inout [CChar]) -> Double {
        let count = value.count
        var index = 0
        var negative = false
        if count > 0 && (value[0] == UInt8(ascii: "+") || value[0] == UInt8(ascii: "-")) {
            negative = value[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        while index < count && isDigit(value[index]) {
            sawDigit = true
            if mantissa != 0 || value[index] != 48 { significantDigits += 1 }
            if significantDigits <= 18 { mantissa = mantissa * 10 + UInt64(value[index] - 48) } else { exponent += 1 }
            index += 1
        }
        if index < count && value[index] == UInt8(ascii: ".") {
            index += 1
            while index < count && isDigit(value[index]) {
                sawDigit = true
                if mantissa != 0 || value[index] != 48 { significantDigits += 1 }
                if significantDigits <= 18 {
                    mantissa = mantissa * 10 + UInt64(value[index] - 48)
                    exponent -= 1
                }
                index += 1
            }
        }
        if !sawDigit {
            if isWord(value, "true") { return 1 }
            if isWord(value, "false") { return 0 }
            if isInfinity(value) { return negative ? -.infinity : .infinity }
            return .nan
        }
        var exponentIsSmall = true
        if index < count && (value[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count && (value[index] == UInt8(ascii: "+") || value[index] == UInt8(ascii: "-")) {
                exponentNegative = value[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < count && isDigit(value[index]) {
                if written < 100_000 { written = written * 10 + Int(value[index] - 48) } else { exponentIsSmall = false }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if exponentIsSmall && significantDigits <= 15 && exponent >= -22 && exponent <= 22 {
            let magnitude = Double(mantissa)
            let result = exponent >= 0 ? magnitude * exactPowersOfTen[exponent] : magnitude / exactPowersOfTen[-exponent]
            return negative ? -result : result
        }
        scratch.removeAll(keepingCapacity: true)
        for byte in value { scratch.append(CChar(bitPattern: byte)) }
        scratch.append(0)
        return scratch.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress else { return .nan }
            return strtod(base, nil)
        }
    }
}
