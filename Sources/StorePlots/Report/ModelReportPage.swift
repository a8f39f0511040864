import Foundation
import GRDB
import StoreCore
import StoreLearn

/// `store report --model M --html FILE`: one self-contained HTML page about
/// a trained model (inline SVG and CSS; no script, nothing fetched), that a
/// person can open or mail.
///
/// Sections, each only where the model has the rows: the model (name,
/// version, kind, task, view, target, rows per split, when and by what
/// it was trained); parameters; preprocessing (JSON, folded); measures per
/// split; for a classifier the classification report and, as figures, the
/// confusion matrix, ROC and precision–recall curves and calibration of
/// `split`; feature importances; cross-validation scores per fold; search
/// results; learning curves (from `training_log`).
public enum ModelReportPage {
    /// The page for `model` (the figures' split is `split`).
    public static func html(_ model: ModelReference, split: String = "test", in db: Database) throws -> String {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM models WHERE id = ?", arguments: [model.id]) else {
            throw StoreError("model \(model.id) disappeared while the report was written.")
        }
        var body = ""
        let title = "\(model.name) version \(model.version)"
        body += "<h1>\(HTMLText.escaped(model.name)) <span class=\"version\">version \(model.version)</span></h1>\n"
        body += "<p class=\"lead\">\(HTMLText.escaped("\(model.kind) \(model.task), trained on \(row["view"] as String) to predict \(row["target"] as String)"))</p>\n"
        body += section("Model", model: row, db: db)
        body += try parameters(row)
        body += try metrics(model, db: db)
        if model.task == "classification" {
            body += try classification(model, split: split, db: db)
        }
        body += try importances(model, db: db)
        body += try crossValidation(model, db: db)
        body += try search(model, db: db)
        body += try learning(model, db: db)
        let created: String = row["created_at"]
        let tool: String = row["tool_version"]
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escaped(title))</title>
            <style>
            \(HTMLText.style)
            </style>
            </head>
            <body>
            <main>
            \(body)<footer>Written by store \(HTMLText.escaped(StoreVersion.current)) from the store's models, metrics and curves tables. The model was trained \(HTMLText.escaped(created)) by store \(HTMLText.escaped(tool)).</footer>
            </main>
            </body>
            </html>

            """
    }

    private static func section(_ heading: String, model row: Row, db: Database) -> String {
        let features = (try? JSONDecoder().decode([String].self, from: Data((row["features"] as String).utf8))) ?? []
        let pairs: [(String, String)] = [
            ("kind", row["kind"]), ("task", row["task"]), ("view", row["view"]), ("target", row["target"]),
            ("key column", row["key_column"]),
            ("rows", "\(NumberText.count(row["rows_train"])) train, \(NumberText.count(row["rows_validation"])) validation, \(NumberText.count(row["rows_test"])) test"),
            ("features (\(features.count))", features.joined(separator: ", ")),
            ("trained", "\(row["created_at"] as String) in \(String(format: "%.2f", row["seconds"] as Double)) s (model_id \(row["id"] as Int64))"),
        ]
        return "<h2>\(heading)</h2>\n" + HTMLText.pairs(pairs)
    }

    private static func parameters(_ row: Row) throws -> String {
        var html = "<h2>Parameters</h2>\n"
        let parameters: String = row["parameters"]
        if let object = try? JSONSerialization.jsonObject(with: Data(parameters.utf8)) as? [String: Any], !object.isEmpty {
            html += HTMLText.pairs(object.keys.sorted().map { key in (key, text(object[key])) })
        } else {
            html += "<p>The model's defaults.</p>\n"
        }
        let preprocessing: String = row["preprocessing"]
        html += "<details><summary>Preprocessing (learned from the training rows)</summary>\n<pre>\(HTMLText.escaped(pretty(preprocessing)))</pre>\n</details>\n"
        return html
    }

    private static func metrics(_ model: ModelReference, db: Database) throws -> String {
        let table = try ModelCatalog.overallMetrics(model: model.id, in: db)
        guard !table.rows.isEmpty else { return "" }
        // Leave out splits without any value (no validation rows, say).
        let keep = table.columns.indices.filter { index in index == 0 || table.rows.contains { !$0[index].isNull } }
        return "<h2>Measures per split</h2>\n" + HTMLText.table(keep.map { table.columns[$0] }, table.rows.map { row in keep.map { row[$0] } })
    }

    private static func classification(_ model: ModelReference, split: String, db: Database) throws -> String {
        var html = ""
        let report = try ModelCatalog.classificationReport(model: model.id, split: split, in: db)
        if report.rows.count > 3 {
            html += "<h2>Classification report (\(HTMLText.escaped(split)))</h2>\n" + HTMLText.table(report.columns, report.rows)
        }
        var figures: [String] = []
        let size = (width: 520.0, height: 420.0)
        func add(_ figure: Figure, _ id: String, _ caption: String) {
            var sized = figure
            sized.width = size.width
            sized.height = size.height
            figures.append(HTMLText.figure(sized, id: id, caption: caption))
        }
        if try has("confusion", model, split: split, db) {
            let confusion = try MatrixHeatmap.confusion(model, split: split, normalized: false, in: db)
            add(confusion.figure(title: "Confusion matrix (\(split))", width: size.width, height: size.height), "cm",
                "Rows are the actual classes, columns the predicted ones; darker is more.")
        }
        if try has("roc_curve", model, split: split, db) {
            let roc = try ROCCurves.read(model, split: split, in: db)
            add(roc.figure(title: "ROC (\(split))", width: size.width, height: size.height), "roc",
                "True against false positive rate as the threshold falls.")
        }
        if try has("pr_curve", model, split: split, db) {
            let pr = try PrecisionRecallCurves.read(model, split: split, in: db)
            add(pr.figure(title: "Precision–recall (\(split))", width: size.width, height: size.height), "pr",
                "Precision against recall; the dashed line is a random ranking.")
        }
        if try has("predictions", model, split: split, db) {
            let calibration = try CalibrationCurves.read(model, split: split, in: db)
            add(calibration.figure(title: "Calibration (\(split))", width: size.width, height: size.height), "cal",
                "Observed share of the class against the mean predicted probability, in ten bins.")
        }
        if !figures.isEmpty {
            html += "<h2>Confusion matrix and curves (\(HTMLText.escaped(split)))</h2>\n<div class=\"figures\">\n" + figures.joined() + "</div>\n"
        }
        return html
    }

    private static func importances(_ model: ModelReference, db: Database) throws -> String {
        guard try has("feature_importance", model, split: nil, db) else { return "" }
        let importances = try FeatureImportances.read(model, method: nil, top: 20, in: db)
        let figure = importances.figure(title: "", width: 1000, height: Double(max(260, 80 + 30 * importances.features.count)))
        return "<h2>Feature importance</h2>\n" + HTMLText.figure(figure, id: "imp", caption: importances.method == "permutation"
            ? "Drop in the score on the test rows when a feature's values are shuffled (mean ± standard deviation over repeats)."
            : "Mean decrease in impurity, normalized.")
    }

    private static func crossValidation(_ model: ModelReference, db: Database) throws -> String {
        let metrics = try String.fetchAll(db, sql: "SELECT metric FROM cv_scores WHERE model_id = ? GROUP BY metric ORDER BY min(rowid)",
                                          arguments: [model.id])
        guard !metrics.isEmpty else { return "" }
        var rows: [[DatabaseValue]] = []
        let folds = try Int.fetchAll(db, sql: "SELECT DISTINCT fold FROM cv_scores WHERE model_id = ? ORDER BY fold", arguments: [model.id])
        for fold in folds {
            var row: [DatabaseValue] = [fold.databaseValue]
            for metric in metrics {
                row.append(try DatabaseValue.fetchOne(db, sql: "SELECT value FROM cv_scores WHERE model_id = ? AND fold = ? AND metric = ?",
                                                      arguments: [model.id, fold, metric]) ?? .null)
            }
            rows.append(row)
        }
        var mean: [DatabaseValue] = ["mean".databaseValue]
        var std: [DatabaseValue] = ["std".databaseValue]
        for metric in metrics {
            mean.append(try DatabaseValue.fetchOne(db, sql: "SELECT avg(value) FROM cv_scores WHERE model_id = ? AND metric = ?", arguments: [model.id, metric]) ?? .null)
            std.append(try DatabaseValue.fetchOne(db, sql: "SELECT stddev_pop(value) FROM cv_scores WHERE model_id = ? AND metric = ?", arguments: [model.id, metric]) ?? .null)
        }
        return "<h2>Cross-validation</h2>\n" + HTMLText.table(["fold"] + metrics, rows + [mean, std])
    }

    private static func search(_ model: ModelReference, db: Database) throws -> String {
        let rows = try Row.fetchAll(db, sql: """
            SELECT candidate, parameters, metric, mean, std, rank, CASE chosen WHEN 1 THEN 'chosen' ELSE '' END
            FROM search_results WHERE model_id = ? ORDER BY rank, candidate
            """, arguments: [model.id])
        guard !rows.isEmpty else { return "" }
        return "<h2>Search</h2>\n" + HTMLText.table(["candidate", "parameters", "metric", "mean", "std", "rank", ""], rows.map { Array($0.databaseValues) })
    }

    private static func learning(_ model: ModelReference, db: Database) throws -> String {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM training_log WHERE model_id = ? AND fold IS NULL)", arguments: [model.id]) ?? false else {
            return ""
        }
        let curves = try LearningCurves.read(model, in: db)
        let figure = curves.figure(title: "", width: 1000, height: 380)
        return "<h2>Learning curves</h2>\n" + HTMLText.figure(figure, id: "lc", caption: "Loss and accuracy per epoch, on the training and the validation rows.")
    }

    /// Whether `table` has rows of the model (for `split` when given).
    private static func has(_ table: String, _ model: ModelReference, split: String?, _ db: Database) throws -> Bool {
        let condition = split == nil ? "" : " AND split = ?"
        let arguments: StatementArguments = split.map { [model.id, $0] } ?? [model.id]
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(SQLIdentifier.quoted(table)) WHERE model_id = ?\(condition))",
                                 arguments: arguments) ?? false
    }

    /// A JSON value as short text: strings as they are, the rest as JSON.
    private static func text(_ value: Any?) -> String {
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        case nil: return ""
        case let other?:
            let data = (try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// JSON text indented, keys sorted.
    private static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
