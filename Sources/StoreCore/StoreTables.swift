import GRDB

/// The tables and views of a store, as `store tables` lists them.
public struct TableSummary: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case table, view
        /// A table of the store's own (the catalog, later models and metrics).
        case storeTable = "store table"
    }

    public let name: String
    public let kind: Kind
    /// Row count; for a view, the rows it returns now.
    public let rows: Int
}

/// The store's own tables and the listing of a store's contents.
public enum StoreTables {
    /// The tables the migrations in schema/ create. A test checks this list
    /// against a freshly migrated file.
    public static let own: Set<String> = [
        "ingests", "ingest_columns", "ingest_rejects",
        "models", "predictions", "metrics", "confusion", "roc_curve", "pr_curve", "cv_scores", "search_results", "feature_importance",
        "training_log", "model_arrays",
        "feature_selection",
    ]

    /// Every table and view except SQLite's internal ones: the user's tables
    /// first, then views, then the store's own tables that hold rows (an
    /// empty one, such as `models` before any training, is left out), each
    /// group by name. Counting a view's rows runs it.
    public static func list(in db: Database) throws -> [TableSummary] {
        let entries = try Row.fetchAll(db, sql: """
            SELECT name, type FROM sqlite_schema
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY name
            """)
        var summaries: [TableSummary] = []
        for entry in entries {
            let name: String = entry["name"]
            let type: String = entry["type"]
            let kind: TableSummary.Kind = type == "view" ? .view : (own.contains(name) ? .storeTable : .table)
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLIdentifier.quoted(name))") ?? 0
            if kind == .storeTable && rows == 0 { continue }
            summaries.append(TableSummary(name: name, kind: kind, rows: rows))
        }
        let order: [TableSummary.Kind: Int] = [.table: 0, .view: 1, .storeTable: 2]
        return summaries.sorted { (order[$0.kind] ?? 0, $0.name) < (order[$1.kind] ?? 0, $1.name) }
    }

    /// Whether a table or view called `name` exists (SQLite compares names
    /// without regard to ASCII case).
    public static func exists(_ name: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", arguments: [name]) ?? false
    }
}
