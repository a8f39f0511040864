import Foundation
import GRDB
import StoreCore
import StoreFunctions
@testable import StoreLearn
import StoreTestSupport
import XCTest

/// A training run end to end on a store: what it writes, versions, the
/// stored model predicting as the fitted one, and a failed run writing nothing.
final class TrainerTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// 200 rows, y = 1 exactly when 2a − b > 0.3 (separable), a text column and a split.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("t.db"), setup: StoreFunctions.setup)
        var random = SeededRandom(seed: 5)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE points (row_id INTEGER PRIMARY KEY, a REAL, b REAL, colour TEXT, y INTEGER, amount REAL, split TEXT)")
            for index in 0..<200 {
                let a = random.uniform() * 2 - 1
                let b = random.uniform() * 2 - 1
                let colour = ["red", "green", "blue"][index % 3]
                let split = index % 5 == 0 ? "test" : (index % 10 == 1 ? "validation" : "train")
                try db.execute(sql: "INSERT INTO points (a, b, colour, y, amount, split) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [a, b, colour, 2 * a - b > 0.3 ? 1 : 0, 3 + 2 * a - 0.5 * b, split])
            }
            try db.execute(sql: "CREATE VIEW features AS SELECT row_id, a, b, y, split FROM points")
        }
    }

    func testClassifierRunWritesModelAndPredictions() throws {
        let report = try Trainer.train(TrainingOptions(view: "features", target: "y", kind: .logisticRegression), in: store)
        XCTAssertEqual(report.name, "features_logistic_regression")
        XCTAssertEqual(report.version, 1)
        XCTAssertEqual(report.task, .classification)
        XCTAssertEqual(report.rows[.train], 140)
        XCTAssertEqual(report.rows[.test], 40)
        let (model, predictions, testAccuracy) = try store.queue.read { db in
            (try Row.fetchOne(db, sql: "SELECT kind, task, features, classes, rows_train, rows_validation, rows_test, format_version FROM models"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions WHERE model_id = ?", arguments: [report.modelID]),
             try Double.fetchOne(db, sql: "SELECT avg(actual = predicted) FROM predictions WHERE split = 'test'"))
        }
        let row = try XCTUnwrap(model)
        XCTAssertEqual(row[0] as String, "logistic_regression")
        XCTAssertEqual(row[1] as String, "classification")
        XCTAssertEqual(row[2] as String, #"["a","b"]"#)
        XCTAssertEqual(row[3] as String, "[0,1]")
        XCTAssertEqual([row[4], row[5], row[6]] as [Int], [140, 20, 40])
        XCTAssertEqual(row[7] as Int, Trainer.formatVersion)
        XCTAssertEqual(predictions, 200, "every row of every split")
        XCTAssertGreaterThan(try XCTUnwrap(testAccuracy), 0.9, "a separable rule is learned")
        let probabilities = try store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT json_extract(probabilities, '$.0') + json_extract(probabilities, '$.1'), score, json_extract(probabilities, '$.1') FROM predictions LIMIT 1")
        }
        XCTAssertEqual(try XCTUnwrap(probabilities)[0] as Double, 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(probabilities)[1] as Double, try XCTUnwrap(probabilities)[2] as Double, "binary score: P(class 1)")
    }

    /// Permutation importance on the test rows: both features matter (y
    /// depends on 2a − b), a more than b, and the same seed gives the same figures.
    func testPermutationImportanceOnTestRows() throws {
        _ = try Trainer.train(TrainingOptions(view: "features", target: "y", kind: .logisticRegression), in: store)
        _ = try Trainer.train(TrainingOptions(view: "features", target: "y", kind: .logisticRegression), in: store)
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT model_id, feature, method, importance, std FROM feature_importance ORDER BY model_id, feature")
        }
        XCTAssertEqual(rows.map { $0[1] as String }, ["a", "b", "a", "b"])
        XCTAssertEqual(Set(rows.map { $0[2] as String }), ["permutation"])
        let a: Double = rows[0][3], b: Double = rows[1][3]
        XCTAssertGreaterThan(a, b)
        XCTAssertGreaterThan(b, 0.01)
        XCTAssertEqual(rows[2][3] as Double, a, "deterministic")
        XCTAssertGreaterThanOrEqual(rows[0][4] as Double, 0)
    }

    /// The stored JSON is the fitted model: decoding it predicts the same probabilities.
    func testStoredModelPredictsAsTheFittedOne() throws {
        _ = try Trainer.train(TrainingOptions(view: "features", target: "y", kind: .logisticRegression), in: store)
        let stored = try store.queue.read { db in try Double.fetchAll(db, sql: "SELECT score FROM predictions ORDER BY row_key") }
        let model = try store.storedTrainedModel()
        let data = try store.queue.read { db in try TrainingData.read(view: "features", target: "y", in: db) }
        let features = Matrix(data.values.map { $0.map { if case .number(let x) = $0 { x } else { .nan } } })
        let again = try XCTUnwrap(model.probabilities(features)).column(1)
        XCTAssertEqual(again, stored)
    }

    func testRetrainingAddsAVersionAndRegressionWorks() throws {
        var options = TrainingOptions(view: "points", target: "amount", kind: .linearRegression)
        options.name = "amounts"
        options.encode = .onehot
        _ = try Trainer.train(options, in: store)
        let second = try Trainer.train(options, in: store)
        XCTAssertEqual(second.version, 2)
        XCTAssertEqual(second.task, .regression)
        let (versions, error) = try store.queue.read { db in
            (try Int.fetchAll(db, sql: "SELECT version FROM models WHERE name = 'amounts' ORDER BY version"),
             try Double.fetchOne(db, sql: "SELECT max(abs(actual - predicted)) FROM predictions WHERE model_id = ?", arguments: [second.modelID]))
        }
        XCTAssertEqual(versions, [1, 2])
        XCTAssertLessThan(try XCTUnwrap(error), 1e-9, "amount is exactly linear in a and b")
    }

    /// A run that fails (here: an unknown parameter, found after the data is read) writes nothing.
    func testAFailedRunWritesNothing() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .logisticRegression)
        options.settings = try ModelSettings(["depth=3"])
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertEqual("\(error)", "cannot train logistic_regression on 'features': logistic_regression has no parameter 'depth'; its parameters are C, max_iter, tol, fit_intercept.")
        }
        XCTAssertThrowsError(try Trainer.train(TrainingOptions(view: "features", target: "y", kind: .linearRegression), in: store)) { error in
            XCTAssertTrue("\(error)".hasPrefix("linear_regression cannot do classification"), "\(error)")
        }
        let counts = try store.queue.read { db in
            [try Int.fetchOne(db, sql: "SELECT count(*) FROM models"), try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions")]
        }
        XCTAssertEqual(counts, [0, 0])
    }

    /// SMOTE rows train the model but are not rows of the view: they are
    /// recorded in the preprocessing, not in rows_train or predictions.
    func testSMOTEIsRecordedAndOnlyTrainingRowsGrow() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .logisticRegression)
        options.smote = true
        let report = try Trainer.train(options, in: store)
        let (preprocessing, rowsTrain, predictions, ones, zeros) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "SELECT preprocessing FROM models") ?? "",
             try Int.fetchOne(db, sql: "SELECT rows_train FROM models"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions WHERE split = 'train' AND actual = 1") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions WHERE split = 'train' AND actual = 0") ?? 0)
        }
        XCTAssertEqual(rowsTrain, report.rows[.train])
        XCTAssertEqual(predictions, 200)
        let recorded = try JSONDecoder().decode(Preprocessing.self, from: Data(preprocessing.utf8))
        let minority = ones < zeros ? "1" : "0"
        XCTAssertEqual(recorded.oversampling, Preprocessing.Oversampling(method: "smote", neighbours: 5, added: [minority: abs(zeros - ones)]))
        var regression = TrainingOptions(view: "points", target: "amount", kind: .linearRegression)
        regression.smote = true
        regression.encode = .label
        XCTAssertThrowsError(try Trainer.train(regression, in: store))
    }

    func testBalancedClassWeightsAreScikitLearns() {
        // compute_class_weight("balanced", classes=[0, 1], y=[0, 0, 0, 1]) == [0.6667, 2.0]
        let weights = FitRecipe.balancedWeights([0, 0, 0, 1], classCount: 2)
        XCTAssertEqual(weights, [4.0 / 6, 4.0 / 6, 4.0 / 6, 2])
    }
}
