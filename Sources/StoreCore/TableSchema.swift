import GRDB

/// A table's or view's name as stored and its columns with their declared
/// types: what a command needs to check column names and build SQL, read from
/// the schema alone, without scanning any rows.
public struct TableSchema: Sendable {
    public struct Column: Sendable, Equatable {
        public let name: String
        /// The declared type ('' when a view's column has none).
        public let type: String
    }

    /// The name as stored (the lookup ignores case).
    public let name: String
    public let isView: Bool
    public let columns: [Column]
    /// The `CREATE VIEW` statement, for a view.
    public let viewSQL: String?

    /// The table or view called `name`, in any case; a `StoreError` when there is none.
    public static func lookup(_ name: String, in db: Database) throws -> TableSchema {
        guard let entry = try Row.fetchOne(db, sql: """
            SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE
            """, arguments: [name]) else {
            throw StoreError("no table or view named '\(name)' in this store. `store tables` lists them.")
        }
        let storedName: String = entry["name"]
        let isView = (entry["type"] as String) == "view"
        let columns = try db.columns(in: storedName).map { Column(name: $0.name, type: $0.type) }
        return TableSchema(name: storedName, isView: isView, columns: columns, viewSQL: isView ? entry["sql"] : nil)
    }

    /// The column called `name`, in any case.
    public func column(_ name: String) -> Column? {
        columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Throws a `StoreError` listing the columns when any of `names` is not one of them.
    public func requireColumns(_ names: [String]) throws {
        for name in names where column(name) == nil {
            throw StoreError("'\(self.name)' has no column '\(name)'; its columns are \(columns.map(\.name).joined(separator: ", ")).")
        }
    }
}
