import GRDB
import StoreCore
import StoreFunctions
import XCTest

final class StoreFunctionsTests: FunctionTestCase {
    // MARK: - store_version

    func testStoreVersionIsRegisteredAndPure() throws {
        XCTAssertEqual(try text("SELECT store_version()"), StoreVersion.current)
        // Pure functions may appear in a generated column, which SQLite refuses for impure ones.
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a INTEGER, v TEXT GENERATED ALWAYS AS (store_version()) VIRTUAL)")
            try db.execute(sql: "INSERT INTO t (a) VALUES (1)")
        }
        XCTAssertEqual(try text("SELECT v FROM t"), StoreVersion.current)
    }
}
