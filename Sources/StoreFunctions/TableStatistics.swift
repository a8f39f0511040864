import Foundation
import GRDB
import StoreCore

/// What `store stats NAME` reports: one row per column (per group with
/// `by`) with the statistics of `column_summary`, the Pearson correlation
/// matrix, each column's correlation with a target, and the duplicate rows.
///
/// (1) The column summaries take one scan of the table or view, whatever the
///     number of columns: one `column_summary` per column in one SELECT.
/// (2) A column is numeric when every non-NULL value is a number; numeric
///     columns get every statistic; others get count, nulls, distinct, mode
///     and freq (its count), the rest NULL.
/// (3) `type` is the declared type, or for a view's column without one,
///     INTEGER / REAL / TEXT after its values.
/// (4) The correlation matrix (`correlations`) takes one more scan; duplicate
///     rows (`duplicateRows`) one more, over every column but the key `row_id`.
public enum TableStatistics {
    /// The column names of the summary, in order, as `--format csv/json` print them.
    public static let summaryColumns = [
        "column", "type", "count", "nulls", "distinct", "mean", "std", "min", "q1", "median",
        "q3", "max", "iqr", "mode", "freq", "variance", "skewness", "kurtosis",
    ]

    /// The summary rows of `name`: for `columns` (all but `row_id` when nil),
    /// grouped by `by` when given (the group value comes first, under the
    /// group column's name), with `target_corr` last when `target` is given.
    public static func summary(
        of name: String, columns requested: [String]? = nil, by group: String? = nil, target: String? = nil,
        in db: Database
    ) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let table = try TableSchema.lookup(name, in: db)
        try table.requireColumns((requested ?? []) + [group, target].compactMap { $0 })
        let available = table.columns.map(\.name)
        let columns = (requested ?? available.filter { $0 != "row_id" && $0 != group })
        guard !columns.isEmpty else { throw StoreError("'\(table.name)' has no columns to describe.") }
        var selections: [String] = []
        if let group { selections.append(SQLIdentifier.quoted(group)) }
        for column in columns {
            let quoted = SQLIdentifier.quoted(column)
            selections.append("count(*) - count(\(quoted))")
            selections.append("column_summary(\(quoted))")
            if let target { selections.append("corr(\(quoted), \(SQLIdentifier.quoted(target)))") }
        }
        var sql = "SELECT \(selections.joined(separator: ", ")) FROM \(SQLIdentifier.quoted(table.name))"
        if group != nil { sql += " GROUP BY 1 ORDER BY 1" }
        let results = try Row.fetchAll(db, sql: sql)
        var outputColumns = (group.map { [$0] } ?? []) + summaryColumns
        if target != nil { outputColumns.append("target_corr") }
        var rows: [[DatabaseValue]] = []
        let perColumn = target == nil ? 2 : 3
        for result in results {
            let offset = group == nil ? 0 : 1
            for (index, column) in columns.enumerated() {
                let base = offset + index * perColumn
                let nulls: Int = result[base]
                let summary = try parse(result[base + 1] as String?)
                var row: [DatabaseValue] = group == nil ? [] : [result[0] as DatabaseValue]
                row += describe(column: column, declared: table.column(column)?.type ?? "", nulls: nulls, summary: summary)
                if target != nil { row.append(result[base + 2] as DatabaseValue) }
                rows.append(row)
            }
        }
        return (outputColumns, rows)
    }

    /// The Pearson correlation matrix of `columns` (default: every numeric
    /// column but `row_id`): one row per column, one column per column.
    public static func correlations(of name: String, columns requested: [String]? = nil, in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let table = try TableSchema.lookup(name, in: db)
        let columns: [String]
        if let requested {
            columns = requested
        } else {
            let (_, rows) = try summary(of: name, in: db)
            columns = rows.filter { row in row[5] != .null }.map { $0[0].storage.value as? String ?? "" }
        }
        guard !columns.isEmpty else { return (["column"], []) }
        var selections: [String] = []
        for left in columns {
            for right in columns {
                selections.append("corr(\(SQLIdentifier.quoted(left)), \(SQLIdentifier.quoted(right)))")
            }
        }
        let row = try Row.fetchOne(db, sql: "SELECT \(selections.joined(separator: ", ")) FROM \(SQLIdentifier.quoted(table.name))")
        var rows: [[DatabaseValue]] = []
        for (index, column) in columns.enumerated() {
            var values: [DatabaseValue] = [column.databaseValue]
            for other in 0..<columns.count {
                values.append(row.map { $0[index * columns.count + other] as DatabaseValue } ?? .null)
            }
            rows.append(values)
        }
        return (["column"] + columns, rows)
    }

    /// The number of rows of the table or view `name` (stored name).
    public static func rowCount(of name: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLIdentifier.quoted(name))") ?? 0
    }

    /// Rows that repeat an earlier row in every column but `row_id`.
    public static func duplicateRows(of name: String, in db: Database) throws -> Int {
        let table = try TableSchema.lookup(name, in: db)
        let columns = table.columns.map(\.name).filter { $0 != "row_id" }.map(SQLIdentifier.quoted).joined(separator: ", ")
        guard !columns.isEmpty else { return 0 }
        let quoted = SQLIdentifier.quoted(table.name)
        let distinct = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT \(columns) FROM \(quoted))") ?? 0
        return try rowCount(of: table.name, in: db) - distinct
    }

    private static func parse(_ json: String?) throws -> [String: Any] {
        guard let json, let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object
    }

    /// One summary row (without the group) in the order of `summaryColumns`.
    private static func describe(column: String, declared: String, nulls: Int, summary: [String: Any]) -> [DatabaseValue] {
        let count = summary["count"] as? Int ?? 0
        let numbers = summary["numbers"] as? Int ?? 0
        let numeric = numbers > 0 && numbers == count
        let integers = (summary["integers"] as? Bool) ?? false
        func value(_ key: String) -> DatabaseValue {
            switch summary[key] {
            case let text as String:
                return text.databaseValue
            case let number as NSNumber:
                if key == "distinct" || key == "freq" || (key == "mode" && integers) {
                    return number.int64Value.databaseValue
                }
                return number.doubleValue.databaseValue
            default:
                return .null
            }
        }
        let type = !declared.isEmpty ? declared : (numeric ? (integers ? "INTEGER" : "REAL") : "TEXT")
        var row: [DatabaseValue] = [column.databaseValue, type.databaseValue, count.databaseValue, nulls.databaseValue, value("distinct")]
        row += ["mean", "std", "min", "q1", "median", "q3", "max", "iqr"].map { numeric ? value($0) : .null }
        row += [value("mode"), value("freq")]
        row += ["variance", "skewness", "kurtosis"].map { numeric ? value($0) : .null }
        return row
    }
}
