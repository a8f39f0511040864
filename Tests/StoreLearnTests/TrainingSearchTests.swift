import Foundation
import GRDB
import StoreCore
import StoreFunctions
@testable import StoreLearn
import StoreTestSupport
import XCTest

/// Folds, cross-validation, grid search, stacking and tree models through
/// `Trainer`: what each writes and that it chooses what it should.
final class TrainingSearchTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// 300 rows: y = 1 when a + 0.5·b > 0.2 except for every 13th row
    /// (label noise); c is noise; split 60/20/20 by row number.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("t.db"), setup: StoreFunctions.setup)
        var random = SeededRandom(seed: 11)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE points (row_id INTEGER PRIMARY KEY, a REAL, b REAL, c REAL, y INTEGER, amount REAL, split TEXT)")
            for index in 0..<300 {
                let a = random.uniform() * 2 - 1, b = random.uniform() * 2 - 1, c = random.uniform()
                var y = a + 0.5 * b > 0.2 ? 1 : 0
                if index % 13 == 0 { y = 1 - y }
                let split = index % 5 == 0 ? "test" : (index % 5 == 1 ? "validation" : "train")
                try db.execute(sql: "INSERT INTO points (a, b, c, y, amount, split) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [a, b, c, y, 10 * a * a + b, split])
            }
            try db.execute(sql: "CREATE VIEW features AS SELECT row_id, a, b, c, y, split FROM points")
            try db.execute(sql: "CREATE VIEW amounts AS SELECT row_id, a, b, c, amount, split FROM points")
        }
    }

    // MARK: Folds

    /// Written by scikit-learn 1.9.1:
    /// `StratifiedKFold(3).split(X, [2,0,0,1,2,2,0,1,1,0,0,2,1,0,0,0,2])` and `KFold(3)` of 10 rows.
    func testFoldsAreScikitLearns() throws {
        let classes = [2, 0, 0, 1, 2, 2, 0, 1, 1, 0, 0, 2, 1, 0, 0, 0, 2]
        XCTAssertEqual(try Folds.stratified(classes, folds: 3), [0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2])
        XCTAssertEqual(try Folds.contiguous(count: 10, folds: 3), [0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
        XCTAssertThrowsError(try Folds.stratified([0, 1, 0, 1], folds: 3)) { error in
            XCTAssertEqual("\(error)", "cross-validation with 3 folds needs a class with at least 3 training rows; the largest has 2.")
        }
        XCTAssertThrowsError(try Folds.contiguous(count: 4, folds: 1))
    }

    // MARK: Cross-validation

    func testCrossValidationWritesEveryFoldAndOutOfFoldPredictions() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .logisticRegression)
        options.folds = 4
        let report = try Trainer.train(options, in: store)
        let (folds, means, cvRows, foldSizes, trainRows) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(DISTINCT fold) FROM cv_scores WHERE metric = 'accuracy'"),
             try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'cv' AND metric = 'accuracy'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions WHERE split = 'cv'"),
             try Int.fetchAll(db, sql: "SELECT count(*) FROM predictions WHERE split = 'cv' GROUP BY fold ORDER BY fold"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM predictions WHERE split = 'train'"))
        }
        XCTAssertEqual(folds, 4)
        XCTAssertEqual(cvRows, 180, "every training row once")
        XCTAssertEqual(trainRows, 180)
        XCTAssertEqual(foldSizes, [45, 45, 45, 45])
        // The mean in metrics is the mean of the folds, and the fold scores are those of their predictions.
        let (foldAccuracy, predicted) = try store.queue.read { db in
            (try Double.fetchAll(db, sql: "SELECT value FROM cv_scores WHERE metric = 'accuracy' ORDER BY fold"),
             try Double.fetchAll(db, sql: "SELECT avg(actual = predicted) FROM predictions WHERE split = 'cv' GROUP BY fold ORDER BY fold"))
        }
        XCTAssertEqual(try XCTUnwrap(means), foldAccuracy.reduce(0, +) / 4, accuracy: 1e-12)
        for (a, b) in zip(foldAccuracy, predicted) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertGreaterThan(foldAccuracy.min() ?? 0, 0.7)
        XCTAssertEqual(report.headlines.last?.split, "cv")
    }

    // MARK: Grid search

    func testSearchOnValidationRowsChoosesTheBestAndTrainsWithIt() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .decisionTree)
        options.search = ["max_depth=1,2,none", "min_samples_leaf=1,20"]
        let report = try Trainer.train(options, in: store)
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT candidate, parameters, metric, mean, std, rank, chosen FROM search_results ORDER BY candidate")
        }
        XCTAssertEqual(rows.count, 6)
        XCTAssertEqual(rows.map { $0["parameters"] as String }.first, #"{"max_depth":"1","min_samples_leaf":"1"}"#)
        XCTAssertEqual(rows.map { $0["parameters"] as String }[1], #"{"max_depth":"1","min_samples_leaf":"20"}"#, "the last key varies fastest")
        XCTAssertEqual(Set(rows.map { $0["metric"] as String }), ["accuracy"])
        XCTAssertTrue(rows.allSatisfy { ($0["std"] as Double?) == nil })
        let best = rows.map { $0["mean"] as Double }.max()
        let chosen = try XCTUnwrap(rows.first { ($0["chosen"] as Int) == 1 })
        XCTAssertEqual(chosen["mean"] as Double, best)
        XCTAssertEqual(chosen["rank"] as Int, 1)
        XCTAssertEqual(rows.filter { ($0["chosen"] as Int) == 1 }.count, 1)
        for row in rows {
            let better = rows.filter { ($0["mean"] as Double) > (row["mean"] as Double) }.count
            XCTAssertEqual(row["rank"] as Int, better + 1)
        }
        // The final model was fitted with the chosen settings, and they are recorded.
        let chosenSettings = try JSONDecoder().decode([String: String].self, from: Data((chosen["parameters"] as String).utf8))
        XCTAssertEqual(report.chosen, chosenSettings)
        let parameters = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT parameters FROM models") ?? "" }
        let recorded = try JSONDecoder().decode([String: String].self, from: Data(parameters.utf8))
        XCTAssertEqual(recorded["max_depth"], chosenSettings["max_depth"])
        // The chosen candidate's validation accuracy is what the final model scores there.
        let validation = try store.queue.read { db in
            try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'validation' AND metric = 'accuracy' AND class IS NULL")
        }
        XCTAssertEqual(try XCTUnwrap(validation), chosen["mean"] as Double, accuracy: 1e-12)
    }

    func testSearchWithCrossValidationRanksByFoldMeans() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .logisticRegression)
        options.search = ["C=0.0001,1"]
        options.folds = 3
        _ = try Trainer.train(options, in: store)
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT parameters, mean, std, rank FROM search_results ORDER BY candidate")
        }
        XCTAssertEqual(rows.count, 2)
        XCTAssertNotNil(rows[0]["std"] as Double?)
        // Almost no regularization beats C = 0.0001, which predicts one class.
        XCTAssertEqual(rows.map { $0["rank"] as Int }, [2, 1])
        let folds = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT value FROM cv_scores WHERE metric = 'accuracy' ORDER BY fold")
        }
        XCTAssertEqual(folds.reduce(0, +) / 3, rows[1]["mean"] as Double, accuracy: 1e-12, "cv_scores are the chosen candidate's")
    }

    func testSearchNeedsSomethingToScoreOn() throws {
        try store.queue.write { db in try db.execute(sql: "CREATE VIEW unsplit AS SELECT row_id, a, b, y FROM points") }
        var options = TrainingOptions(view: "unsplit", target: "y", kind: .decisionTree)
        options.search = ["max_depth=1,2"]
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertTrue("\(error)".contains("--search needs --cv K or validation rows"), "\(error)")
        }
        options.search = ["max_depth=1,2", "max_depth=3"]
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertTrue("\(error)".contains("--search max_depth is given twice"), "\(error)")
        }
        XCTAssertEqual(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM models") }, 0)
    }

    // MARK: Trees and stacks

    func testForestWritesImpurityImportancesThatFavourTheSignal() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .randomForest)
        options.settings = ModelSettings(values: ["n_estimators": "30"])
        _ = try Trainer.train(options, in: store)
        let importances = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT feature, importance FROM feature_importance WHERE method = 'impurity' ORDER BY importance DESC")
        }
        XCTAssertEqual(importances.map { $0["feature"] as String }.first, "a")
        XCTAssertEqual(importances.map { $0["importance"] as Double }.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(importances.last?["feature"] as String?, "c")
        let accuracy = try store.queue.read { db in
            try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'test' AND metric = 'accuracy'")
        }
        XCTAssertGreaterThan(try XCTUnwrap(accuracy), 0.8)
    }

    func testTreeRegressorAndUnknownSettings() throws {
        var options = TrainingOptions(view: "amounts", target: "amount", kind: .decisionTree)
        options.settings = ModelSettings(values: ["max_depth": "6"])
        _ = try Trainer.train(options, in: store)
        let r2 = try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'test' AND metric = 'r2'") }
        XCTAssertGreaterThan(try XCTUnwrap(r2), 0.8)
        options.settings = ModelSettings(values: ["max_depth": "deep"])
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertTrue("\(error)".contains("--param max_depth must be a whole number of at least 1, or none, not 'deep'"), "\(error)")
        }
        options.settings = ModelSettings(values: ["n_estimators": "5"])
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertTrue("\(error)".contains("decision_tree has no parameter 'n_estimators'"), "\(error)")
        }
    }

    func testStackingCombinesOutOfFoldProbabilities() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .stacking)
        options.settings = ModelSettings(values: ["base": "logistic_regression,decision_tree", "random_forest.n_estimators": "20",
                                                  "decision_tree.max_depth": "3"])
        _ = try Trainer.train(options, in: store)
        let model = try store.storedTrainedModel()
        guard case .classifier(let classifier) = model.fitted, let stack = classifier as? Stacking else {
            return XCTFail("not a stack: \(model.kind)")
        }
        XCTAssertEqual(stack.bases.map(\.kind), [.randomForest, .logisticRegression, .decisionTree])
        XCTAssertEqual(stack.final.coefficients.first?.count, 3, "one positive-class column per base for two classes")
        guard case .classifier(let forest) = stack.bases[0].fitted else { return XCTFail("no forest") }
        XCTAssertEqual((forest as? RandomForestClassifier)?.trees.count, 20)
        let accuracy = try store.queue.read { db in
            try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'test' AND metric = 'accuracy'")
        }
        XCTAssertGreaterThan(try XCTUnwrap(accuracy), 0.8)
        // The stored stack predicts as the run did.
        let data = try store.queue.read { db in try TrainingData.read(view: "features", target: "y", in: db) }
        let features = Matrix(data.values.map { $0.map { if case .number(let x) = $0 { x } else { .nan } } })
        let stored = try store.queue.read { db in try Double.fetchAll(db, sql: "SELECT score FROM predictions ORDER BY row_key") }
        XCTAssertEqual(try XCTUnwrap(model.probabilities(features)).column(1), stored)
    }

    func testStackingRefusesSettingsForOtherModels() throws {
        var options = TrainingOptions(view: "features", target: "y", kind: .stacking)
        options.settings = ModelSettings(values: ["knn.k": "3"])
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertTrue("\(error)".contains("--param knn.k is for knn, which is not a base of this stack"), "\(error)")
        }
        options.settings = ModelSettings(values: ["base": "linear_regression"])
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertTrue("\(error)".contains("--base takes classifiers"), "\(error)")
        }
    }
}

extension TrainingSearchTests {
    /// Without a split column a numeric target is split as one group (not
    /// one stratum per value, which would make every row test).
    func testANumericTargetIsSplitAsOneGroup() throws {
        try store.queue.write { db in try db.execute(sql: "CREATE VIEW unsplit_amounts AS SELECT row_id, a, b, amount FROM points") }
        let data = try store.queue.read { db in try TrainingData.read(view: "unsplit_amounts", target: "amount", testShare: 0.2, in: db) }
        XCTAssertEqual(data.rows(in: .test).count, 60)
        XCTAssertEqual(data.rows(in: .train).count, 240)
    }
}

extension TrainingSearchTests {
    /// Every classifier kind learns the signal through the trainer, and its
    /// stored JSON predicts exactly the scores the run wrote.
    func testEveryClassifierKindTrainsAndItsStoredModelPredictsAlike() throws {
        let data = try store.queue.read { db in try TrainingData.read(view: "features", target: "y", in: db) }
        let features = Matrix(data.values.map { $0.map { if case .number(let x) = $0 { x } else { .nan } } })
        // Networks are stored as layers and weights, not TrainedModel JSON: NetworkTrainerTests covers them.
        for kind in ModelKind.allCases where kind.supports(.classification) && !kind.isNetwork {
            var options = TrainingOptions(view: "features", target: "y", kind: kind)
            options.name = kind.rawValue
            if kind == .randomForest { options.settings = ModelSettings(values: ["n_estimators": "20"]) }
            if kind == .stacking { options.settings = ModelSettings(values: ["random_forest.n_estimators": "10"]) }
            let report = try Trainer.train(options, in: store)
            let (accuracy, stored) = try store.queue.read { db in
                (try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE model_id = ? AND split = 'test' AND metric = 'accuracy'", arguments: [report.modelID]),
                 try Double.fetchAll(db, sql: "SELECT score FROM predictions WHERE model_id = ? ORDER BY row_key", arguments: [report.modelID]))
            }
            XCTAssertGreaterThan(try XCTUnwrap(accuracy), 0.75, kind.rawValue)
            let model = try store.storedTrainedModel(id: report.modelID)
            XCTAssertEqual(model.kind, kind)
            XCTAssertEqual(try XCTUnwrap(model.probabilities(features)).column(1), stored, kind.rawValue)
        }
    }
}
