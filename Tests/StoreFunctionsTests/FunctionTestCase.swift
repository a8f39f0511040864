import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

/// A test case with a fresh store in a temporary folder, every store
/// function registered, and one-value query helpers.
class FunctionTestCase: XCTestCase {
    var folder: TestFolder!
    var store: StoreFile!

    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("store.db"), setup: StoreFunctions.setup)
    }

    /// The first column of the first row of `sql` (NULL when there is no row).
    func value(_ sql: String, _ arguments: StatementArguments = []) throws -> DatabaseValue {
        try store.queue.read { db in try DatabaseValue.fetchOne(db, sql: sql, arguments: arguments) ?? .null }
    }

    func real(_ sql: String, _ arguments: StatementArguments = []) throws -> Double? {
        Double.fromDatabaseValue(try value(sql, arguments))
    }

    func text(_ sql: String, _ arguments: StatementArguments = []) throws -> String? {
        String.fromDatabaseValue(try value(sql, arguments))
    }

    /// The SQL error message of `sql`, or nil when it runs.
    func error(_ sql: String, _ arguments: StatementArguments = []) -> String? {
        do {
            _ = try value(sql, arguments)
            return nil
        } catch let error as DatabaseError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
