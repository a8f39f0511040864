import GRDBSQLite
import StoreLearn

/// The entry point SQLite calls when a client loads libStoreSQLite as an
/// extension (`.load ./libStoreSQLite` in the sqlite3 shell,
/// `connection.load_extension(...)` in Python): registers every function of
/// `StoreFunctions` and `ModelFunctions` (predict, predict_proba) on the
/// connection, as `store` does on its own.
///
/// The library calls SQLite through the system's libsqlite3.so.0, not through
/// the `api` table SQLite passes in, so it serves clients that use that same
/// shared library (Debian's sqlite3 shell and Python's sqlite3 module do).
/// A client with SQLite compiled into it would need the table; see docs/sql-functions.md.
///
/// Returns SQLITE_OK, or an error code with `errorMessage` set.
@_cdecl("sqlite3_extension_init")
public func sqlite3ExtensionInit(
    _ connection: OpaquePointer?,
    _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ api: UnsafeRawPointer?
) -> Int32 {
    let status = ModelFunctions.register(on: connection)
    if status != SQLITE_OK {
        errorMessage?.pointee = sqliteString("store: cannot register the SQL functions (SQLite error \(status))")
    }
    return status
}

/// A copy of `text` in memory from `sqlite3_malloc`, which SQLite frees.
private func sqliteString(_ text: String) -> UnsafeMutablePointer<CChar>? {
    let bytes = Array(text.utf8CString)
    guard let memory = sqlite3_malloc(Int32(bytes.count)) else { return nil }
    let copy = memory.bindMemory(to: CChar.self, capacity: bytes.count)
    copy.initialize(from: bytes, count: bytes.count)
    return copy
}
