import Foundation
import GRDB

/// An open store: one SQLite file in WAL mode (GRDB sets synchronous =
/// NORMAL, the usual choice with WAL), brought up to date with the
/// migrations in schema/, with the store's SQL functions registered on its
/// connection.
///
/// ```swift
/// let store = try StoreFile.open(at: "credit.db")   // created when missing
/// try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ingests") }
/// ```
public struct StoreFile: Sendable {
    /// Absolute path of the file.
    public let path: String
    /// The connection. Its writes are serialized; its reads see committed data.
    public let queue: DatabaseQueue

    /// The schema version the file had before this open (0 for a new file).
    public let schemaVersionBefore: Int
    /// The schema version it has now: the number of applied migrations.
    public var schemaVersion: Int { Migrations.all.count }

    /// Work done on the connection when it opens, such as registering SQL
    /// functions (see StoreFunctions).
    public typealias ConnectionSetup = @Sendable (Database) throws -> Void

    /// Opens the store at `path`, creating the file when missing, switching it to
    /// WAL mode and applying any migrations it lacks. `setup` runs on the
    /// connection as it opens; `wait` says how long to wait for another
    /// command that is writing the store.
    ///
    /// Opening takes no lock that a writer holds: the schema version is read
    /// first, and the write lock is taken (and the version read again under
    /// it) only when a migration is due. So a store can be read while another
    /// command writes it (docs/concurrency.md).
    ///
    /// Fails with a `StoreError` naming the path when the folder does not exist,
    /// the file is not a SQLite database, it was written by a newer `store`, or
    /// another command kept it locked for longer than `wait` allows.
    public static func open(at path: String, setup: ConnectionSetup? = nil, wait: WriteWait = WriteWait()) throws -> StoreFile {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let folder = (absolute as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError("cannot create the store \(absolute): the folder \(folder) does not exist. Create it first, or give another --db path.")
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        configuration.busyMode = wait.busyMode(path: path)
        configuration.prepareDatabase { db in
            // Takes effect only when the file is new (before WAL mode is set).
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            try setup?(db)
        }
        do {
            // GRDB runs `PRAGMA journal_mode = WAL` here, which takes no lock
            // when the file is in WAL mode already.
            let queue = try DatabaseQueue(path: absolute, configuration: configuration)
            let before = try queue.read { db in try Migrations.appliedCount(db) }
            if before > Migrations.all.count {
                throw StoreError("the store \(absolute) has schema version \(before), newer than this store \(StoreVersion.current) knows (\(Migrations.all.count)). Use a newer store.")
            }
            if before < Migrations.all.count {
                // Migrations.apply reads the version again inside the write
                // transaction: another command may have migrated meanwhile.
                try queue.write { db in try Migrations.apply(db) }
            }
            return StoreFile(path: absolute, queue: queue, schemaVersionBefore: before)
        } catch let error as DatabaseError {
            throw explain(error, path: absolute, wait: wait)
        }
    }

    /// A `StoreError` for a SQLite error met while using the store at `path`:
    /// a lock held past `wait` says so; "Is it a SQLite file?" is asked only
    /// when SQLite found no database in the file (`SQLITE_NOTADB`).
    public static func explain(_ error: DatabaseError, path: String, wait: WriteWait) -> StoreError {
        let message = error.message ?? "\(error)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError("cannot open the store \(path): \(message). Is it a SQLite file?")
        case .SQLITE_BUSY:
            let seconds = wait.seconds.rounded() == wait.seconds ? "\(Int(wait.seconds))" : "\(wait.seconds)"
            let waited = wait.seconds > 0 ? "still held it after \(seconds) s" : "holds it (--wait 0 fails at once)"
            return StoreError("the store \(path) is locked: another store command is writing it and \(waited). Run this again when that command has finished, or give --wait SECONDS to wait longer.")
        default:
            return StoreError("cannot use the store \(path): \(message).")
        }
    }

    /// The page size of new store files, in bytes. Analytics tables are read
    /// and written in bulk; 16 KiB pages halve the WAL frames and B-tree pages
    /// of a bulk load against SQLite's 4 KiB default (bench/ingest measures it).
    public static let pageSize = 16_384

    /// The path a command uses when no `--db` is given: `$STORE_DB` when set and
    /// not empty, otherwise `store.db` in the current folder.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let fromEnvironment = environment["STORE_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "store.db"
    }
}
