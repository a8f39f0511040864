import GRDB
import StoreCore

extension MatrixHeatmap {
    /// The Pearson correlation matrix of `columns` of `source` (all its
    /// numeric columns but `row_id` when nil): one scan finds which columns
    /// are numeric (every non-NULL value INTEGER or REAL, as `store stats`
    /// decides), one more computes every pair once with the store's `corr`
    /// aggregate (pandas' `DataFrame.corr()`, pairwise complete rows; NULL
    /// where a column is constant).
    public static func correlation(_ source: PlotSource, columns names: [String]?, in db: Database) throws -> MatrixHeatmap {
        let resolved = try source.resolve(in: db)
        let candidates = try (names ?? resolved.columns.filter { $0 != "row_id" }).map { try resolved.column($0) }
        guard !candidates.isEmpty else { throw StoreError("\(resolved.name) has no columns to correlate.") }
        let kinds = candidates.map { "count(\(resolved.sql($0))), sum(typeof(\(resolved.sql($0))) IN ('integer', 'real'))" }
        guard let counts = try Row.fetchOne(db, sql: "SELECT \(kinds.joined(separator: ", ")) FROM \(resolved.from)") else {
            throw StoreError("nothing to plot: \(resolved.name) has no rows.")
        }
        var numeric: [String] = []
        for (index, column) in candidates.enumerated() {
            let values: Int = counts[2 * index]
            let numbers: Int = counts[2 * index + 1] as Int? ?? 0
            if values > 0 && numbers == values {
                numeric.append(column)
            } else if names != nil {
                throw StoreError("'\(column)' of \(resolved.name) is not numeric (\(values == 0 ? "it has no values" : "it holds text")); a correlation needs numbers.")
            }
        }
        guard numeric.count >= 2 else {
            throw StoreError("nothing to plot: \(resolved.name) has \(numeric.count) numeric column\(numeric.count == 1 ? "" : "s") with values; a correlation matrix needs two or more.")
        }
        var selections: [String] = []
        var position = Array(repeating: Array(repeating: 0, count: numeric.count), count: numeric.count)
        for left in numeric.indices {
            for right in left..<numeric.count {
                position[left][right] = selections.count
                position[right][left] = selections.count
                selections.append("corr(\(resolved.sql(numeric[left])), \(resolved.sql(numeric[right])))")
            }
        }
        let row = try Row.fetchOne(db, sql: "SELECT \(selections.joined(separator: ", ")) FROM \(resolved.from)")
        let values: [[Double?]] = numeric.indices.map { i in
            numeric.indices.map { j in row.flatMap { $0[position[i][j]] as Double? } }
        }
        return correlation(numeric, values)
    }
}
