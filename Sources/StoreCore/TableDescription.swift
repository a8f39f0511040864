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
        let infos = columns.enumerated().map { index, column in
            let record = recorded[column.name.lowercased()]
            return ColumnInfo(
                name: column.name,
                type: column.type,
                nulls: counts[index + 1],
                sourceName: record?.sourceName ?? (column.name == "row_id" && !ingests.isEmpty ? "(record number)" : nil),
                note: record.map(note) ?? "")
        }
        let kind: TableSummary.Kind = schema.isView ? .view : (StoreTables.own.contains(storedName) ? .storeTable : .table)
        return TableDescription(
            name: storedName, kind: kind, rows: counts[0], columns: infos,
            viewSQL: schema.viewSQL, ingests: ingests)
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
