import GRDBSQLite

/// Identifiers (table and column names) as they must appear in SQL text.
///
/// This is the one place where a name becomes part of a statement: every other
/// piece of SQL the store builds gets identifiers from `quoted(_:)` and values
/// only as bound parameters.
public enum SQLIdentifier {
    /// The name between double quotes, with inner double quotes doubled, as SQL
    /// requires: `quoted(#"a"b"#)` is `"a""b"`. Any string, even one full of
    /// punctuation, comes out as exactly one identifier.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether `name` can be written in SQL without quotes: a letter or `_`
    /// followed by letters, digits or `_` (letters and digits of any script, as
    /// SQLite reads every non-ASCII character as part of a name), and accepted
    /// by SQLite's parser where a column name goes. Words SQLite reserves
    /// (`default`, `select`, `order`) are not plain; words it only treats as
    /// keywords in some places (`key`, `action`, `data`) are.
    public static func isPlain(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || first.isLetter else { return false }
        return name.allSatisfy(isNameCharacter) && parsesUnquoted(name)
    }

    /// Whether `character` may appear in a plain name: `_`, a letter or a digit.
    public static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    /// Asks SQLite to compile a query naming the column `name` without quotes,
    /// on a private in-memory database. `name` holds only name characters
    /// (checked by the caller), so nothing else can reach the statement.
    static func parsesUnquoted(_ name: String) -> Bool {
        var connection: OpaquePointer?
        defer { sqlite3_close(connection) }
        guard sqlite3_open(":memory:", &connection) == SQLITE_OK else { return false }
        var statement: OpaquePointer?
        let sql = "SELECT \(name) FROM (SELECT 1 AS \(quoted(name))) AS \(name)"
        let status = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        sqlite3_finalize(statement)
        return status == SQLITE_OK
    }
}
