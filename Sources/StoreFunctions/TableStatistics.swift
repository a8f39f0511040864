import Foundation
import GRDB
import StoreCore

/// What `store stats NAME` reports: one row per column (per group with
/// `by`) with the statistics of `column_summary`, the Pearson correlation
/// matrix, each column's correlation with a target, and the duplicate rows.
///
/// (1) The column summaries and the row count take one scan of the table or
///     view, whatever the number of columns: one `column_summary` per column
///     in one SELECT.
/// (2) A column is numeric when every non-NULL value is a number (INTEGER or
///     REAL; text that looks like a number, '007', is text); numeric
///     columns get every statistic and `target_corr`; others get count,
///     nulls, distinct, mode and freq (its count), the rest NULL.
/// (3) `type` is the declared type, or for a view's column without one,
///     INTEGER / REAL / TEXT after its values.
/// (4) The correlation matrix (`correlations`) takes one more scan, and is
///     symmetric: each pair is computed once. Duplicate rows
///     (`duplicateRows`) take one more, over every column but the key `row_id`.
public enum TableStatistics {
    /// The column names of the summary, in order, as `--format csv/json` print them.
    public static let summaryColumns = [
        "column", "type", "count", "nulls", "distinct", "mean", "std", "min", "q1", "median",
        "q3", "max", "iqr", "mode", "freq", "variance", "skewness", "kurtosis",
    ]

    /// The summary of a table or view, ready to print.
    public struct Summary {
        /// `summaryColumns`, after the group column with `by`, and with `target_corr` last with `target`.
        public let columns: [String]
        public let rows: [[DatabaseValue]]
        /// The described columns that are numeric (rule 2) wherever they have values.
        public let numericColumns: [String]
        /// The rows of the table or view.
        public let rowCount: Int
    }

    /// The summary of `name`: for `columns` (all but `row_id` when nil),
    /// grouped by `by` when given (the group value comes first, under the
    /// group column's name), with `target_corr` last when `target` is given.
    public static func summary(
        of name: String, columns requested: [String]? = nil, by group: String? = nil, target: String? = nil,
        in db: Database
    ) throws -> Summary {
        let table = try TableSchema.lookup(name, in: db)
        try table.requireColumns((requested ?? []) + [group, target].compactMap { $0 })
        let available = table.columns.map(\.name)
        let columns = (requested ?? available.filter { $0 != "row_id" && $0 != group })
        guard !columns.isEmpty else { throw StoreError("'\(table.name)' has no columns to describe.") }
        var selections = ["count(*)"]
        if let group { selections.append(SQLIdentifier.quoted(group)) }
        for column in columns {
            let quoted = SQLIdentifier.quoted(column)
            selections.append("count(*) - count(\(quoted))")
            selections.append("column_summary(\(quoted))")
            if let target { selections.append("corr(\(quoted), \(SQLIdentifier.quoted(target)))") }
        }
        var sql = "SELECT \(selections.joined(separator: ", ")) FROM \(SQLIdentifier.quoted(table.name))"
        if group != nil { sql += " GROUP BY 2 ORDER BY 2" }
        let results = try Row.fetchAll(db, sql: sql)
        var outputColumns = (group.map { [$0] } ?? []) + summaryColumns
        if target != nil { outputColumns.append("target_corr") }
        var rows: [[DatabaseValue]] = []
        var rowCount = 0
        var notNumeric = Set<String>()
        var withValues = Set<String>()
        let perColumn = target == nil ? 2 : 3
        let offset = group == nil ? 1 : 2
        for result in results {
            rowCount += result[0] as Int
            for (index, column) in columns.enumerated() {
                let base = offset + index * perColumn
                let nulls: Int = result[base]
                let summary = try parse(result[base + 1] as String?)
                if summary.count > 0 {
                    withValues.insert(column)
                    if !summary.isNumeric { notNumeric.insert(column) }
                }
                var row: [DatabaseValue] = group == nil ? [] : [result[1] as DatabaseValue]
                row += describe(column: column, declared: table.column(column)?.type ?? "", nulls: nulls, summary: summary)
                if target != nil { row.append(summary.isNumeric ? result[base + 2] as DatabaseValue : .null) }
                rows.append(row)
            }
        }
        let numeric = columns.filter { withValues.contains($0) && !notNumeric.contains($0) }
        return Summary(columns: outputColumns, rows: rows, numericColumns: numeric, rowCount: rowCount)
    }

    /// The Pearson correlation matrix of `columns`: one row per column, one
    /// column per column, each pair computed once (rule 4).
    public static func correlations(of name: String, columns: [String], in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let table = try TableSchema.lookup(name, in: db)
        try table.requireColumns(columns)
        guard !columns.isEmpty else { return (["column"], []) }
        var selections: [String] = []
        var position: [[Int]] = Array(repeating: Array(repeating: 0, count: columns.count), count: columns.count)
        for left in columns.indices {
            for right in left..<columns.count {
                position[left][right] = selections.count
                position[right][left] = selections.count
                selections.append("corr(\(SQLIdentifier.quoted(columns[left])), \(SQLIdentifier.quoted(columns[right])))")
            }
        }
        let row = try Row.fetchOne(db, sql: "SELECT \(selections.joined(separator: ", ")) FROM \(SQLIdentifier.quoted(table.name))")
        let rows = columns.indices.map { index in
            [columns[index].databaseValue] + columns.indices.map { other in row.map { $0[position[index][other]] as DatabaseValue } ?? .null }
        }
        return (["column"] + columns, rows)
    }

    /// Rows that repeat an earlier row in every column but `row_id`.
    public static func duplicateRows(of name: String, in db: Database) throws -> Int {
        let table = try TableSchema.lookup(name, in: db)
        let columns = table.columns.map(\.name).filter { $0 != "row_id" }.map(SQLIdentifier.quoted).joined(separator: ", ")
        guard !columns.isEmpty else { return 0 }
        // One scan: each group of equal rows (NULLs equal, as pandas' duplicated()) has n − 1 repeats.
        let sql = "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM \(SQLIdentifier.quoted(table.name)) GROUP BY \(columns))"
        return try Int.fetchOne(db, sql: sql) ?? 0
    }

    /// The fields of one `column_summary` JSON object. JSONDecoder reads its
    /// numbers as Doubles to the last digit (JSONSerialization on Linux
    /// reads long ones as decimals and loses digits).
    private struct ColumnFields: Decodable {
        enum Value: Decodable {
            case integer(Int64)
            case real(Double)
            case text(String)

            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let integer = try? container.decode(Int64.self) {
                    self = .integer(integer)
                } else if let real = try? container.decode(Double.self) {
                    self = .real(real)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }

        var count = 0
        var numbers = 0
        var integers = false
        var distinct: Int?
        var freq: Int?
        var mode: Value?
        var mean, std, min, q1, median, q3, max, iqr, variance, skewness, kurtosis: Double?

        /// Rule (2).
        var isNumeric: Bool { numbers > 0 && numbers == count }
    }

    private static func parse(_ json: String?) throws -> ColumnFields {
        guard let json else { return ColumnFields() }
        return try JSONDecoder().decode(ColumnFields.self, from: Data(json.utf8))
    }

    /// One summary row (without the group) in the order of `summaryColumns`.
    private static func describe(column: String, declared: String, nulls: Int, summary: ColumnFields) -> [DatabaseValue] {
        let numeric = summary.isNumeric
        let mode: DatabaseValue
        switch summary.mode {
        case .integer(let value)?: mode = summary.integers ? value.databaseValue : Double(value).databaseValue
        case .real(let value)?: mode = value.databaseValue
        case .text(let value)?: mode = value.databaseValue
        case nil: mode = .null
        }
        func number(_ value: Double?) -> DatabaseValue {
            numeric ? value?.databaseValue ?? .null : .null
        }
        let type = !declared.isEmpty ? declared : (numeric ? (summary.integers ? "INTEGER" : "REAL") : "TEXT")
        return [
            column.databaseValue, type.databaseValue, summary.count.databaseValue, nulls.databaseValue, summary.distinct.databaseValue,
            number(summary.mean), number(summary.std), number(summary.min), number(summary.q1), number(summary.median),
            number(summary.q3), number(summary.max), number(summary.iqr), mode, summary.freq.databaseValue,
            number(summary.variance), number(summary.skewness), number(summary.kurtosis),
        ]
    }
}
