import GRDBSQLite

/// The groups seen in one argument of an aggregate, each numbered in order
/// of first appearance, and the lookup from an argument to its number.
///
/// A row whose group is already known costs no allocation: numbers are
/// compared as numbers and TEXT or BLOB values by their bytes in place,
/// against the last group found first, then against each group in turn.
/// Past 16 groups a hash table takes over (it copies TEXT values to look
/// them up).
struct GroupIndex {
    private(set) var values: [GroupValue] = []
    private var table: [GroupValue: Int] = [:]
    private var last = 0

    private static let scanLimit = 16

    /// The number of the group that argument `index` names, the group added
    /// when new (nil for NULL).
    mutating func number(of arguments: SQLArguments, _ index: Int) -> Int? {
        if let found = find(arguments, index) { return found }
        guard let value = Self.value(arguments, index) else { return nil }
        values.append(value)
        if values.count > Self.scanLimit {
            if table.isEmpty {
                for (number, value) in values.enumerated() { table[value] = number }
            } else {
                table[value] = values.count - 1
            }
        }
        last = values.count - 1
        return last
    }

    /// The number of a group already seen (nil for NULL or a new value).
    mutating func find(_ arguments: SQLArguments, _ index: Int) -> Int? {
        let type = arguments.type(index)
        if type == SQLITE_NULL || values.isEmpty { return nil }
        if values.count > Self.scanLimit {
            guard let value = Self.value(arguments, index), let found = table[value] else { return nil }
            return found
        }
        if Self.matches(values[last], arguments, index, type) { return last }
        for number in values.indices where number != last && Self.matches(values[number], arguments, index, type) {
            last = number
            return number
        }
        return nil
    }

    /// The group value of argument `index` (a copy of its bytes for TEXT and BLOBs).
    static func value(_ arguments: SQLArguments, _ index: Int) -> GroupValue? {
        let argument = arguments.value(index)
        switch sqlite3_value_type(argument) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(argument))
        case SQLITE_FLOAT: return GroupValue(real: sqlite3_value_double(argument))
        case SQLITE_TEXT: return .text(Array(arguments.bytes(index)))
        case SQLITE_BLOB: return .blob(Array(arguments.bytes(index)))
        default: return nil
        }
    }

    /// Whether argument `index` (of SQLite type `type`) is `value`, compared in place.
    private static func matches(_ value: GroupValue, _ arguments: SQLArguments, _ index: Int, _ type: Int32) -> Bool {
        let argument = arguments.value(index)
        switch (value, type) {
        case (.integer(let known), SQLITE_INTEGER):
            return sqlite3_value_int64(argument) == known
        case (.integer, SQLITE_FLOAT), (.real, SQLITE_FLOAT):
            return GroupValue(real: sqlite3_value_double(argument)) == value
        case (.text(let known), SQLITE_TEXT), (.blob(let known), SQLITE_BLOB):
            let bytes = arguments.bytes(index)
            return bytes.count == known.count && known.withUnsafeBytes { $0.elementsEqual(bytes) }
        default:
            return false
        }
    }
}
