import Foundation
import StoreCore
import TOMLKit

/// A declarative ingest: a TOML file under ingest/ naming the source, the kind,
/// the table and the same options as the flags of `store ingest csv`, so a
/// dataset's ingest is a file anyone can rerun (see ingest/README.md).
///
/// ```toml
/// kind = "csv"
/// source = "../data/credit.csv"   # relative to this file
/// table = "credit"
/// null = ["NA", ""]
/// [types]
/// customer_id = "TEXT"
/// ```
///
/// Unknown keys are errors (a misspelt option must not be ignored silently).
public struct IngestRecipe: Sendable {
    public static let keys: Set<String> = [
        "kind", "source", "table", "mode", "delimiter", "header", "encoding", "null", "types", "skip_bad",
    ]

    /// Absolute path of the recipe file.
    public let path: String
    public let kind: String
    /// Absolute path of the source.
    public let source: String
    public let table: String
    public let mode: IngestMode
    public let csv: CSVOptions

    private struct File: Decodable {
        var kind: String?
        var source: String?
        var table: String?
        var mode: String?
        var delimiter: String?
        var header: Bool?
        var encoding: String?
        var null: [String]?
        var types: [String: String]?
        var skip_bad: Bool?
    }

    /// Reads and checks the recipe at `path`.
    public static func load(path: String) throws -> IngestRecipe {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw StoreError("cannot read the recipe \(absolute): no such file.")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: String(decoding: data, as: UTF8.self))
        } catch let error as TOMLParseError {
            throw StoreError("\(absolute):\(error.source.begin.line): \(error.description). The recipe must be TOML; see ingest/README.md.")
        }
        if let unknown = table.keys.sorted().first(where: { !keys.contains($0) }) {
            throw StoreError("\(absolute): unknown key '\(unknown)'. Recipe keys are: \(keys.sorted().joined(separator: ", ")).")
        }
        let file: File
        do {
            file = try TOMLDecoder().decode(File.self, from: table)
        } catch {
            throw StoreError("\(absolute): a key has a value of the wrong kind (\(error)). See ingest/README.md for each key's type.")
        }
        let kind = file.kind ?? "csv"
        guard kind == "csv" else {
            throw StoreError("\(absolute): kind '\(kind)' is not supported yet; this store ingests kind = \"csv\".")
        }
        guard let source = file.source, !source.isEmpty else {
            throw StoreError("\(absolute): the recipe needs a source (the path of the file to ingest, relative to the recipe).")
        }
        guard let tableName = file.table, !tableName.isEmpty else {
            throw StoreError("\(absolute): the recipe needs a table (the name of the table to ingest into).")
        }
        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent()
        let sourcePath = source.hasPrefix("/") ? source : folder.appendingPathComponent(source).standardizedFileURL.path
        let mode: IngestMode
        if let name = file.mode {
            guard let parsed = IngestMode(rawValue: name) else {
                throw StoreError("\(absolute): mode '\(name)' is not one of create, replace, append.")
            }
            mode = parsed
        } else {
            mode = .create
        }
        var options = CSVOptions()
        do {
            if let delimiter = file.delimiter { options.delimiter = try CSVOptions.delimiter(named: delimiter) }
            if let header = file.header { options.header = header }
            if let name = file.encoding {
                guard let encoding = TextEncoding(name: name) else {
                    throw StoreError("encoding '\(name)' is not one of utf-8, latin1, windows-1252.")
                }
                options.encoding = encoding
            }
            if let markers = file.null { options.nullMarkers = markers }
            if let types = file.types { options.types = try CSVOptions.types(from: types.map { "\($0.key)=\($0.value)" }) }
            if let skipBad = file.skip_bad { options.skipBad = skipBad }
        } catch let error as StoreError {
            throw StoreError("\(absolute): \(error.message)")
        }
        return IngestRecipe(path: absolute, kind: kind, source: sourcePath, table: tableName, mode: mode, csv: options)
    }

    /// Runs the recipe; `mode` overrides the recipe's own when given.
    public func run(into store: StoreFile, mode override: IngestMode? = nil, progress: ((IngestProgress) -> Void)? = nil) throws -> IngestOutcome {
        try CSVIngest.run(source: source, table: table, options: csv, mode: override ?? mode, into: store, progress: progress)
    }
}
