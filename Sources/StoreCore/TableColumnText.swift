import GRDB

/// The cells of one column of the `table` format, from its values.
///
/// 1. NULL is an empty cell, whether the value is missing from the data or a
///    statistic does not apply (the mean of a text column).
/// 2. An INTEGER is written in full; the REALs of the column together as
///    pandas shows a float column (`RealColumnText`), with `precision` digits
///    after the point.
/// 3. TEXT is written as it is, with CR and LF as `\r` and `\n` so a row
///    stays one line; a BLOB as `<blob N bytes>`.
/// 4. A column whose values are all numbers or NULL is numeric: it is
///    right-aligned, and its numbers are aligned on the decimal point (an
///    INTEGER's point is after its last digit; `inf` is only right-aligned):
///    `1`, `2.5` and `10.25` are written `1`, `2.50` and `10.25`, their points
///    under each other.
///    An empty column is not numeric.
public enum TableColumnText {
    public static func cells(_ values: [DatabaseValue], precision: Int) -> (texts: [String], numeric: Bool) {
        var reals: [Double] = []
        for value in values {
            if case .double(let double) = value.storage { reals.append(double) }
        }
        var realTexts = RealColumnText.texts(reals, precision: precision).makeIterator()
        var numeric = !values.isEmpty
        var texts = values.map { value -> String in
            switch value.storage {
            case .null:
                return ""
            case .int64(let integer):
                return String(integer)
            case .double:
                return realTexts.next() ?? ""
            case .string(let string):
                numeric = false
                return string
                    .replacingOccurrences(of: "\r", with: "\\r")
                    .replacingOccurrences(of: "\n", with: "\\n")
            case .blob(let data):
                numeric = false
                return "<blob \(data.count) bytes>"
            }
        }
        if numeric {
            let fractionWidth = texts.map(fractionLength).max() ?? 0
            texts = texts.map { text in
                text.contains(where: \.isNumber) ? text + String(repeating: " ", count: fractionWidth - fractionLength(text)) : text
            }
        }
        return (texts, numeric)
    }

    /// The characters from the decimal point on (0 for an integer or `inf`).
    private static func fractionLength(_ text: String) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex)
    }
}
