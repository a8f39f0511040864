import Foundation
import GRDB

/// How one SQL value is written in each output format (see `ResultWriter`;
/// the table format writes a column at a time, see `TableColumnText`).
public enum CellText {
    /// One value on its own, outside a table: NULL as `NULL`, a REAL in its
    /// shortest exact form (`0.1`, `3.0`), newlines in text as `\n`, a BLOB as
    /// `<blob N bytes>`. For names made of values (a confusion matrix's
    /// columns) and for tests that compare rows.
    public static func plainText(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let integer): return String(integer)
        case .double(let double): return realText(double)
        case .string(let string):
            return string
                .replacingOccurrences(of: "\r", with: "\\r")
                .replacingOccurrences(of: "\n", with: "\\n")
        case .blob(let data): return "<blob \(data.count) bytes>"
        }
    }

    public static func csvText(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let integer): return String(integer)
        case .double(let double): return realText(double)
        case .string(let string): return string
        case .blob(let data): return data.base64EncodedString()
        }
    }

    public static func csvField(_ text: String) -> String {
        var needsQuotes = false
        for byte in text.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func jsonValue(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "null"
        case .int64(let integer): return String(integer)
        case .double(let double): return double.isFinite ? realText(double) : "null"
        case .string(let string): return jsonString(string)
        case .blob(let data): return jsonString(data.base64EncodedString())
        }
    }

    /// The shortest decimal text that reads back as the same double, as Swift,
    /// Python's `repr` and JavaScript print it (`0.1`, `1e-05`, `3.0`).
    public static func realText(_ double: Double) -> String {
        double.description
    }

    public static func jsonString(_ string: String) -> String {
        var escaped = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
