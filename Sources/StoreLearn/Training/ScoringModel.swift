import Foundation
import GRDBSQLite
import StoreCore

/// A stored model read back to score rows: a tabular model (`StoredModel`)
/// or a neural network (`StoredNetwork`, with its weights from
/// `model_arrays`).
enum ScoringModel {
    case model(StoredModel)
    case network(StoredNetwork)

    /// Which row of `models` to read.
    enum Lookup {
        /// The row with this id.
        case id(Int64)
        /// The latest version of this name.
        case latest(String)
    }

    /// The model `row` of the connection's `models` table; `name` names it in
    /// errors. The one place a model is read back, for `store predict` (a GRDB
    /// connection) and for predict() in any SQLite client (a raw one).
    static func read(_ row: Lookup, name: String, connection: OpaquePointer?) throws -> ScoringModel {
        let columns = "SELECT model, preprocessing, classes, format_version, kind, id FROM models"
        let sql = switch row {
        case .id: columns + " WHERE id = ?"
        case .latest: columns + " WHERE name = ? ORDER BY version DESC LIMIT 1"
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            throw StoreError("this store has no models table; train a model first (store train).")
        }
        defer { sqlite3_finalize(statement) }
        switch row {
        case .id(let id): sqlite3_bind_int64(statement, 1, id)
        case .latest(let name): sqlite3_bind_text(statement, 1, name, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        let stepped = sqlite3_step(statement)
        guard stepped == SQLITE_ROW else {
            if stepped == SQLITE_DONE { throw StoreError("there is no model '\(name)'; see store models.") }
            throw StoreError("cannot read model '\(name)': \(String(cString: sqlite3_errmsg(connection))).")
        }
        func text(_ column: Int32) -> String? {
            sqlite3_column_text(statement, column).map { String(cString: $0) }
        }
        let arrays = try Self.arrays(model: sqlite3_column_int64(statement, 5), connection: connection)
        if let kind = text(4).flatMap(ModelKind.init(rawValue:)), kind.isNetwork {
            return .network(try StoredNetwork(name: name, model: text(0) ?? "", preprocessing: text(1) ?? "", classes: text(2),
                                              formatVersion: Int(sqlite3_column_int64(statement, 3)), arrays: arrays))
        }
        return .model(try StoredModel(name: name, model: text(0) ?? "", preprocessing: text(1) ?? "", classes: text(2),
                                      formatVersion: Int(sqlite3_column_int64(statement, 3)), arrays: arrays))
    }

    /// A model's arrays: (name, tensor BLOB) in the order they were written.
    private static func arrays(model id: Int64, connection: OpaquePointer?) throws -> [(String, [UInt8])] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT name, array FROM model_arrays WHERE model_id = ? ORDER BY rowid", -1, &statement, nil) == SQLITE_OK else {
            throw StoreError("this store has no model_arrays table; open it with store to bring its schema up to date.")
        }
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, id)
        var arrays: [(String, [UInt8])] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            let name = sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? ""
            let count = Int(sqlite3_column_bytes(statement, 1))
            let bytes = sqlite3_column_blob(statement, 1).map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
            arrays.append((name, bytes))
        }
        return arrays
    }
}
