import GRDB
import StoreCore
import StoreFunctions
import StorePlots
import StoreTestSupport
import XCTest

/// The model plots and the HTML report, from a model's rows inserted with
/// SQL (what `store train` writes), checked against scikit-learn on the
/// same values.
final class ModelPlotTests: XCTestCase {
    var folder: TestFolder!
    var store: StoreFile!

    /// scikit-learn's example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8].
    /// roc_curve: fpr [0, 0, .5, .5, 1], tpr [0, .5, .5, 1, 1];
    /// precision_recall_curve: precision [.5, .667, .5, 1, 1], recall [1, 1, .5, .5, 0].
    static let fpr = [0.0, 0, 0.5, 0.5, 1]
    static let tpr = [0.0, 0.5, 0.5, 1, 1]
    static let precision = [0.5, 2.0 / 3, 0.5, 1, 1]
    static let recall = [1.0, 1, 0.5, 0.5, 0]

    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("store.db"), setup: StoreFunctions.setup)
        try store.queue.write { db in
            try Self.insertModel(id: 1, name: "clf", kind: "random_forest", task: "classification", classes: "[0,1]", in: db)
            try Self.insertModel(id: 2, name: "reg", kind: "linear_regression", task: "regression", classes: nil, in: db)
            for (actual, predicted, count) in [(0, 0, 50), (0, 1, 5), (1, 0, 10), (1, 1, 35)] {
                try db.execute(sql: "INSERT INTO confusion VALUES (1, 'test', ?, ?, ?)", arguments: [actual, predicted, count])
            }
            for point in 0..<5 {
                try db.execute(sql: "INSERT INTO roc_curve VALUES (1, 'test', 1, ?, ?, ?, NULL)", arguments: [point, Self.fpr[point], Self.tpr[point]])
                try db.execute(sql: "INSERT INTO pr_curve VALUES (1, 'test', 1, ?, ?, ?, NULL)", arguments: [point, Self.precision[point], Self.recall[point]])
            }
            for (label, support) in [(0, 2.0), (1, 2.0)] {
                try db.execute(sql: "INSERT INTO metrics VALUES (1, 'test', 'support', ?, ?)", arguments: [label, support])
            }
            try db.execute(sql: "INSERT INTO metrics VALUES (1, 'test', 'accuracy', NULL, 0.85), (1, 'train', 'accuracy', NULL, 0.9)")
            // calibration: y = (i % 3 == 0), p = ((13 i) % 40) / 40 for i in 0..<40
            for i in 0..<40 {
                let p = Double((13 * i) % 40) / 40
                try db.execute(sql: "INSERT INTO predictions VALUES (1, ?, 'test', NULL, ?, ?, ?, ?)",
                               arguments: [i, i % 3 == 0 ? 1 : 0, p >= 0.5 ? 1 : 0, p, "{\"0\":\(1 - p),\"1\":\(p)}"])
            }
            for (feature, permutation, impurity) in [("age", 0.05, 0.3), ("income", 0.2, 0.5), ("debt", -0.01, 0.2)] {
                try db.execute(sql: "INSERT INTO feature_importance VALUES (1, ?, 'permutation', ?, 0.01), (1, ?, 'impurity', ?, NULL)",
                               arguments: [feature, permutation, feature, impurity])
            }
        }
    }

    static func insertModel(id: Int, name: String, kind: String, task: String, classes: String?, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO models (id, name, version, kind, task, view, target, key_column, features, classes, parameters, preprocessing,
                                rows_train, rows_validation, rows_test, seconds, created_at, tool_version, format_version, model)
            VALUES (?, ?, 1, ?, ?, 'v', 'y', 'row_id', '["age","income","debt"]', ?, '{"max_depth":3}', '{"steps":[]}',
                    60, 0, 40, 0.5, '2026-01-01T00:00:00.000Z', '0.1.0', 1, '{}')
            """, arguments: [id, name, kind, task, classes])
    }

    func model(_ name: String) throws -> ModelReference {
        try store.queue.read { db in try ModelReference.find(name, in: db) }
    }

    func message(_ work: (Database) throws -> Any) -> String {
        do {
            _ = try store.queue.read(work)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    // MARK: - Curves against scikit-learn

    func testROCAreaIsScikitLearnsAUC() throws {
        let clf = try model("clf")
        let roc = try store.queue.read { db in try ROCCurves.read(clf, split: "test", in: db) }
        XCTAssertEqual(roc.curves.map(\.label), ["1"])
        XCTAssertEqual(roc.curves[0].points.map(\.x), Self.fpr)
        // scikit-learn: auc(fpr, tpr) == roc_auc_score(y, scores) == 0.75
        XCTAssertEqual(roc.curves[0].area, 0.75)
    }

    func testAveragePrecisionIsScikitLearns() throws {
        let clf = try model("clf")
        let pr = try store.queue.read { db in try PrecisionRecallCurves.read(clf, split: "test", in: db) }
        // scikit-learn: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333333333333333
        XCTAssertEqual(pr.curves[0].averagePrecision, 0.8333333333333333, accuracy: 1e-15)
        XCTAssertEqual(pr.curves[0].prevalence, 0.5, "support 2 of 4")
    }

    func testCalibrationIsScikitLearnsCalibrationCurve() throws {
        let clf = try model("clf")
        let calibration = try store.queue.read { db in try CalibrationCurves.read(clf, split: "test", bins: 5, in: db) }
        // scikit-learn 1.8: calibration_curve(y, p, n_bins=5) →
        // prob_true [0.1111111111111111, 0.0, 0.0, 0.75, 1.0], prob_pred [0.1, 0.3125, 0.5125000000000001, 0.7125, 0.9]
        let points = calibration.curves[0].points
        XCTAssertEqual(points.map(\.y), [0.1111111111111111, 0.0, 0.0, 0.75, 1.0])
        for (found, expected) in zip(points.map(\.x), [0.1, 0.3125, 0.5125000000000001, 0.7125, 0.9]) {
            XCTAssertEqual(found, expected, accuracy: 1e-15)
        }
        XCTAssertEqual(calibration.curves[0].rows, 40)
    }

    func testConfusionInTheModelsClassOrderAndNormalized() throws {
        let clf = try model("clf")
        let counts = try store.queue.read { db in try MatrixHeatmap.confusion(clf, split: "test", normalized: false, in: db) }
        XCTAssertEqual(counts.rows, ["0", "1"])
        let expected: [[Double?]] = [[50, 5], [10, 35]]
        XCTAssertEqual(counts.values, expected)
        let rates = try store.queue.read { db in try MatrixHeatmap.confusion(clf, split: "test", normalized: true, in: db) }
        // scikit-learn: confusion_matrix(normalize='true') divides each row by its total.
        let first: [Double?] = [50.0 / 55, 5.0 / 55]
        let second: [Double?] = [10.0 / 45, 35.0 / 45]
        XCTAssertEqual(rates.values, [first, second])
    }

    func testImportancesLargestFirstAndTheMethodChosen() throws {
        let clf = try model("clf")
        let permutation = try store.queue.read { db in try FeatureImportances.read(clf, method: nil, top: 2, in: db) }
        XCTAssertEqual(permutation.method, "permutation")
        XCTAssertEqual(permutation.features.map(\.name), ["income", "age"])
        let impurity = try store.queue.read { db in try FeatureImportances.read(clf, method: "impurity", in: db) }
        XCTAssertEqual(impurity.features.map(\.importance), [0.5, 0.3, 0.2])
        XCTAssertNil(impurity.features[0].std)
    }

    func testLearningCurvesFromTrainingLog() throws {
        let clf = try model("clf")
        XCTAssertEqual(message { db in try LearningCurves.read(clf, in: db) },
                       "'clf' version 1 has no per-epoch log: it is a random_forest model, which is not trained in epochs, so training_log has no rows for it. Learning curves come from models trained in epochs (neural networks).")
        try store.queue.write { db in
            for epoch in 1...3 {
                try db.execute(sql: "INSERT INTO training_log VALUES (1, NULL, ?, 'train', ?, ?, 0.1, 0.001), (1, NULL, ?, 'validation', ?, NULL, 0.01, 0.001)",
                               arguments: [epoch, 1.0 / Double(epoch), 0.5 + 0.1 * Double(epoch), epoch, 1.2 / Double(epoch)])
            }
        }
        let curves = try store.queue.read { db in try LearningCurves.read(clf, in: db) }
        XCTAssertEqual(curves.epochs.count, 6)
        XCTAssertEqual(curves.epochs.filter { $0.split == "validation" }.map(\.loss), [1.2 / 1, 1.2 / 2, 1.2 / 3])
        let figure = curves.figure(title: nil, width: 800, height: 400)
        XCTAssertEqual(figure.panels.map(\.title), ["loss", "accuracy"], "accuracy from the train rows")
        XCTAssertEqual(message { db in try LearningCurves.read(clf, fold: 2, in: db) },
                       "'clf' version 1 has no per-epoch log for fold 2; its log has 6 rows for other folds.")
    }

    func testErrorsNameTheModelAndTheSplit() throws {
        let reg = try model("reg")
        XCTAssertEqual(message { db in try MatrixHeatmap.confusion(reg, split: "test", normalized: false, in: db) },
                       "'reg' is a regression model (linear_regression); a confusion matrix needs a classifier.")
        let clf = try model("clf")
        XCTAssertEqual(message { db in try ROCCurves.read(clf, split: "validation", in: db) },
                       "'clf' version 1 has no ROC curve for split 'validation' (roc_curve has rows only for 'test'). Choose one with --split.")
        XCTAssertEqual(message { db in try ModelReference.find("nope", in: db) },
                       "no model named 'nope'. The models are clf, reg (store models lists them).")
        XCTAssertEqual(message { db in try FeatureImportances.read(reg, method: nil, in: db) },
                       "'reg' version 1 has no feature importances (feature_importance has no rows for it).")
    }

    // MARK: - The HTML report

    func testReportHasTheSectionsTheModelHasRowsFor() throws {
        let clf = try model("clf")
        var page = try store.queue.read { db in try ModelReportPage.html(clf, in: db) }
        for heading in ["<h2>Model</h2>", "<h2>Parameters</h2>", "<h2>Measures per split</h2>", "<h2>Confusion matrix and curves (test)</h2>",
                        "<h2>Feature importance</h2>"] {
            XCTAssertTrue(page.contains(heading), heading)
        }
        for absent in ["Cross-validation", "<h2>Search</h2>", "Learning curves"] {
            XCTAssertFalse(page.contains(absent), "no \(absent) without rows")
        }
        XCTAssertTrue(page.contains("<title>clf version 1</title>"))
        XCTAssertTrue(page.contains(">1 (AUC = 0.750)</text>"), "the ROC figure inline, with its AUC")
        XCTAssertEqual(page.components(separatedBy: "<svg ").count - 1, 5, "confusion, ROC, PR, calibration, importance")
        // Self-contained: no script, nothing fetched, every id once.
        XCTAssertFalse(page.contains("<script"))
        XCTAssertFalse(page.contains("src="))
        XCTAssertFalse(page.contains("href="))
        let ids = page.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique across the figures")

        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO cv_scores VALUES (1, 1, 'accuracy', 0.8), (1, 2, 'accuracy', 0.9)")
            try db.execute(sql: "INSERT INTO search_results VALUES (1, 1, '{\"max_depth\":\"3\"}', 'accuracy', 0.85, 0.05, 1, 1)")
            try db.execute(sql: "INSERT INTO training_log VALUES (1, NULL, 1, 'train', 0.7, 0.6, 0.1, 0.001)")
        }
        page = try store.queue.read { db in try ModelReportPage.html(clf, in: db) }
        XCTAssertTrue(page.contains("<h2>Cross-validation</h2>"))
        XCTAssertTrue(page.contains("<td class=\"n\">0.8500</td>"), "the mean of the folds")
        XCTAssertTrue(page.contains("<h2>Search</h2>"))
        XCTAssertTrue(page.contains("<h2>Learning curves</h2>"))
    }

    func testRegressionReportHasNoClassifierSections() throws {
        let page = try store.queue.read { db in try ModelReportPage.html(try ModelReference.find("reg", in: db), in: db) }
        XCTAssertTrue(page.contains("<h2>Model</h2>"))
        XCTAssertFalse(page.contains("Confusion"))
        XCTAssertFalse(page.contains("<svg"))
    }
}
