import Foundation
import GRDB
import GRDBSQLite
import StoreCore

/// A model read back from `models`: the fitted model with the preprocessing
/// and classes it was trained with, ready to score raw rows.
public struct StoredModel: Sendable {
    public let model: TrainedModel
    public let preprocessing: Preprocessing
    /// The class values in the model's order (nil for regression).
    public let classes: [TrainingData.Value]?

    /// The view's columns the model reads, in order, before encoding.
    public var rawColumns: [String] {
        preprocessing.steps.map { step in
            switch step {
            case .number(let column, _), .label(let column, _, _), .onehot(let column, _, _): column
            }
        }
    }

    /// Decodes the JSON columns of a `models` row; `name` names the model in errors.
    init(name: String, model: String, preprocessing: String, classes: String?, formatVersion: Int) throws {
        guard formatVersion <= Trainer.formatVersion else {
            throw StoreError("model '\(name)' was stored by a newer store (format \(formatVersion)); upgrade store to use it.")
        }
        let decoder = JSONDecoder()
        do {
            self.model = try decoder.decode(TrainedModel.self, from: Data(model.utf8))
            self.preprocessing = try decoder.decode(Preprocessing.self, from: Data(preprocessing.utf8))
            self.classes = try classes.map { try decoder.decode([TrainingData.Value].self, from: Data($0.utf8)) }
        } catch {
            throw StoreError("model '\(name)' in the models table cannot be read (\(error)); train it again.")
        }
    }

    /// Which row of `models` to read.
    enum Lookup {
        /// The row with this id.
        case id(Int64)
        /// The latest version of this name.
        case latest(String)
    }

    /// The model with `id` in `models`.
    static func read(id: Int64, name: String, in db: Database) throws -> StoredModel {
        try read(.id(id), name: name, connection: db.sqliteConnection)
    }

    /// The model `row` of the connection's `models` table; `name` names it in
    /// errors. The one place a model is read back, for `store predict` (a GRDB
    /// connection) and for predict() in any SQLite client (a raw one).
    static func read(_ row: Lookup, name: String, connection: OpaquePointer?) throws -> StoredModel {
        let columns = "SELECT model, preprocessing, classes, format_version FROM models"
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
        return try StoredModel(name: name, model: text(0) ?? "", preprocessing: text(1) ?? "", classes: text(2),
                               formatVersion: Int(sqlite3_column_int64(statement, 3)))
    }

    /// Class probabilities (one row per row) or predicted numbers of raw
    /// rows, through the stored preprocessing. A value missing where the
    /// training rows had none (so no fill was learned) is an error naming
    /// `describe(row)` and the column.
    func score(_ values: [[TrainingData.Value]], describe: (Int) -> String) throws -> (probabilities: Matrix?, values: [Double]?) {
        let features = preprocessing.transform(values, rows: Array(values.indices))
        if let missing = features.values.firstIndex(where: { $0.isNaN }) {
            let column = preprocessing.featureNames[missing % max(features.columns, 1)]
            throw StoreError("\(describe(missing / max(features.columns, 1))) has no \(column), and the model learned no fill for it (it had no missing values in training). Fill it in the view.")
        }
        if let probabilities = model.probabilities(features) { return (probabilities, nil) }
        return (nil, model.values(features))
    }
}
