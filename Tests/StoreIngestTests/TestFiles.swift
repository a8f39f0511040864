import Foundation
import GRDB
import StoreCore
@_exported import StoreTestSupport

/// Every row of a table as text (NULL as "NULL", reals as Swift prints them),
/// ordered by row_id.
func rows(_ table: String, in store: StoreFile) throws -> [[String]] {
    try store.queue.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quoted(table)) ORDER BY row_id").map { row in
            row.databaseValues.map { CellText.plainText($0) }
        }
    }
}

/// The whole content of a store (schema and every row of every table), to
/// check that a failed ingest changed nothing.
func snapshot(_ store: StoreFile) throws -> [String] {
    try store.queue.read { db in
        var lines = try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quoted(table))") {
                lines.append(table + ": " + row.databaseValues.map { CellText.plainText($0) }.joined(separator: "|"))
            }
        }
        return lines
    }
}
