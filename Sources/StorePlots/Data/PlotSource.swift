import GRDB
import StoreCore

/// Where a plot's rows come from: a table or view of the store, or the
/// result of a SELECT given with `--sql`.
public enum PlotSource: Sendable, Equatable {
    case table(String)
    case query(String)

    /// The source named on the command line: exactly one of a table and a query.
    public init(table: String?, sql: String?) throws {
        switch (table, sql) {
        case (let table?, nil): self = .table(table)
        case (nil, let sql?): self = .query(sql)
        case (nil, nil): throw StoreError("name a table or view, or give a query with --sql \"SELECT …\".")
        case (_?, _?): throw StoreError("give a table or view, or --sql, not both.")
        }
    }

    /// The source checked against the store: its name for messages, the SQL
    /// to select from, and its columns.
    public func resolve(in db: Database) throws -> ResolvedSource {
        switch self {
        case .table(let name):
            let table = try TableSchema.lookup(name, in: db)
            return ResolvedSource(name: "'\(table.name)'", from: "\(SQLIdentifier.quoted(table.name)) AS source",
                                  columns: table.columns.map(\.name))
        case .query(let sql):
            var text = sql.trimmingCharacters(in: .whitespacesAndNewlines)
            while text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
            let statement: Statement
            do {
                statement = try db.makeStatement(sql: text)
            } catch let error as DatabaseError {
                throw StoreError("--sql: \(error.message ?? "\(error)"). Give one SELECT statement.")
            }
            guard statement.isReadonly, statement.columnCount > 0 else {
                throw StoreError("--sql: give one SELECT statement; a plot only reads.")
            }
            return ResolvedSource(name: "the --sql query", from: "(\(text)) AS source", columns: statement.columnNames)
        }
    }
}

/// A source ready for SQL: `from` goes after FROM and names the rows `source`.
public struct ResolvedSource: Sendable {
    /// For messages: `'credit'` or `the --sql query`.
    public let name: String
    public let from: String
    public let columns: [String]

    /// The column called `name` (any case) as stored; a `StoreError` listing
    /// the columns when there is none.
    public func column(_ name: String) throws -> String {
        guard let found = columns.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw StoreError("\(self.name) has no column '\(name)'; its columns are \(columns.joined(separator: ", ")).")
        }
        return found
    }

    /// `source."name"`, for SQL.
    public func sql(_ column: String) -> String {
        "source.\(SQLIdentifier.quoted(column))"
    }
}
