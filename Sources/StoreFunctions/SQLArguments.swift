import GRDBSQLite

/// The arguments of one call of a SQL function, read in place.
///
/// Numbers follow SQLite's own reading (`sqlite3_value_numeric_type`):
/// INTEGER and REAL values are numbers, and so is TEXT that looks like one
/// ('3.5'); other TEXT, BLOBs and NULL are not numbers.
public struct SQLArguments {
    private let values: UnsafeMutablePointer<OpaquePointer?>?
    public let count: Int
    /// The call's `sqlite3_context` (scalar calls only).
    private let context: OpaquePointer?

    init(_ values: UnsafeMutablePointer<OpaquePointer?>?, count: Int32, context: OpaquePointer? = nil) {
        self.values = values
        self.count = Int(count)
        self.context = context
    }

    /// The connection running the call, for a function that reads tables
    /// (nil in aggregates).
    public var connection: OpaquePointer? {
        context.flatMap { sqlite3_context_db_handle($0) }
    }

    /// What `keep(_:for:)` attached to argument `index` earlier in the same
    /// statement, while that argument stays the same constant
    /// (`sqlite3_get_auxdata`).
    public func kept<Object: AnyObject>(for index: Int, as type: Object.Type) -> Object? {
        guard let context, let pointer = sqlite3_get_auxdata(context, Int32(index)) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as? Object
    }

    /// Attaches `object` to argument `index` for the later calls of the same
    /// statement (`sqlite3_set_auxdata`); SQLite releases it.
    public func keep(_ object: AnyObject, for index: Int) {
        guard let context else { return }
        sqlite3_set_auxdata(context, Int32(index), Unmanaged.passRetained(object).toOpaque(), releaseKept)
    }

    @inline(__always)
    func value(_ index: Int) -> OpaquePointer? {
        values?[index]
    }

    /// The argument's SQLite type: SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    public func type(_ index: Int) -> Int32 {
        sqlite3_value_type(value(index))
    }

    public func isNull(_ index: Int) -> Bool {
        type(index) == SQLITE_NULL
    }

    /// The argument as a number, or nil when it is NULL, a BLOB, or text that
    /// does not look like a number.
    @inline(__always)
    public func number(_ index: Int) -> Double? {
        let argument = value(index)
        switch sqlite3_value_numeric_type(argument) {
        case SQLITE_INTEGER, SQLITE_FLOAT: return sqlite3_value_double(argument)
        default: return nil
        }
    }

    /// The argument as a double, read without a type check: for an argument
    /// known to be INTEGER or REAL.
    @inline(__always)
    public func double(_ index: Int) -> Double {
        sqlite3_value_double(value(index))
    }

    /// The argument as a 64-bit integer when it is an INTEGER (or text that reads as one).
    public func integer(_ index: Int) -> Int64? {
        let argument = value(index)
        return sqlite3_value_numeric_type(argument) == SQLITE_INTEGER ? sqlite3_value_int64(argument) : nil
    }

    /// The argument as text, when it is TEXT.
    public func text(_ index: Int) -> String? {
        let argument = value(index)
        guard sqlite3_value_type(argument) == SQLITE_TEXT, let characters = sqlite3_value_text(argument) else { return nil }
        let length = Int(sqlite3_value_bytes(argument))
        return String(decoding: UnsafeBufferPointer(start: characters, count: length), as: UTF8.self)
    }

    /// The argument's bytes when it is a BLOB (empty for a zero-length BLOB),
    /// valid during the call only.
    public func blob(_ index: Int) -> UnsafeRawBufferPointer? {
        let argument = value(index)
        guard sqlite3_value_type(argument) == SQLITE_BLOB else { return nil }
        let length = Int(sqlite3_value_bytes(argument))
        return UnsafeRawBufferPointer(start: sqlite3_value_blob(argument), count: length)
    }

    /// The raw bytes of the argument's text or BLOB form, for hashing keys.
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        let argument = value(index)
        let pointer = sqlite3_value_type(argument) == SQLITE_BLOB
            ? sqlite3_value_blob(argument)
            : UnsafeRawPointer(sqlite3_value_text(argument))
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(argument)))
    }
}

/// What a SQL function returns.
public enum SQLResult: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// A real, or NULL when the value is NaN (SQLite has no NaN).
    public static func number(_ value: Double?) -> SQLResult {
        guard let value, !value.isNaN else { return .null }
        return .real(value)
    }
}

/// An error a SQL function raises; SQLite reports `message` as the statement's error.
public struct SQLFunctionError: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

private let releaseKept: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
    guard let pointer else { return }
    Unmanaged<AnyObject>.fromOpaque(pointer).release()
}
