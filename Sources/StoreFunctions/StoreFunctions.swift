import GRDB
import StoreCore

/// The SQL functions `store` registers on every connection it opens.
///
/// (1) Functions that depend only on their arguments are declared pure
///     (deterministic), so SQLite may use them in indexes, views and generated
///     columns.
/// (2) An argument of the wrong kind is an error that names the function and
///     the argument.
public enum StoreFunctions {
    /// Every function, for `StoreFile.open(at:functions:)`.
    public static let all: [DatabaseFunction] = [storeVersion]

    /// `store_version()` → the version of `store` serving the connection, as
    /// text (`'0.1.0'`), so a view or an audit query can record it.
    public static let storeVersion = DatabaseFunction("store_version", argumentCount: 0, pure: true) { _ in
        StoreVersion.current
    }
}
