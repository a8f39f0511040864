import GRDB
import StoreCore

extension BoxPlot {
    /// Box plots of `column` of `source`, one per value of `group` (rows
    /// with a NULL group left out), as matplotlib's `cbook.boxplot_stats`
    /// (whis = 1.5) computes them:
    ///
    /// (1) q1, median and q3 are the store's `quantile` aggregate (numpy's
    ///     linear percentiles, as pandas).
    /// (2) The upper whisker is the largest value ≤ q3 + 1.5 IQR, but not
    ///     below q3; the lower the smallest ≥ q1 − 1.5 IQR, not above q1.
    /// (3) Outliers are the values beyond the whiskers.
    ///
    /// Three scans in all: quartiles per group, whiskers per group, outliers.
    /// TEXT values are an error (the aggregates would skip them unseen).
    public static func read(_ source: PlotSource, column name: String, by groupName: String? = nil, in db: Database) throws -> BoxPlot {
        let resolved = try source.resolve(in: db)
        let column = try resolved.column(name)
        let value = resolved.sql(column)
        let groups = try groupName.map { try GroupValues.read(resolved.column($0), of: resolved, where: [column], in: db) }
        let group = groups.map { resolved.sql($0.column) }
        let groupSelection = group.map { "\($0), " } ?? ""
        let groupClause = group.map { " AND \($0) IS NOT NULL GROUP BY \($0) ORDER BY \($0)" } ?? ""
        let quartiles = try Row.fetchAll(db, sql: """
            SELECT \(groupSelection)count(\(value)), sum(typeof(\(value)) NOT IN ('integer', 'real')),
                   quantile(\(value), 0.25), quantile(\(value), 0.5), quantile(\(value), 0.75)
            FROM \(resolved.from) WHERE \(value) IS NOT NULL\(groupClause)
            """)
        let offset = group == nil ? 0 : 1
        if quartiles.contains(where: { ($0[offset + 1] as Int? ?? 0) > 0 }) {
            throw StoreError("'\(column)' of \(resolved.name) holds text, not numbers. Plot a numeric column, or cast it with --sql \"SELECT CAST(\(column) AS REAL) AS \(column) FROM …\".")
        }
        guard !quartiles.isEmpty, quartiles.contains(where: { ($0[offset] as Int) > 0 }) else {
            throw StoreError("nothing to plot: '\(column)' of \(resolved.name) has no values.")
        }
        struct Stats {
            var label: String
            var key: DatabaseValue
            var count: Int
            var q1, median, q3, low, high: Double
        }
        var stats = quartiles.map { row in
            Stats(label: group == nil ? column : CellText.plainText(row[0]), key: group == nil ? .null : row[0] as DatabaseValue,
                  count: row[offset], q1: row[offset + 2], median: row[offset + 3], q3: row[offset + 4],
                  low: row[offset + 2], high: row[offset + 4])
        }
        // Whiskers: one scan over the rows joined to each group's fences.
        let fences = stats.map { stat -> (DatabaseValue, Double, Double) in
            let iqr = stat.q3 - stat.q1
            return (stat.key, stat.q1 - 1.5 * iqr, stat.q3 + 1.5 * iqr)
        }
        let bounds = "WITH bounds(number, key, low, high) AS (VALUES \(fences.indices.map { _ in "(?, ?, ?, ?)" }.joined(separator: ", ")))"
        var boundArguments = StatementArguments()
        for (index, fence) in fences.enumerated() {
            boundArguments += [index, fence.0, fence.1, fence.2]
        }
        let join = group.map { "JOIN bounds ON \($0) = bounds.key" } ?? "JOIN bounds"
        let whiskers = try Row.fetchAll(db, sql: """
            \(bounds)
            SELECT bounds.number, min(CASE WHEN \(value) >= bounds.low THEN \(value) END), max(CASE WHEN \(value) <= bounds.high THEN \(value) END)
            FROM \(resolved.from) \(join) WHERE \(value) IS NOT NULL GROUP BY bounds.number
            """, arguments: boundArguments)
        for row in whiskers {
            let index: Int = row[0]
            stats[index].low = min(row[1] as Double? ?? stats[index].q1, stats[index].q1)
            stats[index].high = max(row[2] as Double? ?? stats[index].q3, stats[index].q3)
        }
        // Outliers: the values beyond the whiskers.
        var limits = StatementArguments()
        for (index, stat) in stats.enumerated() {
            limits += [index, stat.key, stat.low, stat.high]
        }
        let outlierRows = try Row.fetchAll(db, sql: """
            \(bounds)
            SELECT bounds.number, \(value) FROM \(resolved.from) \(join)
            WHERE \(value) < bounds.low OR \(value) > bounds.high
            """, arguments: limits)
        var outliers = Array(repeating: [Double](), count: stats.count)
        for row in outlierRows {
            outliers[row[0] as Int].append(row[1])
        }
        let boxes = stats.enumerated().map { index, stat in
            Box(name: stat.label, count: stat.count, q1: stat.q1, median: stat.median, q3: stat.q3,
                lowerWhisker: stat.low, upperWhisker: stat.high, outliers: outliers[index])
        }
        return BoxPlot(column: column, groupColumn: groups?.column, boxes: boxes)
    }
}
