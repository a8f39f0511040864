import GRDB
import StoreCore

extension ValueCounts {
    /// The rows per value of `column` of `source`, NULL included (as
    /// "NULL"), in SQLite's order of the values; with more than `limit`
    /// values, the `limit` most frequent (ties by value) and a count of the rest.
    public static func read(_ source: PlotSource, column name: String, limit: Int = 40, in db: Database) throws -> ValueCounts {
        let resolved = try source.resolve(in: db)
        let column = try resolved.column(name)
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(resolved.sql(column)), count(*) FROM \(resolved.from) GROUP BY 1 ORDER BY 1
            """)
        guard !rows.isEmpty else {
            throw StoreError("nothing to plot: \(resolved.name) has no rows.")
        }
        var values = rows.map { (label: CellText.plainText($0[0]), count: $0[1] as Int) }
        guard values.count > limit else { return ValueCounts(column: column, values: values) }
        let kept = values.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.prefix(limit)
        let keptSet = Set(kept.map(\.offset))
        let otherRows = values.enumerated().filter { !keptSet.contains($0.offset) }.reduce(0) { $0 + $1.element.count }
        values = kept.map(\.element)
        return ValueCounts(column: column, values: values, otherValues: rows.count - limit, otherRows: otherRows)
    }
}
