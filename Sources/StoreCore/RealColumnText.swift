import Foundation

/// The REAL values of one table column as text, the way pandas shows a float
/// column: `[0.7612500000000001, 0.5]` gives `0.76125` and `0.50000`.
///
/// The rules are those of pandas 3.1's `FloatArrayFormatter`
/// (pandas/io/formats/format.py) for a DataFrame printed with its index,
/// where `display.precision` is `precision` (pandas' default is 6):
///
/// 1. Every value is written with `precision` digits after the point, as
///    `'{: .6f}'.format(x)` writes it (rounded half to even on the exact
///    binary value): `1.0941841715555427` is `1.094184`.
/// 2. Trailing zeros are cut from all the values together, one at a time,
///    while every value ends in `0`, keeping one digit after the point:
///    `[0.02300000000000002]` gives `0.023`, `[16178.0, 3823.0]` gives
///    `16178.0` and `3823.0`, `[0.76125, 0.5]` gives `0.76125` and `0.50000`.
/// 3. The whole column is written in scientific notation instead
///    (`'{: .6e}'`: `1.000000e-07`) when a value is not 0 and below
///    10^-precision in magnitude, or when a value is above 1e6 in magnitude
///    and the longest text of rule 2, counting a leading space before a value
///    that is not negative, is longer than precision + 6 characters:
///    `1234567.891` stays as it is, `12345678.891` is `1.234568e+07`.
/// 4. Infinities are `inf` and `-inf`, and count as above 1e6.
///
/// NaN never arrives: SQLite stores NaN as NULL. An empty input gives no
/// texts. The values pasted from pandas into `RealColumnTextTests` check
/// every rule.
public enum RealColumnText {
    public static func texts(_ values: [Double], precision: Int) -> [String] {
        let fixed = withoutCommonTrailingZeros(values.map { printed($0, conversion: "f", precision: precision) })
        var longest = 0
        for (value, text) in zip(values, fixed) {
            longest = max(longest, text.count + (value.sign == .minus ? 0 : 1))
        }
        let smallest = pow(10.0, -Double(precision))
        let hasLarge = values.contains { abs($0) > 1e6 }
        let hasSmall = values.contains { $0 != 0 && abs($0) < smallest }
        if hasSmall || (hasLarge && longest > precision + 6) {
            return values.map { printed($0, conversion: "e", precision: precision) }
        }
        return fixed
    }

    /// `value` through C's `%.*f` or `%.*e`, which round as Python's `format` does.
    static func printed(_ value: Double, conversion: Character, precision: Int) -> String {
        let format = "%.*" + String(conversion)
        // %.20f of the largest double takes 330 bytes; vsnprintf says how many it needs.
        var buffer = [CChar](repeating: 0, count: 512)
        let needed = withVaList([Int32(precision), value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
            _ = withVaList([Int32(precision), value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer[..<Int(needed)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Rule 2 on texts from rule 1: pandas' `_trim_zeros_float`. Only texts
    /// of the form `-12.340` take part; `inf` and scientific texts are left alone.
    static func withoutCommonTrailingZeros(_ texts: [String]) -> [String] {
        var cut = Int.max
        for text in texts {
            guard let fraction = decimalFraction(text) else { continue }
            cut = min(cut, fraction.reversed().prefix { $0 == "0" }.count)
        }
        guard cut != Int.max, cut > 0 else { return texts }
        return texts.map { text in
            guard decimalFraction(text) != nil else { return text }
            let trimmed = String(text.dropLast(cut))
            return trimmed.hasSuffix(".") ? trimmed + "0" : trimmed
        }
    }

    /// The digits after the point of a text like `-12.340`, else nil.
    private static func decimalFraction(_ text: String) -> Substring? {
        let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard let point = unsigned.firstIndex(of: "."),
              point > unsigned.startIndex,
              unsigned[..<point].allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = unsigned[unsigned.index(after: point)...]
        return fraction.allSatisfy(\.isASCIIDigit) ? fraction : nil
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
