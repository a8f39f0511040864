import Foundation
import GRDB
import StoreCore
import StoreTestSupport
import Synchronization
import XCTest

/// Two connections to one store, as two `store` commands have: opening and
/// reading never wait for a writer; a second writer waits (WriteWait) and
/// then lands, or fails with a sentence once its wait is over.
final class WriteWaitTests: XCTestCase {
    /// Holds the write lock of the store at `path` (BEGIN IMMEDIATE, one row
    /// inserted) on another thread from `init` until `commit()`.
    private final class LockHolder: Sendable {
        private let release = DispatchSemaphore(value: 0)
        private let done = DispatchSemaphore(value: 0)

        init(path: String) {
            let taken = DispatchSemaphore(value: 0)
            Thread { [release, done] in
                do {
                    let holder = try StoreFile.open(at: path, wait: WriteWait(seconds: 0))
                    try holder.queue.write { db in
                        try db.execute(sql: "INSERT INTO t VALUES (1)")
                        taken.signal()
                        release.wait()
                    }
                } catch {
                    XCTFail("the lock holder failed: \(error)")
                    taken.signal()
                }
                done.signal()
            }.start()
            taken.wait()
        }

        /// Commits the held transaction and waits until it has.
        func commit() {
            release.signal()
            done.wait()
        }

        /// Commits after `seconds`, on another thread.
        func commit(after seconds: Double) {
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [release] in release.signal() }
        }
    }

    var folder: TestFolder!
    /// A store with an empty table t (x INTEGER).
    var path = ""

    override func setUpWithError() throws {
        folder = try TestFolder()
        let store = try folder.openStore()
        try store.queue.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        path = store.path
    }

    func testOpeningAndReadingDoNotWaitForAWriter() throws {
        let holder = LockHolder(path: path)
        defer { holder.commit() }
        let started = ContinuousClock.now
        // --wait 0: any lock taken on the way would fail at once.
        let reader = try StoreFile.open(at: path, wait: WriteWait(seconds: 0))
        let count = try reader.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }
        XCTAssertEqual(count, 0, "the reader sees the committed state, not the open transaction")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
    }

    func testASecondWriterWaitsSaysSoOnceAndLands() throws {
        let holder = LockHolder(path: path)
        let notices = Mutex<[String]>([])
        let wait = WriteWait(seconds: 30, noticeAfter: 0.05) { message in notices.withLock { $0.append(message) } }
        let second = try StoreFile.open(at: path, wait: wait)
        holder.commit(after: 0.5)
        let started = ContinuousClock.now
        try second.queue.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
        XCTAssertGreaterThan(ContinuousClock.now - started, .milliseconds(300), "it waited for the first writer")
        XCTAssertEqual(try second.queue.read { db in try Int.fetchAll(db, sql: "SELECT x FROM t ORDER BY x") }, [1, 2])
        XCTAssertEqual(notices.withLock { $0 }, ["waiting for another store command to finish writing \(path)…"])
    }

    func testAWaitThatRunsOutIsASentence() throws {
        let holder = LockHolder(path: path)
        defer { holder.commit() }
        for seconds in [0, 0.2] {
            let wait = WriteWait(seconds: seconds)
            let second = try StoreFile.open(at: path, wait: wait)
            let started = ContinuousClock.now
            XCTAssertThrowsError(try second.queue.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }) { error in
                guard let error = error as? DatabaseError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.resultCode, .SQLITE_BUSY)
                let explained = StoreFile.explain(error, path: "data/demo.db", wait: wait).message
                let held = seconds == 0 ? "holds it (--wait 0 fails at once)" : "still held it after 0.2 s"
                XCTAssertEqual(explained, "the store data/demo.db is locked: another store command is writing it and \(held). Run this again when that command has finished, or give --wait SECONDS to wait longer.")
            }
            let waited = ContinuousClock.now - started
            XCTAssertGreaterThanOrEqual(waited, .milliseconds(Int(seconds * 1000)))
            XCTAssertLessThan(waited, .seconds(5))
        }
    }

    func testOnlyAFileWithoutADatabaseIsAskedWhetherItIsSQLite() {
        let notADatabase = DatabaseError(resultCode: .SQLITE_NOTADB, message: "file is not a database")
        XCTAssertEqual(StoreFile.explain(notADatabase, path: "x.db", wait: WriteWait()).message,
                       "cannot open the store x.db: file is not a database. Is it a SQLite file?")
        let readOnly = DatabaseError(resultCode: .SQLITE_READONLY, message: "attempt to write a readonly database")
        XCTAssertEqual(StoreFile.explain(readOnly, path: "x.db", wait: WriteWait()).message,
                       "cannot use the store x.db: attempt to write a readonly database.")
    }

    func testWaitsAreClampedToSaneSeconds() {
        XCTAssertEqual(WriteWait(seconds: -3).seconds, 0)
        XCTAssertEqual(WriteWait(seconds: .nan).seconds, 0)
        XCTAssertEqual(WriteWait(seconds: .infinity).seconds, WriteWait.longest)
        XCTAssertEqual(WriteWait().seconds, 60)
    }
}
