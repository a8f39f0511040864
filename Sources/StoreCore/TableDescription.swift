import GRDB

/// What `store describe NAME` reports: a table's or view's columns with their
/// types and NULL counts, and for ingested tables where each column came from
/// and the ingests (source, SHA-256, options) that produced the rows.
public struct TableDescription: Sendable {
    public struct ColumnInfo: Sendable, Equatable {
        public let name: String
        /// The declared type ('' when a view's column has none).
        public let type: String
        public let nulls: Int
        /// The header the column was read from, when ingested.
        public let sourceName: String?
        /// How the latest ingest typed it, e.g. `3 values not numeric (first: line 17 "abc")`.
        public let note: String
    }

    public let name: String
    public let kind: TableSummary.Kind
    public let rows: Int
    public let columns: [ColumnInfo]
    /// The `CREATE VIEW` statement, for a view.
    public let viewSQL: String?
    /// The ingests whose rows make up the table now, oldest first.
    public let ingests: [IngestRecord]
    /// For a view written by `store select`: every candidate column of its
    /// source with its correlation and whether it was kept, in the source's order.
    public let selection: [SelectedColumn]

    /// One row of `feature_selection` (schema/0004_feature_selection.sql).
    public struct SelectedColumn: Sendable, Equatable, FetchableRecord, Decodable {
        public let source: String
        public let target: String
        public let keyColumn: String
        public let splitColumn: String?
        public let columnName: String
        public let method: String
        public let correlation: Double?
        public let threshold: Double
        public let kept: Bool
        public let rowsUsed: Int
        public let fittedOn: String
        public let note: String?
        public let createdAt: String

        public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

        /// The column's correlation and how it compares with the threshold,
        /// in words: `pearson r = 0.1234 with default_ on 700 train rows
        /// (|r| >= 0.05)`; the note for a column without one.
        public var reason: String {
            let rows = fittedOn == "train" ? "\(rowsUsed) train rows" : "\(rowsUsed) rows"
            guard let correlation else { return note ?? "no correlation" }
            let relation = kept ? ">=" : "<"
            return "\(method) r = \(String(format: "%.4f", correlation)) with \(target) on \(rows) (|r| \(relation) \(threshold))"
        }
    }

    /// Describes the table or view called `name`; a `StoreError` when there is none.
    public static func describe(_ name: String, in db: Database) throws -> TableDescription {
        let schema = try TableSchema.lookup(name, in: db)
        let storedName = schema.name
        let quotedName = SQLIdentifier.quoted(storedName)
        let columns = schema.columns
        let counts: [Int]
        if columns.isEmpty {
            counts = [try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quotedName)") ?? 0]
        } else {
            let nullCounts = columns.map { "count(*) - count(\(SQLIdentifier.quoted($0.name)))" }
            let row = try Row.fetchOne(db, sql: "SELECT count(*), \(nullCounts.joined(separator: ", ")) FROM \(quotedName)")
            counts = (0...columns.count).map { index in row.flatMap { $0[index] as Int? } ?? 0 }
        }
        let ingests = try Catalog.currentIngests(of: storedName, in: db)
        var recorded: [String: IngestColumnRecord] = [:]
        for ingest in ingests {
            guard let id = ingest.id else { continue }
            for column in try Catalog.columns(ofIngest: id, in: db) {
                recorded[column.storedName.lowercased()] = column
            }
        }
        let selection = schema.isView ? try Self.selection(of: storedName, in: db) : []
        let infos = columns.enumerated().map { index, column in
            let record = recorded[column.name.lowercased()]
            return ColumnInfo(
                name: column.name,
                type: column.type,
                nulls: counts[index + 1],
                sourceName: record?.sourceName ?? (column.name == "row_id" && !ingests.isEmpty ? "(record number)" : nil),
                note: record.map(note) ?? Self.selectionNote(column.name, selection) ?? "")
        }
        let kind: TableSummary.Kind = schema.isView ? .view : (StoreTables.own.contains(storedName) ? .storeTable : .table)
        return TableDescription(
            name: storedName, kind: kind, rows: counts[0], columns: infos,
            viewSQL: schema.viewSQL, ingests: ingests, selection: selection)
    }

    /// The `feature_selection` rows of the view `name`, in its source's column order.
    static func selection(of name: String, in db: Database) throws -> [SelectedColumn] {
        try SelectedColumn.fetchAll(db, sql: """
            SELECT source, target, key_column, split_column, column_name, method, correlation, threshold, kept, rows_used, fitted_on, note, created_at
            FROM feature_selection WHERE view_name = ? COLLATE NOCASE ORDER BY position
            """, arguments: [name])
    }

    /// Why `column` is in a view `store select` wrote: its correlation, or
    /// its role (target, key or split) for the others; nil for a view
    /// `store select` did not write.
    static func selectionNote(_ column: String, _ selection: [SelectedColumn]) -> String? {
        guard let first = selection.first else { return nil }
        if let chosen = selection.first(where: { $0.columnName.lowercased() == column.lowercased() && $0.kept }) {
            return "kept by store select: " + chosen.reason
        }
        let roles = [(first.target, "target"), (first.keyColumn, "key"), (first.splitColumn ?? "", "split")]
        guard let role = roles.first(where: { $0.0.lowercased() == column.lowercased() })?.1 else { return nil }
        return "the \(role) (store select)"
    }

    /// Says in words how an ingest typed a column: `3 of 50 values not
    /// numeric (first at line 17: "abc")`, `40 with leading zeros kept as
    /// text`, `50 TRUE/FALSE as 1/0`, `type from option`.
    static func note(_ column: IngestColumnRecord) -> String {
        var parts: [String] = []
        if column.typeSource != "inferred" {
            parts.append("type from \(column.typeSource)")
        }
        if column.booleanValues > 0 {
            parts.append("\(column.booleanValues) TRUE/FALSE as 1/0")
        }
        let numeric = column.integerValues + column.realValues + column.booleanValues
        if column.type == "TEXT" && numeric > 0 && column.textValues > 0 {
            var part = "\(column.textValues) of \(column.textValues + numeric) values not numeric"
            if let line = column.firstTextLine, let value = column.firstTextValue {
                part += " (first at line \(line): \"\(value)\")"
            }
            parts.append(part)
        }
        if column.leadingZeroValues > 0 {
            parts.append("\(column.leadingZeroValues) with leading zeros kept as text")
        }
        return parts.joined(separator: "; ")
    }
}
