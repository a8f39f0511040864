import Foundation
import GRDB
import StoreCore

/// `store select`: keeps the columns of a table whose absolute correlation
/// with a target is at least a threshold, as the credit-scoring notebooks
/// do (`corr = df.corr()[target].abs(); keep = corr[corr >= threshold]`),
/// writes a view of them, and records the choice in `feature_selection`.
///
/// (1) Candidates are the table's columns other than the key, the split
///     column and the target, in the table's order.
/// (2) Only numeric columns are correlated (every non-NULL value INTEGER or
///     REAL, over all rows), as `df.corr()` with `numeric_only=True`; a
///     column holding text is left out of the view with the note 'text
///     column' — encode it in SQL first (e.g. `dense_rank() OVER (ORDER BY
///     c) - 1`) to have it scored.
/// (3) With a split column, the correlations are fitted on the rows whose
///     split is 'train' (the view keeps every row); without one, on all rows.
/// (4) Each column's correlation is `CorrelationMethod`'s (pandas'
///     `Series.corr`, pairwise-complete rows); a column whose correlation is
///     undefined (constant, or fewer than 2 complete rows) is dropped with
///     the note 'constant' (pandas' NaN fails `>=` too).
/// (5) Kept when |r| >= threshold. The view is `key, split (when present),
///     target, kept columns` in the table's order; a view of the same name
///     written by an earlier `store select` is replaced, any other table or
///     view of that name is an error.
/// (6) The target must be numeric (a 0/1 class, or a number).
public struct FeatureSelection: Sendable {
    public let table: String
    public let target: String
    public let threshold: Double
    public let method: CorrelationMethod
    public let view: String
    public let key: String
    public let splitColumn: String

    /// One candidate column and what became of it.
    public struct Choice: Sendable, Equatable {
        public let column: String
        /// 1-based, among the table's columns.
        public let position: Int
        public let correlation: Double?
        public let kept: Bool
        public let rowsUsed: Int
        /// Why the column was not scored or has no correlation, else nil.
        public let note: String?
    }

    /// What `write` did.
    public struct Outcome: Sendable {
        public let choices: [Choice]
        /// The view's columns, in order.
        public let viewColumns: [String]
        /// 'train' or 'all'.
        public let fittedOn: String
        /// The rows the correlations were fitted on.
        public let rows: Int

        public var kept: [Choice] { choices.filter(\.kept) }

        /// The choices as rows for `ResultWriter`: kept first, each group by
        /// decreasing |r|, then the table's order.
        public var table: (columns: [String], rows: [[DatabaseValue]]) {
            let ordered = choices.sorted { left, right in
                if left.kept != right.kept { return left.kept }
                let l = left.correlation.map(abs) ?? -1, r = right.correlation.map(abs) ?? -1
                return l != r ? l > r : left.position < right.position
            }
            return (["column", "correlation", "abs_correlation", "kept", "rows", "note"],
                    ordered.map { choice in
                        [choice.column.databaseValue, choice.correlation.databaseValue, choice.correlation.map(abs).databaseValue,
                         (choice.kept ? "yes" : "no").databaseValue, choice.rowsUsed.databaseValue, (choice.note ?? "").databaseValue]
                    })
        }
    }

    public init(table: String, target: String, threshold: Double, method: CorrelationMethod = .pearson,
                view: String, key: String = "row_id", splitColumn: String = "split") throws {
        guard threshold.isFinite, threshold >= 0, threshold <= 1 else {
            throw StoreError("--min-abs-corr must be between 0 and 1 (an absolute correlation), not \(threshold).")
        }
        self.table = table
        self.target = target
        self.threshold = threshold
        self.method = method
        self.view = view
        self.key = key
        self.splitColumn = splitColumn
    }

    /// Measures every candidate column, writes the view and records the
    /// choice, in the caller's transaction.
    public func write(in db: Database) throws -> Outcome {
        let schema = try TableSchema.lookup(table, in: db)
        try schema.requireColumns([key, target])
        guard view.lowercased() != schema.name.lowercased() else {
            throw StoreError("--view \(view) is the table being selected from; give the view another name.")
        }
        let q = SQLIdentifier.quoted
        let split = schema.column(splitColumn)
        let excluded = Set([key, target, splitColumn].map { $0.lowercased() })
        let candidates = schema.columns.enumerated().filter { !excluded.contains($0.element.name.lowercased()) }
        guard !candidates.isEmpty else {
            throw StoreError("'\(schema.name)' has no columns to select from besides \(key), \(target) and \(splitColumn).")
        }
        let source = q(schema.name)
        let targetName = schema.column(target)?.name ?? target
        let keyName = schema.column(key)?.name ?? key

        // Rule (2): which columns hold text anywhere.
        let textCounts = candidates.map { "sum(typeof(\(q($0.element.name))) IN ('text', 'blob'))" } + ["sum(typeof(\(q(targetName))) IN ('text', 'blob'))"]
        let typeRow = try Row.fetchOne(db, sql: "SELECT \(textCounts.joined(separator: ", ")) FROM \(source)")
        let holdsText = (0...candidates.count).map { ((typeRow?[$0] as Int?) ?? 0) > 0 }
        if holdsText[candidates.count] {
            throw StoreError("the target \(targetName) of '\(schema.name)' holds text; correlations need a number. Encode it in a view first, e.g. (\(targetName) = 'yes') AS \(targetName).")
        }

        // Rule (3): the fitted rows.
        let filter = split.map { " WHERE \(q($0.name)) = 'train'" } ?? ""
        let numeric = candidates.enumerated().filter { !holdsText[$0.offset] }.map(\.element)
        let selected = ([targetName] + numeric.map(\.element.name)).map(q).joined(separator: ", ")
        var columns = [[Double?]](repeating: [], count: numeric.count + 1)
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(selected) FROM \(source)\(filter)")
        var rows = 0
        while let row = try cursor.next() {
            rows += 1
            for index in columns.indices { columns[index].append(row[index] as Double?) }
        }
        if split != nil && rows == 0 {
            throw StoreError("'\(schema.name)' has a \(splitColumn) column but no rows with \(splitColumn) = 'train' to fit the correlations on. Split it first (store split), or give --split-column another column.")
        }

        var measured: [Int: (Double?, Int)] = [:]
        for (index, candidate) in numeric.enumerated() {
            measured[candidate.offset] = method.coefficient(columns[index + 1], columns[0])
        }
        let choices = candidates.map { offset, column -> Choice in
            guard let (value, pairs) = measured[offset] else {
                return Choice(column: column.name, position: offset + 1, correlation: nil, kept: false, rowsUsed: 0, note: "text column")
            }
            guard let value else {
                return Choice(column: column.name, position: offset + 1, correlation: nil, kept: false, rowsUsed: pairs, note: "constant")
            }
            return Choice(column: column.name, position: offset + 1, correlation: value, kept: abs(value) >= threshold, rowsUsed: pairs, note: nil)
        }

        // Rule (5): the view.
        let viewColumns = [keyName] + (split.map { [$0.name] } ?? []) + [targetName] + choices.filter(\.kept).map(\.column)
        try replaceView(in: db)
        try db.execute(sql: "CREATE VIEW \(q(view)) AS SELECT \(viewColumns.map(q).joined(separator: ", ")) FROM \(source)")
        let fittedOn = split == nil ? "all" : "train"
        let insert = try db.makeStatement(sql: """
            INSERT INTO feature_selection (view_name, source, target, key_column, split_column, column_name, position, method, correlation, threshold,
                                           kept, rows_used, fitted_on, note, created_at, tool_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let now = Catalog.timestamp()
        for choice in choices {
            try insert.execute(arguments: [view, schema.name, targetName, keyName, split?.name, choice.column, choice.position, method.rawValue, choice.correlation,
                                           threshold, choice.kept, choice.rowsUsed, fittedOn, choice.note, now, StoreVersion.current])
        }
        return Outcome(choices: choices, viewColumns: viewColumns, fittedOn: fittedOn, rows: rows)
    }

    /// Drops the view `view` when an earlier `store select` wrote it (and its
    /// records); fails when another table or view has the name.
    private func replaceView(in db: Database) throws {
        guard let existing = try Row.fetchOne(db, sql: "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", arguments: [view]) else {
            try db.execute(sql: "DELETE FROM feature_selection WHERE view_name = ? COLLATE NOCASE", arguments: [view])
            return
        }
        let name: String = existing["name"]
        let selectedBefore = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM feature_selection WHERE view_name = ? COLLATE NOCASE", arguments: [view]) ?? false
        guard (existing["type"] as String) == "view", selectedBefore else {
            throw StoreError("a \(existing["type"] as String) named '\(name)' exists and was not written by store select; choose another --view name or drop it first.")
        }
        try db.execute(sql: "DROP VIEW \(SQLIdentifier.quoted(name))")
        try db.execute(sql: "DELETE FROM feature_selection WHERE view_name = ? COLLATE NOCASE", arguments: [view])
    }
}
