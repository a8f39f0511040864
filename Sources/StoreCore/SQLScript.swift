import Foundation
import GRDB

/// Runs SQL text the way `store sql` does: every statement in order, each
/// result set written by a `ResultWriter`.
///
/// Statements run as SQLite runs them, each in its own implicit transaction
/// unless the script opens one (`BEGIN` … `COMMIT`; a transaction left open at
/// the end is rolled back and reported). When a statement fails,
/// the statements before it stay applied, a transaction the script left open
/// is rolled back, and the error names SQLite's message and the statement
/// (except `SQLITE_BUSY`, a lock another command held past the store's
/// `WriteWait`, which is rethrown as it is for `StoreFile.explain`).
public enum SQLScript {
    /// Runs `sql` on the store and returns how many statements ran.
    @discardableResult
    public static func run<Output>(_ sql: String, in store: StoreFile, writer: inout ResultWriter<Output>) throws -> Int {
        try store.queue.writeWithoutTransaction { db in
            var count = 0
            do {
                let statements = try db.allStatements(sql: sql)
                while let statement = try statements.next() {
                    count += 1
                    if statement.columnCount > 0 {
                        // The first row is fetched before anything is printed, so a
                        // statement that fails at once prints nothing but its error.
                        let rows = try Row.fetchCursor(statement)
                        let first = try rows.next()
                        writer.begin(columns: statement.columnNames)
                        if let first { writer.row(Array(first.databaseValues)) }
                        while let row = try rows.next() {
                            writer.row(Array(row.databaseValues))
                        }
                        writer.end()
                    } else {
                        try statement.execute()
                    }
                }
                if db.isInsideTransaction {
                    try db.execute(sql: "ROLLBACK")
                    throw StoreError("the SQL opened a transaction and did not commit it, so it was rolled back. End it with COMMIT.")
                }
            } catch let error as DatabaseError {
                if db.isInsideTransaction {
                    try db.execute(sql: "ROLLBACK")
                }
                // A lock held past --wait is explained by the command with the store's path.
                if error.resultCode == .SQLITE_BUSY { throw error }
                let statementText = error.sql.map { "\n  in: " + $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                throw StoreError("SQL error: \(error.message ?? "\(error)")\(statementText)")
            }
            if count == 0 {
                throw StoreError("no SQL statement was given. Pass one as an argument, with -f FILE, or on standard input.")
            }
            return count
        }
    }
}
