import GRDB
import GRDBSQLite
import StoreCore

/// The SQL functions `store` adds to every connection it opens, and that the
/// loadable extension adds to any SQLite client.
///
/// Each family lives in a file of its own, whose header comment is the
/// family's contract: descriptive statistics (`Statistics.swift`), scaling
/// (`Scaling.swift`), splits (`Splits.swift`), tensors (`Tensors.swift`,
/// `TensorAxes.swift`), images (`ImageFunctions.swift`), distributions
/// (`Distributions.swift`) and hypothesis tests (`HypothesisTests.swift`).
public enum StoreFunctions {
    public static var scalars: [ScalarFunction] {
        [storeVersion] + Scaling.all + Splits.all + Tensors.all + TensorAxes.all + ImageFunctions.all + Distributions.all
    }

    public static var aggregates: [AggregateFunction] {
        Statistics.all + HypothesisTests.all
    }

    /// Registers every function on a raw connection; SQLITE_OK or an error code.
    public static func register(on connection: OpaquePointer?) -> Int32 {
        FunctionRegistration.register(scalars: scalars, aggregates: aggregates, on: connection)
    }

    /// For `StoreFile.open(at:setup:)`: registers every function on a GRDB connection.
    public static let setup: StoreFile.ConnectionSetup = { db in
        let status = register(on: db.sqliteConnection)
        guard status == SQLITE_OK else {
            throw StoreError("cannot register the store's SQL functions (SQLite error \(status)).")
        }
    }

    /// `store_version()` → the version of `store` serving the connection, as
    /// text (`'0.1.0'`), so a view or an audit query can record it.
    static let storeVersion = ScalarFunction("store_version", arguments: 0) { _ in
        .text(StoreVersion.current)
    }
}
