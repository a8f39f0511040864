import Foundation
import GRDB
import StoreCore

/// A `models` row as a training run writes it, with its rows of
/// `model_arrays`: the one place both trainers insert a model.
struct ModelRow {
    var name: String
    var kind: ModelKind
    var task: TrainingTask
    /// The data trained on: its view, key column and the split of every row.
    var data: TrainingData
    var features: [String]
    var classes: TargetClasses?
    /// JSON of every setting that shaped the run.
    var parameters: [String: String]
    /// JSON of what was learned before the model.
    var preprocessing: String
    var seconds: Double
    var formatVersion: Int
    /// JSON of the fitted model.
    var model: String
    /// The model's arrays (name, tensor BLOB).
    var arrays: [(name: String, blob: [UInt8])]

    /// Inserts the row as the next version of `name`, and its arrays; the
    /// new row's id and version.
    func insert(in db: Database) throws -> (id: Int64, version: Int) {
        let version = (try Int.fetchOne(db, sql: "SELECT max(version) FROM models WHERE name = ?", arguments: [name]) ?? 0) + 1
        var rows: [TrainingData.Split: Int] = [:]
        for split in data.splits { rows[split, default: 0] += 1 }
        try db.execute(sql: """
            INSERT INTO models (name, version, kind, task, view, target, key_column, features, classes, parameters,
                                preprocessing, rows_train, rows_validation, rows_test, seconds, created_at,
                                tool_version, format_version, model)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                name, version, kind.rawValue, task.rawValue, data.view, data.target, data.keyColumn,
                try JSON.text(features), try classes.map { try JSON.text($0.values) },
                try JSON.text(parameters), preprocessing,
                rows[.train] ?? 0, rows[.validation] ?? 0, rows[.test] ?? 0,
                seconds, Trainer.timestamp(Date()), StoreVersion.current, formatVersion, model,
            ])
        let id = db.lastInsertedRowID
        let array = try db.makeStatement(sql: "INSERT INTO model_arrays (model_id, name, array) VALUES (?, ?, ?)")
        for item in arrays { try array.execute(arguments: [id, item.name, Data(item.blob)]) }
        return (id, version)
    }
}
