import Foundation
import StoreCore

/// How to read a CSV source: the same settings as the flags of
/// `store ingest csv` and the keys of a recipe.
public struct CSVOptions: Sendable, Equatable {
    /// The null markers used when none are given (empty fields are always NULL).
    public static let defaultNullMarkers = ["NA", "N/A", "NaN", "null", "NULL", "?"]
    /// The delimiters accepted, by the names people write them with.
    public static let delimiterNames: [String: UInt8] = [
        ",": UInt8(ascii: ","), ";": UInt8(ascii: ";"), "|": UInt8(ascii: "|"),
        "\t": 9, "\\t": 9, "tab": 9,
    ]

    /// The field separator: `,` `;` `|` or tab.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Whether the first record names the columns.
    public var header = true
    public var encoding: TextEncoding = .utf8
    /// Values that read as NULL, besides empty fields; compared exactly, after
    /// trimming spaces and tabs.
    public var nullMarkers: [String] = defaultNullMarkers
    /// Types set by hand, by header or stored column name; others are inferred.
    public var types: [String: ColumnType] = [:]
    /// Set ragged or undecodable records aside in `ingest_rejects` instead of failing.
    public var skipBad = false

    public init() {}

    /// Reads a delimiter as people write it (`,`, `;`, `|`, `tab`, `\t`).
    public static func delimiter(named name: String) throws -> UInt8 {
        guard let byte = delimiterNames[name] else {
            throw StoreError("the delimiter '\(name)' is not supported. Use ',' ';' '|' or 'tab'.")
        }
        return byte
    }

    /// Reads `NAME=TYPE` settings of `--type`.
    public static func types(from settings: [String]) throws -> [String: ColumnType] {
        var types: [String: ColumnType] = [:]
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let type = ColumnType(name: parts[1]) else {
                throw StoreError("--type '\(setting)' is not NAME=TYPE with TYPE one of INTEGER, REAL, TEXT (for example --type zip=TEXT).")
            }
            types[parts[0]] = type
        }
        return types
    }

    /// The options as the catalog records them: JSON with sorted keys, so the
    /// same options always give the same text.
    public var catalogJSON: String {
        let delimiterText = delimiter == 9 ? "\t" : String(UnicodeScalar(delimiter))
        let object: [String: Any] = [
            "delimiter": delimiterText,
            "header": header,
            "encoding": encoding.rawValue,
            "null": nullMarkers,
            "types": types.mapValues { $0.rawValue },
            "skip_bad": skipBad,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// What to do when the table already exists.
public enum IngestMode: String, Sendable, CaseIterable {
    /// Create the table; if it exists with other content, fail.
    case create
    /// Replace the table's rows in the same transaction (an atomic swap).
    case replace
    /// Add rows to the table, which must have the same columns.
    case append
}
