import GRDB
import StoreCore

/// The values of a `--by` column: at most `Palette.count`, so each gets a
/// colour of its own, in SQLite's order (numbers, then text). Rows where
/// the group is NULL are left out, as pandas' `groupby` leaves them out.
struct GroupValues {
    let column: String
    let values: [DatabaseValue]

    /// Labels as the tables print the values.
    var labels: [String] { values.map(CellText.plainText) }

    /// The groups of `column` among the rows where `valueColumns` are not
    /// NULL; a `StoreError` when there are none or more than the palette has.
    static func read(_ column: String, of source: ResolvedSource, where valueColumns: [String], in db: Database) throws -> GroupValues {
        let limit = Palette.count
        let conditions = ([column] + valueColumns).map { "\(source.sql($0)) IS NOT NULL" }.joined(separator: " AND ")
        let values = try DatabaseValue.fetchAll(db, sql: """
            SELECT DISTINCT \(source.sql(column)) FROM \(source.from) WHERE \(conditions) ORDER BY 1 LIMIT \(limit + 1)
            """)
        guard values.count <= limit else {
            throw StoreError("--by \(column): \(source.name) has more than \(limit) values in '\(column)'; a plot colours at most \(limit) groups apart. Group by a column with fewer values (a class, a grade), or narrow the rows with --sql.")
        }
        return GroupValues(column: column, values: values)
    }

    /// A SQL expression giving a row's group number (0-based), and its
    /// arguments: `CASE g WHEN ? THEN 0 WHEN ? THEN 1 … END`.
    func indexExpression(in source: ResolvedSource) -> (sql: String, arguments: StatementArguments) {
        let cases = values.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ")
        return ("CASE \(source.sql(column)) \(cases) END", StatementArguments(values))
    }
}
