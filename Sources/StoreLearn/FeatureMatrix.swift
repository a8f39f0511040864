import GRDB
import StoreCore

/// Columns of a table or view read into a row-major matrix of doubles: the
/// form every model in StoreLearn trains on.
///
/// ```swift
/// let matrix = try FeatureMatrix.read("credit_features", columns: ["age", "income"], in: db)
/// matrix.rows      // 100000
/// matrix[0, 1]     // income of the first row, .nan where it is NULL
/// ```
///
/// (1) INTEGER and REAL values become doubles (integers beyond 2^53 are rounded).
/// (2) NULL becomes `.nan`, so missing values stay visible to imputation.
/// (3) A TEXT or BLOB value is an error naming the column, the row and the value,
///     with a hint to encode it in the view.
/// (4) Rows come in the order of the key column when there is one (`row_id`
///     by default), so the same view always gives the same matrix.
/// (5) An empty table or view gives a matrix with zero rows.
public struct FeatureMatrix: Sendable, Equatable {
    public let columns: [String]
    public let rows: Int
    /// `rows × columns.count` values, row after row.
    public let values: [Double]
    /// The key of each row, when the source has the key column.
    public let keys: [Int64]?

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns.count + column]
    }

    /// The numeric columns of `name`: those whose every non-NULL value is an
    /// INTEGER or REAL, in the source's order, without `excluding` and the key.
    public static func numericColumns(of name: String, excluding: Set<String> = [], key: String = "row_id", in db: Database) throws -> [String] {
        let all = try db.columns(in: name).map(\.name)
        var numeric: [String] = []
        for column in all where column != key && !excluding.contains(column) {
            let quoted = SQLIdentifier.quoted(column)
            let nonNumeric = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLIdentifier.quoted(name)) WHERE typeof(\(quoted)) NOT IN ('integer', 'real', 'null')") ?? 0
            if nonNumeric == 0 { numeric.append(column) }
        }
        return numeric
    }

    /// Reads `columns` of the table or view `name`.
    public static func read(_ name: String, columns: [String], key: String = "row_id", in db: Database) throws -> FeatureMatrix {
        guard try StoreTables.exists(name, in: db) else {
            throw StoreError("no table or view named '\(name)' in this store. `store tables` lists them.")
        }
        let available = try db.columns(in: name).map(\.name)
        for column in columns where !available.contains(column) {
            throw StoreError("'\(name)' has no column '\(column)'; its columns are \(available.joined(separator: ", ")).")
        }
        let hasKey = available.contains(key)
        let selected = (hasKey ? [key] : []) + columns
        let order = hasKey ? " ORDER BY \(SQLIdentifier.quoted(key))" : ""
        let sql = "SELECT \(selected.map(SQLIdentifier.quoted).joined(separator: ", ")) FROM \(SQLIdentifier.quoted(name))\(order)"
        var values: [Double] = []
        var keys: [Int64] = []
        var rows = 0
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() {
            if hasKey { keys.append(row[0] as Int64? ?? Int64(rows + 1)) }
            let offset = hasKey ? 1 : 0
            for (index, column) in columns.enumerated() {
                switch (row[index + offset] as DatabaseValue).storage {
                case .null: values.append(.nan)
                case .int64(let integer): values.append(Double(integer))
                case .double(let double): values.append(double)
                case .string(let text):
                    throw StoreError("'\(name)' column '\(column)' holds the text \"\(text.prefix(40))\" in row \(rows + 1); features must be numbers. Encode it in the view, e.g. (\(column) = '\(text.prefix(20))') AS \(column)_is_\(text.prefix(10).filter { $0.isLetter || $0.isNumber }).")
                case .blob:
                    throw StoreError("'\(name)' column '\(column)' holds a BLOB in row \(rows + 1); features must be numbers.")
                }
            }
            rows += 1
        }
        return FeatureMatrix(columns: columns, rows: rows, values: values, keys: hasKey ? keys : nil)
    }
}
