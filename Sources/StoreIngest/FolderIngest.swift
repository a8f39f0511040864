import Dispatch
import Foundation
import GRDB
import StoreCore
import Synchronization

/// Why one file of a folder ingest cannot become a row, in a phrase that
/// follows the file's path ("not a PNG or JPEG image (starts with 'GIF8')").
public struct FileRejection: Error, Sendable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}

/// A column of a folder ingest's table, after `row_id`.
public struct FolderColumn: Sendable, Equatable {
    public let name: String
    /// The declared SQL type: INTEGER, REAL, TEXT or BLOB.
    public let type: String

    public init(_ name: String, _ type: String) {
        self.name = name
        self.type = type
    }
}

/// What a folder ingest writes and how: the parts that differ between the
/// audio and the image ingests.
public struct FolderIngestPlan: Sendable {
    /// The catalog's kind: "audio" or "image".
    public let kind: String
    public let table: String
    public let mode: IngestMode
    public let skipBad: Bool
    /// The options that shape the rows, as sorted-key JSON, for the catalog
    /// and for recognising the same ingest again.
    public let options: String
    public let columns: [FolderColumn]
}

/// What a folder ingest did.
public struct FolderIngestOutcome: Sendable {
    public let status: IngestOutcome.Status
    public let table: String
    public let folder: String
    public let filesFound: Int
    public let rowsStored: Int
    public let rowsRejected: Int
    public let hidden: [String]
    public let unsupported: [String]
    public let unlisted: [String]
    /// Files with the same SHA-256 as an earlier file of the folder.
    public let duplicates: Int
    public let seconds: Double

    /// The lines printed at the end of `store ingest audio|images`.
    public func summary(noun: String) -> [String] {
        var lines: [String] = []
        switch status {
        case .unchanged(let id, let at):
            lines.append("\(table): unchanged. \(folder) with these options is already in the table (ingest #\(id), \(at)).")
        case .ingested:
            let rejected = rowsRejected > 0 ? ", \(ProgressBar.grouped(rowsRejected)) rejected (see ingest_rejects)" : ", 0 rejected"
            let rate = seconds > 0 ? String(format: ", %.1f files/s", Double(filesFound) / seconds) : ""
            lines.append("\(table): \(ProgressBar.grouped(rowsStored)) \(noun)\(rejected), \(String(format: "%.2f", seconds)) s\(rate)")
        }
        if duplicates > 0, case .ingested = status {
            lines.append("\(duplicates) file\(duplicates == 1 ? " has" : "s have") the same bytes as an earlier file (same SHA-256; see the sha256 column)")
        }
        for (list, why) in [(hidden, "hidden"), (unsupported, "not of a type this ingest reads"), (unlisted, "not in the manifest")] where !list.isEmpty {
            let shown = list.prefix(5).joined(separator: ", ")
            let more = list.count > 5 ? " and \(list.count - 5) more" : ""
            lines.append("skipped \(list.count) file\(list.count == 1 ? "" : "s") \(why): \(shown)\(more)")
        }
        return lines
    }
}

/// Ingests the files of a folder into a table, one row per file, once and
/// atomically: the shared engine of `store ingest audio` and `store ingest images`.
///
/// (1) Files are turned into rows by `row` on every core, a chunk at a time
///     with the next chunk already started, while this thread — the only
///     writer — writes the chunk before, so memory holds at most three chunks
///     of rows whatever the folder's size.
/// (2) Rows are written in the folder's sorted order; `row_id` is the file's
///     position in it (after the table's largest `row_id` when appending).
/// (3) Everything — the table, the rows, the catalog row, the rejects — is one
///     transaction: the ingest lands whole or not at all.
/// (4) The same folder (by its SHA-256, see `FolderSource`) with the same
///     options into the same table again changes nothing and says so; other
///     content into an existing table needs `replace` or `append`, as for CSV.
/// (5) A file `row` rejects is an error naming it, unless `skipBad`: then it
///     goes to `ingest_rejects` (line = its position, raw = its relative
///     path, the reason) and the ingest goes on.
public enum FolderIngest {
    public static func run(
        source: FolderSource, plan: FolderIngestPlan, into store: StoreFile,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
        row: @escaping @Sendable (FolderSource.File) throws(FileRejection) -> [DatabaseValue]
    ) throws -> FolderIngestOutcome {
        let started = Date()
        let startedAt = Catalog.timestamp(started)
        try TableName.validate(plan.table)
        func outcome(_ status: IngestOutcome.Status, table: String, stored: Int, rejected: Int) -> FolderIngestOutcome {
            FolderIngestOutcome(
                status: status, table: table, folder: source.folder, filesFound: source.files.count,
                rowsStored: stored, rowsRejected: rejected, hidden: source.hidden, unsupported: source.unsupported, unlisted: source.unlisted,
                duplicates: source.files.count - Set(source.files.map(\.sha256)).count, seconds: Date().timeIntervalSince(started))
        }
        return try store.queue.writeWithoutTransaction { db in
            var result: FolderIngestOutcome?
            try db.inTransaction(.immediate) {
                let existing = try CSVIngest.existingTable(named: plan.table, in: db)
                let tableName = existing?.name ?? plan.table
                let current = try Catalog.currentIngests(of: tableName, in: db)
                if existing != nil, let same = current.last(where: { $0.sourceSha256 == source.sha256 && $0.options == plan.options && $0.kind == plan.kind }), let id = same.id {
                    result = outcome(.unchanged(ingestID: id, at: same.finishedAt), table: tableName, stored: 0, rejected: 0)
                    return .rollback
                }
                var firstRowID: Int64 = 0
                if let existing {
                    try CSVIngest.makeRoom(in: existing, mode: plan.mode, current: current, source: source.folder, db: db)
                    if plan.mode == .append {
                        try checkAppend(to: existing.name, columns: plan.columns, in: db)
                        firstRowID = try Int64.fetchOne(db, sql: "SELECT max(row_id) FROM \(SQLIdentifier.quoted(existing.name))") ?? 0
                    }
                }
                let recordedMode: IngestMode = existing == nil ? .create : plan.mode
                if recordedMode != .append {
                    let definitions = plan.columns.map { "\(SQLIdentifier.quoted($0.name)) \($0.type)" }
                    try db.execute(sql: "CREATE TABLE \(SQLIdentifier.quoted(tableName)) (\"row_id\" INTEGER PRIMARY KEY, \(definitions.joined(separator: ", ")))")
                }
                var record = IngestRecord(
                    dataset: tableName, kind: plan.kind, mode: recordedMode.rawValue, sourcePath: source.folder,
                    sourceSha256: source.sha256, sourceBytes: source.bytes, options: plan.options,
                    startedAt: startedAt, finishedAt: startedAt)
                try record.insert(db)
                guard let ingestID = record.id else { throw StoreError("the catalog did not return an ingest id.") }
                let counts = try write(source: source, plan: plan, table: tableName, firstRowID: firstRowID,
                                       ingestID: ingestID, db: db, progress: progress, row: row)
                record.rowsStored = Int64(counts.stored)
                record.rowsRejected = Int64(counts.rejected)
                record.finishedAt = Catalog.timestamp()
                try record.update(db)
                result = outcome(.ingested(ingestID: ingestID), table: tableName, stored: counts.stored, rejected: counts.rejected)
                return .commit
            }
            guard let result else { throw StoreError("the ingest of \(source.folder) ended without an outcome.") }
            return result
        }
    }

    /// The rows of `files` made on every core, started now and collected by `wait`.
    private final class Chunk: Sendable {
        private let rows = Mutex<[Result<[DatabaseValue], FileRejection>]>([])
        private let done = DispatchGroup()

        init(_ files: ArraySlice<FolderSource.File>, row: @escaping @Sendable (FolderSource.File) throws(FileRejection) -> [DatabaseValue]) {
            let files = Array(files)
            done.enter()
            DispatchQueue.global().async { [self] in
                let made = Parallel.map(files.count) { index in
                    Result { () throws(FileRejection) in try row(files[index]) }
                }
                rows.withLock { $0 = made }
                done.leave()
            }
        }

        func wait() -> [Result<[DatabaseValue], FileRejection>] {
            done.wait()
            return rows.withLock { $0 }
        }
    }

    private static func write(
        source: FolderSource, plan: FolderIngestPlan, table: String, firstRowID: Int64, ingestID: Int64,
        db: Database, progress: ((Int, Int) -> Void)?,
        row: @escaping @Sendable (FolderSource.File) throws(FileRejection) -> [DatabaseValue]
    ) throws -> (stored: Int, rejected: Int) {
        let names = ["row_id"] + plan.columns.map(\.name)
        let insert = try db.makeStatement(sql: "INSERT INTO \(SQLIdentifier.quoted(table)) (\(names.map(SQLIdentifier.quoted).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
        let reject = try db.makeStatement(sql: "INSERT INTO ingest_rejects (ingest_id, line, raw, reason) VALUES (?, ?, ?, ?)")
        let files = source.files
        let chunkSize = max(32, 16 * Parallel.coreCount)
        let chunkCount = (files.count + chunkSize - 1) / chunkSize
        func start(_ index: Int) -> Chunk? {
            guard index < chunkCount else { return nil }
            return Chunk(files[(index * chunkSize)..<min((index + 1) * chunkSize, files.count)], row: row)
        }
        // Two chunks in flight, so the cores never wait at a chunk's end for
        // its slowest file while the writer catches up.
        var inFlight = [start(0), start(1)].compactMap { $0 }
        var next = 2
        var stored = 0
        var rejected = 0
        for index in 0..<chunkCount {
            let made = inFlight.removeFirst().wait()
            if let chunk = start(next) { inFlight.append(chunk) }
            next += 1
            for (offset, result) in made.enumerated() {
                let file = files[index * chunkSize + offset]
                switch result {
                case .success(let values):
                    guard values.count == plan.columns.count else {
                        throw StoreError("\(file.absolutePath): the ingest made \(values.count) values for \(plan.columns.count) columns.")
                    }
                    try insert.execute(arguments: StatementArguments([(firstRowID + Int64(file.position)).databaseValue] + values))
                    stored += 1
                case .failure(let rejection):
                    guard plan.skipBad else {
                        throw StoreError("\(file.absolutePath): \(rejection.reason). Fix or remove the file, or pass --skip-bad to set it aside in ingest_rejects; nothing was written.")
                    }
                    try reject.execute(arguments: [ingestID, file.position, file.relativePath, rejection.reason])
                    rejected += 1
                }
            }
            progress?(min((index + 1) * chunkSize, files.count), files.count)
        }
        return (stored, rejected)
    }

    /// Fails unless `table` has `row_id` then exactly `columns`, by name.
    private static func checkAppend(to table: String, columns: [FolderColumn], in db: Database) throws {
        let names = try db.columns(in: table).map { $0.name.lowercased() }
        let wanted = (["row_id"] + columns.map(\.name)).map { $0.lowercased() }
        guard names == wanted else {
            throw StoreError("cannot append to '\(table)': its columns are \(names.joined(separator: ", ")) but this ingest writes \(wanted.joined(separator: ", ")). Use the same options as the first ingest, another --table, or --replace.")
        }
    }
}
