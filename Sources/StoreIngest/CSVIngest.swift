#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GRDBSQLite
import StoreCore

/// How far an ingest has got, for a progress bar.
public struct IngestProgress: Sendable {
    /// "scanning" (reading the file to infer types) or "loading" (writing rows).
    public let phase: String
    /// Bytes done over both passes, out of `bytesTotal` (twice the file size).
    public let bytesDone: Int64
    public let bytesTotal: Int64
    /// Records seen in the current pass.
    public let records: Int
}

/// A column as stored: its name in the table and its type.
public struct StoredColumn: Sendable, Equatable {
    public let name: String
    public let type: ColumnType
}

/// What an ingest did.
public struct IngestOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// The rows were written, recorded as this ingest.
        case ingested(ingestID: Int64)
        /// The same source with the same options is already in the table, as this ingest.
        case unchanged(ingestID: Int64, at: String)
    }

    public let status: Status
    public let table: String
    public let source: String
    public let rowsStored: Int
    public let rowsRejected: Int
    public let columns: [StoredColumn]
    /// Wall time from start to commit, both passes included.
    public let seconds: Double

    /// The same outcome with `seconds` set.
    func timed(seconds: Double) -> IngestOutcome {
        IngestOutcome(status: status, table: table, source: source, rowsStored: rowsStored,
                      rowsRejected: rowsRejected, columns: columns, seconds: seconds)
    }

    /// One line for the end of `store ingest`.
    public var summary: String {
        switch status {
        case .unchanged(let id, let at):
            return "\(table): unchanged. \(source) with these options is already in the table (ingest #\(id), \(at))."
        case .ingested:
            let counts = ColumnType.allCases.compactMap { type -> String? in
                let count = columns.filter { $0.type == type }.count
                return count > 0 ? "\(count) \(type.rawValue)" : nil
            }
            let rejected = rowsRejected > 0 ? ", \(ProgressBar.grouped(rowsRejected)) rejected (see ingest_rejects)" : ", 0 rejected"
            return "\(table): \(ProgressBar.grouped(rowsStored)) rows, \(columns.count) columns (\(counts.joined(separator: ", ")))\(rejected), \(String(format: "%.2f", seconds)) s"
        }
    }
}

/// Ingests a CSV file into a table of the store, once and atomically.
///
/// (1) The file is read twice, streaming: first to check every record and infer
///     every column's type over the whole file (see `ColumnStats`) while
///     computing its SHA-256; then to write the rows. Memory is bounded by the
///     longest record, not the file.
/// (2) Everything written — the table, its rows, the catalog rows, the rejects —
///     is one transaction: the ingest lands whole or not at all.
/// (3) The same file (by SHA-256) with the same options into the same table
///     again changes nothing and says so.
/// (4) A different file or options into an existing table is an error unless
///     the mode is `replace` (drop and refill, in the same transaction) or
///     `append` (the same stored column names in the same order; the table's
///     types are kept and every value must fit them).
/// (5) Ragged records (a field count other than the header's) and text not
///     valid in the encoding are errors naming the file and line; with
///     `skipBad` they go to `ingest_rejects` and the ingest goes on.
/// (6) The table's first column is `row_id INTEGER PRIMARY KEY`, the record's
///     1-based number in the source (rejected records leave gaps); appends
///     continue after the table's largest `row_id`.
public enum CSVIngest {
    /// Runs the ingest of `source` into `table`. Errors are `StoreError`s that
    /// name the file, and the line where there is one.
    public static func run(
        source: String, table: String, options: CSVOptions, mode: IngestMode,
        into store: StoreFile, progress: ((IngestProgress) -> Void)? = nil
    ) throws -> IngestOutcome {
        do {
            return try ingest(source: source, table: table, options: options, mode: mode, into: store, progress: progress)
        } catch let error as CSVReadError {
            throw StoreError(error.description)
        }
    }

    private static func ingest(
        source: String, table: String, options: CSVOptions, mode: IngestMode,
        into store: StoreFile, progress: ((IngestProgress) -> Void)?
    ) throws -> IngestOutcome {
        let started = Date()
        let startedAt = Catalog.timestamp(started)
        try TableName.validate(table)
        let path = URL(fileURLWithPath: source).standardizedFileURL.path
        let scan = try CSVScan.read(path: path, options: options, progress: progress)
        let storedNames = ColumnNaming.storedNames(for: scan.headers)
        for column in options.types.keys.sorted() where !scan.headers.contains(column) && !storedNames.contains(column) {
            throw StoreError("--type \(column)=…: \(path) has no column '\(column)'. Its columns are \(storedNames.joined(separator: ", ")).")
        }

        let outcome = try store.queue.writeWithoutTransaction { db in
            var outcome: IngestOutcome?
            try db.inTransaction(.immediate) {
                let existing = try existingTable(named: table, in: db)
                let tableName = existing?.name ?? table
                let current = try Catalog.currentIngests(of: tableName, in: db)
                let optionsJSON = options.catalogJSON
                if existing != nil, let same = current.last(where: { $0.sourceSha256 == scan.sha256 && $0.options == optionsJSON && $0.kind == "csv" }), let id = same.id {
                    outcome = IngestOutcome(
                        status: .unchanged(ingestID: id, at: same.finishedAt), table: tableName, source: source,
                        rowsStored: 0, rowsRejected: 0, columns: [], seconds: 0)
                    return .rollback
                }
                var types: [ColumnType] = []
                var typeSources: [String] = []
                var firstRowID: Int64 = 1
                if let existing {
                    try makeRoom(in: existing, mode: mode, current: current, source: source, db: db)
                    if mode == .append {
                        types = try appendTypes(to: existing.name, storedNames: storedNames, in: db)
                        typeSources = Array(repeating: "existing table", count: types.count)
                        firstRowID = (try Int64.fetchOne(db, sql: "SELECT max(row_id) FROM \(SQLIdentifier.quoted(existing.name))") ?? 0) + 1
                    }
                }
                if types.isEmpty {
                    for (index, stats) in scan.stats.enumerated() {
                        if let chosen = options.types[scan.headers[index]] ?? options.types[storedNames[index]] {
                            types.append(chosen)
                            typeSources.append("option")
                        } else {
                            types.append(stats.inferredType)
                            typeSources.append("inferred")
                        }
                    }
                }
                try checkTypesFit(types: types, storedNames: storedNames, scan: scan, path: path)
                let recordedMode: IngestMode = existing == nil ? .create : mode
                if recordedMode != .append {
                    let definitions = zip(storedNames, types).map { "\(SQLIdentifier.quoted($0)) \($1.rawValue)" }
                    try db.execute(sql: "CREATE TABLE \(SQLIdentifier.quoted(tableName)) (\"row_id\" INTEGER PRIMARY KEY\(definitions.isEmpty ? "" : ", ")\(definitions.joined(separator: ", ")))")
                }
                var record = IngestRecord(
                    dataset: tableName, kind: "csv", mode: recordedMode.rawValue, sourcePath: path,
                    sourceSha256: scan.sha256, sourceBytes: scan.bytes, options: optionsJSON,
                    startedAt: startedAt, finishedAt: startedAt)
                try record.insert(db)
                guard let ingestID = record.id else { throw StoreError("the catalog did not return an ingest id.") }
                let loaded = try CSVLoad.write(
                    path: path, scan: scan, options: options, table: tableName, storedNames: storedNames,
                    types: types, firstRowID: firstRowID, ingestID: ingestID, db: db, progress: progress)
                for (index, stats) in scan.stats.enumerated() {
                    try IngestColumnRecord(
                        ingestId: ingestID, position: index + 1, sourceName: scan.headers[index],
                        storedName: storedNames[index], type: types[index].rawValue, typeSource: typeSources[index],
                        nullValues: stats.nulls, integerValues: stats.integers, realValues: stats.reals,
                        booleanValues: stats.booleans, textValues: stats.nonNumeric,
                        leadingZeroValues: stats.leadingZeros,
                        firstTextLine: stats.firstText.map { Int64($0.line) },
                        firstTextValue: stats.firstText.map { String($0.value.prefix(80)) }
                    ).insert(db)
                }
                record.rowsStored = Int64(loaded.stored)
                record.rowsRejected = Int64(loaded.rejected)
                record.finishedAt = Catalog.timestamp()
                try record.update(db)
                outcome = IngestOutcome(
                    status: .ingested(ingestID: ingestID), table: tableName, source: source,
                    rowsStored: loaded.stored, rowsRejected: loaded.rejected,
                    columns: zip(storedNames, types).map { StoredColumn(name: $0, type: $1) },
                    seconds: 0)
                return .commit
            }
            guard let outcome else { throw StoreError("the ingest of \(source) ended without an outcome.") }
            return outcome
        }
        return outcome.timed(seconds: Date().timeIntervalSince(started))
    }

    /// What an ingest into an existing table does first, by `mode`: `create`
    /// fails, naming where the table's rows came from; `replace` drops it (a
    /// view cannot be replaced); `append` leaves it, for the caller to check
    /// its columns.
    static func makeRoom(
        in existing: (name: String, kind: String), mode: IngestMode, current: [IngestRecord], source: String, db: Database
    ) throws {
        switch mode {
        case .create:
            let origin = current.last.map { " (from \($0.sourcePath), ingest #\($0.id ?? 0))" } ?? ""
            throw StoreError("the table '\(existing.name)' already exists\(origin) and holds other data. Pass --replace to replace its rows with \(source), or --append to add them.")
        case .replace:
            guard existing.kind == "table" else {
                throw StoreError("'\(existing.name)' is a view, not a table; it cannot be replaced by an ingest. Choose another --table name.")
            }
            try db.execute(sql: "DROP TABLE \(SQLIdentifier.quoted(existing.name))")
        case .append:
            break
        }
    }

    /// The table or view whose name matches `name` without regard to case.
    static func existingTable(named name: String, in db: Database) throws -> (name: String, kind: String)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", arguments: [name]) else {
            return nil
        }
        return (row["name"], row["type"])
    }

    /// The types of an existing table to append to, which must have a `row_id`
    /// key and then exactly `storedNames`.
    static func appendTypes(to table: String, storedNames: [String], in db: Database) throws -> [ColumnType] {
        let columns = try db.columns(in: table)
        let names = columns.map(\.name)
        guard names.map({ $0.lowercased() }) == (["row_id"] + storedNames).map({ $0.lowercased() }) else {
            let shown = names.first?.lowercased() == "row_id" ? names.dropFirst().joined(separator: ", ") : names.joined(separator: ", ") + " (and no row_id key)"
            throw StoreError("cannot append to '\(table)': its columns are \(shown) but the file's are \(storedNames.joined(separator: ", ")). Ingest it into another table, or use --replace.")
        }
        return columns.dropFirst().map { ColumnType(name: $0.type) ?? .text }
    }

    /// Fails, naming the column, line and value, when a value cannot be stored
    /// in the type chosen for its column.
    static func checkTypesFit(types: [ColumnType], storedNames: [String], scan: CSVScan, path: String) throws {
        for (index, type) in types.enumerated() {
            if let misfit = scan.stats[index].firstMisfit(for: type) {
                throw StoreError("\(path):\(misfit.line): column '\(storedNames[index])' is \(type.rawValue) but this record has \"\(misfit.value)\" there. Fix the value, or store the column as TEXT (--type \(storedNames[index])=TEXT).")
            }
        }
    }
}

/// The table names an ingest accepts: plain identifiers that are not the
/// store's own tables or SQLite's.
public enum TableName {
    public static func validate(_ name: String) throws {
        guard SQLIdentifier.isPlain(name) else {
            let suggestion = ColumnNaming.storedNames(for: [name], reserved: []).first ?? "data"
            throw StoreError("the table name '\(name)' is not a plain SQL name (letters, digits and _, not starting with a digit, not a word SQLite reserves). Try --table \(suggestion).")
        }
        guard !name.lowercased().hasPrefix("sqlite_") else {
            throw StoreError("table names starting with 'sqlite_' belong to SQLite. Choose another --table name.")
        }
        guard !StoreTables.own.contains(name.lowercased()) else {
            throw StoreError("'\(name)' is one of the store's own tables. Choose another --table name.")
        }
    }
}
