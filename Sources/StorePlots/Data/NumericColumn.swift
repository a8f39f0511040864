import GRDB
import GRDBSQLite
import StoreCore

/// The numbers of one column read in one pass, straight from SQLite's
/// statement (no row objects): what a histogram or a scatter plot needs of
/// a million-row table.
///
/// (1) NULLs are counted and skipped.
/// (2) INTEGER and REAL values are read as doubles; a TEXT or BLOB value
///     is an error naming the column and the value (a plot does not guess
///     numbers from text; cast it in --sql).
/// (3) A row with a NULL in any other column read with it, or in the group
///     column, is skipped and counted among the NULLs.
struct NumericColumns {
    /// `columns[k][i]` is column k of row i.
    var columns: [[Double]]
    /// Each row's group number, when a group expression was read.
    var groups: [Int]
    /// Rows skipped for a NULL.
    var nulls = 0

    /// Reads `names` of `source`, and the group number of each row when
    /// `groups` is given (rows outside every group are skipped).
    static func read(_ names: [String], of source: ResolvedSource, groups: GroupValues? = nil, in db: Database) throws -> NumericColumns {
        var selections = names.map(source.sql)
        var arguments = StatementArguments()
        if let groups {
            let expression = groups.indexExpression(in: source)
            selections.append(expression.sql)
            arguments = expression.arguments
        }
        let statement = try db.makeStatement(sql: "SELECT \(selections.joined(separator: ", ")) FROM \(source.from)")
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        var result = NumericColumns(columns: Array(repeating: [], count: names.count), groups: [])
        let grouped = groups != nil
        let groupColumn = Int32(names.count)
        rows: while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                sqlite3_reset(handle)
                throw StoreError("cannot read \(source.name): \(String(cString: sqlite3_errmsg(db.sqliteConnection))).")
            }
            if grouped && sqlite3_column_type(handle, groupColumn) == SQLITE_NULL {
                result.nulls += 1
                continue
            }
            for index in names.indices {
                let type = sqlite3_column_type(handle, Int32(index))
                if type == SQLITE_NULL {
                    result.nulls += 1
                    continue rows
                }
                if type != SQLITE_INTEGER && type != SQLITE_FLOAT {
                    let text = sqlite3_column_text(handle, Int32(index)).map { String(cString: $0) } ?? "a BLOB"
                    sqlite3_reset(handle)
                    throw StoreError("'\(names[index])' of \(source.name) holds text ('\(text.prefix(40))'), not numbers. Plot a numeric column, or cast it with --sql \"SELECT CAST(\(names[index]) AS REAL) AS \(names[index]) FROM …\".")
                }
            }
            for index in names.indices {
                result.columns[index].append(sqlite3_column_double(handle, Int32(index)))
            }
            if grouped { result.groups.append(Int(sqlite3_column_int64(handle, groupColumn))) }
        }
        sqlite3_reset(handle)
        return result
    }
}
