import GRDB
import StoreCore

/// What `store models` and `store report` show, read from the tables a
/// training run writes.
public enum ModelCatalog {
    /// One row per model version: name, version, kind, task, view, target,
    /// training rows, the headline measure on the test rows (accuracy for a
    /// classifier, rmse for a regressor) and when it was trained.
    public static func list(in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.name, m.version, m.kind, m.task, m.view, m.target, m.rows_train,
                   CASE m.task WHEN 'classification' THEN 'accuracy' ELSE 'rmse' END AS metric,
                   (SELECT value FROM metrics
                    WHERE model_id = m.id AND split = 'test' AND class IS NULL
                      AND metric = CASE m.task WHEN 'classification' THEN 'accuracy' ELSE 'rmse' END) AS test_value,
                   m.created_at
            FROM models AS m ORDER BY m.name, m.version
            """)
        return (["name", "version", "kind", "task", "view", "target", "rows_train", "metric", "test_value", "created_at"],
                rows.map { Array($0.databaseValues) })
    }

    /// The id and version of model `name` at `version` (the latest when nil).
    public static func find(_ name: String, version: Int?, in db: Database) throws -> (id: Int64, version: Int, task: String) {
        let row: Row?
        if let version {
            row = try Row.fetchOne(db, sql: "SELECT id, version, task FROM models WHERE name = ? AND version = ?", arguments: [name, version])
        } else {
            row = try Row.fetchOne(db, sql: "SELECT id, version, task FROM models WHERE name = ? ORDER BY version DESC LIMIT 1", arguments: [name])
        }
        guard let row else {
            let names = try String.fetchAll(db, sql: "SELECT DISTINCT name FROM models ORDER BY name")
            let known = names.isEmpty ? "There are no models yet; train one with store train." : "The models are \(names.joined(separator: ", ")) (store models lists them)."
            throw StoreError("no model named '\(name)'\(version.map { " with version \($0)" } ?? ""). \(known)")
        }
        return (row[0], row[1], row[2])
    }

    /// The classification report of a split: one row per class (precision,
    /// recall, f1, support), then the macro and weighted averages and the
    /// accuracy, as scikit-learn's `classification_report` prints them. The
    /// support is a count of rows, so it is an INTEGER (the metrics table
    /// holds it as a REAL, like every measure).
    public static func classificationReport(model: Int64, split: String, in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT class, max(CASE WHEN metric = 'precision' THEN value END), max(CASE WHEN metric = 'recall' THEN value END),
                   max(CASE WHEN metric = 'f1' THEN value END), CAST(max(CASE WHEN metric = 'support' THEN value END) AS INTEGER)
            FROM metrics WHERE model_id = ? AND split = ? AND class IS NOT NULL GROUP BY class ORDER BY min(rowid)
            """, arguments: [model, split])
        var result = rows.map { Array($0.databaseValues) }
        let support = try Int.fetchOne(db, sql: "SELECT CAST(sum(value) AS INTEGER) FROM metrics WHERE model_id = ? AND split = ? AND metric = 'support'", arguments: [model, split])
        for average in ["macro", "weighted"] {
            let values = try ["precision", "recall", "f1"].map { metric in
                try DatabaseValue.fetchOne(db, sql: "SELECT value FROM metrics WHERE model_id = ? AND split = ? AND metric = ?",
                                           arguments: [model, split, "\(metric)_\(average)"]) ?? .null
            }
            result.append(["\(average) avg".databaseValue] + values + [support.databaseValue])
        }
        let accuracy = try DatabaseValue.fetchOne(db, sql: "SELECT value FROM metrics WHERE model_id = ? AND split = ? AND metric = 'accuracy'", arguments: [model, split]) ?? .null
        result.append(["accuracy".databaseValue, .null, .null, accuracy, support.databaseValue])
        return (["class", "precision", "recall", "f1", "support"], result)
    }

    /// The confusion matrix of a split as a table: one row per actual class,
    /// one column per predicted class.
    public static func confusionMatrix(model: Int64, split: String, in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let classes = try DatabaseValue.fetchAll(db, sql: """
            SELECT value FROM (SELECT actual AS value FROM confusion WHERE model_id = ? AND split = ?
                               UNION SELECT predicted FROM confusion WHERE model_id = ? AND split = ?) ORDER BY value
            """, arguments: [model, split, model, split])
        let cells = try Row.fetchAll(db, sql: "SELECT actual, predicted, count FROM confusion WHERE model_id = ? AND split = ?", arguments: [model, split])
        var counts: [DatabaseValue: [DatabaseValue: Int]] = [:]
        for cell in cells { counts[cell[0], default: [:]][cell[1]] = cell[2] }
        let rows = classes.map { actual in
            [actual] + classes.map { predicted in (counts[actual]?[predicted] ?? 0).databaseValue }
        }
        return (["actual \\ predicted"] + classes.map(CellText.plainText), rows)
    }

    /// The overall measures of every split (class NULL), one row per
    /// metric; a `cv` column (the mean over folds) when the run cross-validated.
    public static func overallMetrics(model: Int64, in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let crossValidated = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM metrics WHERE model_id = ? AND split = 'cv')", arguments: [model]) ?? false
        let rows = try Row.fetchAll(db, sql: """
            SELECT metric, max(CASE WHEN split = 'train' THEN value END), max(CASE WHEN split = 'validation' THEN value END),
                   max(CASE WHEN split = 'test' THEN value END)\(crossValidated ? ", max(CASE WHEN split = 'cv' THEN value END)" : "")
            FROM metrics WHERE model_id = ? AND class IS NULL GROUP BY metric ORDER BY min(rowid)
            """, arguments: [model])
        return (["metric", "train", "validation", "test"] + (crossValidated ? ["cv"] : []), rows.map { Array($0.databaseValues) })
    }

    /// The `limit` features that matter most, by permutation importance:
    /// its mean and standard deviation, and the impurity importance where
    /// the model has one.
    public static func topFeatures(model: Int64, limit: Int = 10, in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.feature, p.importance, p.std, i.importance
            FROM feature_importance p
            LEFT JOIN feature_importance i ON i.model_id = p.model_id AND i.feature = p.feature AND i.method = 'impurity'
            WHERE p.model_id = ? AND p.method = 'permutation'
            ORDER BY p.importance DESC, p.feature LIMIT ?
            """, arguments: [model, limit])
        return (["feature", "permutation", "std", "impurity"], rows.map { Array($0.databaseValues) })
    }

    /// The final network's epochs from `training_log`, one row per epoch
    /// (loss and accuracy on the training rows, then on the validation rows
    /// when there were any): every epoch when there are at most 12, else
    /// every k-th so that about 10 show, with the last and the kept one
    /// always there. `summary` says how many ran and which epoch the model
    /// keeps. No rows for a model not trained in epochs.
    public static func trainingLog(model: Int64, in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]], summary: String) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.epoch, t.loss, t.accuracy, v.loss, v.accuracy, t.seconds + coalesce(v.seconds, 0)
            FROM training_log t
            LEFT JOIN training_log v ON v.model_id = t.model_id AND v.epoch = t.epoch AND v.fold IS NULL AND v.split = 'validation'
            WHERE t.model_id = ? AND t.fold IS NULL AND t.split = 'train' ORDER BY t.epoch
            """, arguments: [model])
        guard let last = rows.last?[0] as Int? else { return ([], [], "") }
        let parameters = try String.fetchOne(db, sql: "SELECT json_extract(parameters, '$.best_epoch') FROM models WHERE id = ?", arguments: [model])
        let kept = parameters.flatMap(Int.init) ?? last
        let step = rows.count <= 12 ? 1 : Int((Double(rows.count) / 10).rounded(.up))
        let shown = rows.filter { row in
            let epoch: Int = row[0]
            return epoch % step == 0 || epoch == last || epoch == kept || epoch == 1
        }
        let validated = rows.contains { !($0[3] as DatabaseValue).isNull }
        let columns = ["epoch", "loss", "accuracy"] + (validated ? ["val_loss", "val_accuracy"] : []) + ["seconds"]
        let table = shown.map { row -> [DatabaseValue] in
            let values = Array(row.databaseValues)
            return validated ? values : [values[0], values[1], values[2], values[5]]
        }
        let summary = "\(last) epochs, the model keeps epoch \(kept)" + (step > 1 ? ", shown one in \(step)" : "")
        return (columns, table, summary)
    }
}
