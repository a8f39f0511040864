import StoreCore

/// Turns source headers into column names that SQL can use without surprises.
///
/// (1) A header that is already a plain identifier (a letter or `_`, then
///     letters, digits or `_`, and not a word SQLite reserves) is kept as it is.
/// (2) Otherwise each run of other characters (spaces, punctuation, quotes)
///     becomes one `_`, and `_` at either end is dropped: `Annual Income ($)`
///     becomes `Annual_Income`; `a"; DROP TABLE x; --` becomes `a_DROP_TABLE_x`.
/// (3) A name that would start with a digit gets a leading `_` (`2nd` → `_2nd`);
///     a reserved word gets a trailing `_` (`order` → `order_`); nothing left gives
///     `column_N` for the N-th column.
/// (4) Names are unique without regard to case, as SQLite compares them: a
///     repeated name gets `_2`, `_3`, … (`a`, `A` → `a`, `A_2`), and no header
///     takes a name in `reserved` (the key column `row_id`).
public enum ColumnNaming {
    /// The stored name for each header, in order.
    public static func storedNames(for headers: [String], reserved: [String] = ["row_id"]) -> [String] {
        var taken = Set(reserved.map { $0.lowercased() })
        var names: [String] = []
        for (index, header) in headers.enumerated() {
            let base = SQLIdentifier.isPlain(header) ? header : sanitized(header, position: index + 1)
            var name = base
            var suffix = 2
            while taken.contains(name.lowercased()) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            taken.insert(name.lowercased())
            names.append(name)
        }
        return names
    }

    /// Rules (2) and (3) for one header at 1-based `position`.
    static func sanitized(_ header: String, position: Int) -> String {
        var name = ""
        for character in header {
            if SQLIdentifier.isNameCharacter(character) {
                name.append(character)
            } else if !name.isEmpty && name.last != "_" {
                name.append("_")
            }
        }
        while name.last == "_" { name.removeLast() }
        if name.isEmpty { return "column_\(position)" }
        if let first = name.first, first.isASCII && first.isNumber { name = "_" + name }
        if !SQLIdentifier.isPlain(name) { name += "_" }
        return name
    }
}
