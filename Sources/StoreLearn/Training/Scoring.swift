import Foundation
import GRDB
import StoreCore

/// A stored model applied to the rows of a table or view: what
/// `store predict` prints or writes.
///
/// (1) The model is read from `models` (its fitted JSON and preprocessing);
///     the view must have the raw columns the model was trained on and the
///     model's key column. Other columns, the target among them, are ignored.
/// (2) Rows are transformed by the stored preprocessing (the training fills
///     and categories), so a view of new rows is scored as the test rows were.
/// (3) One row per row, ordered by key: key, predicted, score (the
///     probability of the positive class for two classes, else of the
///     predicted class; NULL for regression) and the probabilities as JSON.
public enum Scoring {
    public static let columns = ["key", "predicted", "score", "probabilities"]

    public static func score(model name: String, version: Int?, view: String, in db: Database) throws -> [[DatabaseValue]] {
        let found = try ModelCatalog.find(name, version: version, in: db)
        guard let key = try String.fetchOne(db, sql: "SELECT key_column FROM models WHERE id = ?", arguments: [found.id]) else { return [] }
        let schema = try TableSchema.lookup(view, in: db)
        let q = SQLIdentifier.quoted
        var keys: [DatabaseValue] = []
        let scored: (probabilities: Matrix?, values: [Double]?)
        let classes: [TrainingData.Value]?
        switch try ScoringModel.read(.id(found.id), name: name, connection: db.sqliteConnection) {
        case .network(let stored):
            classes = stored.classes
            let describe = { (index: Int) in "'\(schema.name)' row \(keys[index])" }
            if let column = stored.input.column {
                try schema.requireColumns([key, column])
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(q(key)), \(q(column)) FROM \(q(schema.name)) ORDER BY \(q(key))")
                var tensors: [Tensor] = []
                while let row = try cursor.next() {
                    keys.append(row[0])
                    tensors.append(try NetworkData.tensor(row[1], column: column, row: "'\(schema.name)' row \(row[0] as DatabaseValue)"))
                }
                scored = stored.scores(try stored.outputs(tensors: tensors, describe: describe))
            } else {
                let values = try rawRows(stored.rawColumns, key: key, schema: schema, keys: &keys, in: db)
                scored = stored.scores(try stored.outputs(values: values, describe: describe))
            }
        case .model(let stored):
            classes = stored.classes
            let values = try rawRows(stored.rawColumns, key: key, schema: schema, keys: &keys, in: db)
            scored = try stored.score(values) { "'\(schema.name)' row \(keys[$0])" }
        }
        if let probabilities = scored.probabilities, let classes {
            let chosen = probabilities.largestInEachRow
            let labels = classes.map(Predictions.label)
            return try keys.indices.map { row in
                var object: [String: Double] = [:]
                for (column, label) in labels.enumerated() { object[label] = probabilities[row, column] }
                let score = probabilities.columns == 2 ? probabilities[row, 1] : probabilities[row, chosen[row]]
                return [keys[row], Predictions.databaseValue(classes[chosen[row]]), score.databaseValue, try JSON.text(object).databaseValue]
            }
        }
        let predicted = scored.values ?? []
        return keys.indices.map { [keys[$0], predicted[$0].databaseValue, .null, .null] }
    }

    /// The key and the raw `columns` of every row of the view, ordered by key.
    private static func rawRows(_ columns: [String], key: String, schema: TableSchema, keys: inout [DatabaseValue],
                                in db: Database) throws -> [[TrainingData.Value]] {
        try schema.requireColumns([key] + columns)
        let q = SQLIdentifier.quoted
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(q(key)), \(columns.map(q).joined(separator: ", ")) FROM \(q(schema.name)) ORDER BY \(q(key))")
        var values: [[TrainingData.Value]] = []
        while let row = try cursor.next() {
            keys.append(row[0])
            values.append((0..<columns.count).map { TrainingData.value(row[$0 + 1]) })
        }
        return values
    }

    /// Writes scored rows to a new table `name` (key, predicted, score, probabilities).
    public static func write(_ rows: [[DatabaseValue]], into name: String, in db: Database) throws {
        guard try !StoreTables.exists(name, in: db) else {
            throw StoreError("a table or view named '\(name)' exists; choose another --into name or drop it first.")
        }
        try db.execute(sql: "CREATE TABLE \(SQLIdentifier.quoted(name)) (key, predicted, score REAL, probabilities TEXT)")
        let insert = try db.makeStatement(sql: "INSERT INTO \(SQLIdentifier.quoted(name)) VALUES (?, ?, ?, ?)")
        for row in rows { try insert.execute(arguments: StatementArguments(row)) }
    }
}
