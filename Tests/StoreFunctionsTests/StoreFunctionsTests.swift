import Foundation
import GRDB
import StoreCore
import StoreFunctions
import XCTest

final class StoreFunctionsTests: XCTestCase {
    // MARK: - store_version

    func testStoreVersionIsRegisteredAndPure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-functions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreFile.open(at: folder.appendingPathComponent("f.db").path, setup: StoreFunctions.setup)
        let version = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT store_version()") }
        XCTAssertEqual(version, StoreVersion.current)
        // Pure functions may appear in a generated column, which SQLite refuses for impure ones.
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a INTEGER, v TEXT GENERATED ALWAYS AS (store_version()) VIRTUAL)")
            try db.execute(sql: "INSERT INTO t (a) VALUES (1)")
        }
        let stored = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT v FROM t") }
        XCTAssertEqual(stored, StoreVersion.current)
    }
}
