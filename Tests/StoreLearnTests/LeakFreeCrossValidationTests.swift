import Foundation
import GRDB
import StoreCore
import StoreFunctions
@testable import StoreLearn
import StoreTestSupport
import XCTest

/// `--cv K` and a grid search with `--cv` refit the fills and encodings
/// inside each fold, as a scikit-learn `Pipeline` does in `cross_validate`
/// and `GridSearchCV`, so their scores are scikit-learn's.
///
/// The reference numbers come from scikit-learn 1.9.1 on the same 60
/// training rows (the formulas in `setUpWithError`, written in Python
/// alike), with the folds of `StratifiedKFold(5).split(X, y)` given as
/// `PredefinedSplit(folds)` and the pipeline
/// `Pipeline([("pre", ColumnTransformer([("num", SimpleImputer(strategy="median"), ["a", "b"]),
///   ("cat", Pipeline([SimpleImputer(strategy="most_frequent"), ENCODER]), ["colour"])])),
///   ("clf", LogisticRegression(tol=1e-12, max_iter=100000, …))])`
/// where ENCODER is `OneHotEncoder(handle_unknown="ignore")` (`--encode onehot`)
/// or `OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)`
/// (`--encode label`), scored by `cross_validate(…, scoring=["accuracy",
/// "neg_log_loss", "roc_auc"])`.
final class LeakFreeCrossValidationTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// 70 rows (60 train, 10 test): a and b numbers with NULLs, a colour
    /// with NULLs and a rare 'violet' (3 rows, so some folds' training rows
    /// lack it), y from a noisy rule.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("cv.db"), setup: StoreFunctions.setup)
        let colours = ["red", "blue", "green", "amber"]
        let effects = ["red": 1.0, "blue": -0.5, "green": 0.0, "amber": 0.5, "violet": 2.0]
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (row_id INTEGER PRIMARY KEY, a REAL, b REAL, colour TEXT, y INTEGER, split TEXT)")
            for i in 0..<70 {
                let a = Double((i * 37) % 101) / 10.0
                let b = Double((i * 53) % 89) / 20.0 - 2
                let colour = [17, 42, 61].contains(i) ? "violet" : colours[(i * i + i / 3) % 4]
                let noise = Double((i * 29) % 13 - 6) / 4.0
                let y = a / 2 + 1.5 * b + (effects[colour] ?? 0) + noise > 2.2 ? 1 : 0
                try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", arguments: [
                    i + 1, i % 7 == 3 ? nil : a, i % 11 == 5 ? nil : b, i % 9 == 4 ? nil : colour, y, i % 7 == 6 ? "test" : "train",
                ])
            }
        }
    }

    /// scikit-learn's StratifiedKFold(5) folds of the 60 training rows, in key order.
    static let folds = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 2,
                        2, 2, 2, 3, 2, 3, 2, 3, 2, 3, 3, 3, 3, 3, 4, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4]

    func train(encode: EncodeStrategy, balanced: Bool = false, search: [String] = []) throws -> Int64 {
        var options = TrainingOptions(view: "t", target: "y", kind: .logisticRegression)
        options.impute = .median
        options.encode = encode
        options.balancedClasses = balanced
        options.folds = 5
        options.search = search
        if !search.isEmpty { options.scoring = "log_loss" }
        return try Trainer.train(options, in: store).modelID
    }

    /// Each fold's value of `metric` in cv_scores.
    func foldScores(_ model: Int64, _ metric: String) throws -> [Double] {
        try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT value FROM cv_scores WHERE model_id = ? AND metric = ? ORDER BY fold", arguments: [model, metric])
        }
    }

    func assertClose(_ got: [Double], _ expected: [Double], accuracy: Double, _ what: String, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, what, line: line)
        for (fold, (a, b)) in zip(got, expected).enumerated() {
            XCTAssertEqual(a, b, accuracy: accuracy, "\(what), fold \(fold + 1): \(got) vs \(expected)", line: line)
        }
    }

    func testFoldsAreStratifiedKFolds() throws {
        let model = try train(encode: .onehot)
        let folds = try store.queue.read { db in
            try Int.fetchAll(db, sql: "SELECT fold - 1 FROM predictions WHERE model_id = ? AND split = 'cv' ORDER BY row_key", arguments: [model])
        }
        XCTAssertEqual(folds, Self.folds)
    }

    func testOneHotScoresAreThoseOfAPipelineInEachFold() throws {
        let model = try train(encode: .onehot)
        assertClose(try foldScores(model, "accuracy"), [0.9166666666666666, 0.8333333333333334, 0.6666666666666666, 0.6666666666666666, 0.8333333333333334], accuracy: 1e-12, "accuracy")
        let logLoss = try foldScores(model, "log_loss")
        assertClose(logLoss, [0.3318987108188594, 0.402180204937079, 0.5412168610670504, 1.010289211473082, 0.36575063540449054], accuracy: 1e-6, "log_loss")
        assertClose(try foldScores(model, "roc_auc"), [0.9714285714285715, 0.8857142857142857, 0.9714285714285715, 0.6857142857142857, 0.90625], accuracy: 1e-12, "roc_auc")
        // Fitted once on all 60 training rows (the leak this fixes), scikit-learn's
        // folds score [0.33294, 0.45944, 0.52672, 1.11232, 0.36111]: far from these.
        let leaky = [0.33293550512276826, 0.45944044241855503, 0.5267220362394057, 1.112317634141225, 0.36110873019732836]
        XCTAssertGreaterThan(zip(logLoss, leaky).map { abs($0 - $1) }.max() ?? 0, 0.05)
    }

    func testLabelEncodingAndClassWeightsAreRefittedToo() throws {
        let model = try train(encode: .label, balanced: true)
        assertClose(try foldScores(model, "accuracy"), [0.8333333333333334, 0.8333333333333334, 0.6666666666666666, 0.6666666666666666, 0.8333333333333334], accuracy: 1e-12, "accuracy")
        assertClose(try foldScores(model, "log_loss"), [0.32412491994888765, 0.40468103034614294, 0.5787767087590899, 0.9619905437013458, 0.37485576282809246], accuracy: 1e-6, "log_loss")
        assertClose(try foldScores(model, "roc_auc"), [0.942857142857143, 0.942857142857143, 1.0, 0.6285714285714286, 0.9375], accuracy: 1e-12, "roc_auc")
    }

    /// `GridSearchCV(pipeline, {"clf__C": [0.1, 1.0, 10.0]}, cv=PredefinedSplit(folds), scoring="neg_log_loss")`:
    /// `-mean_test_score`, `std_test_score` and `rank_test_score`.
    func testAGridSearchWithFoldsRefitsInEachFold() throws {
        let model = try train(encode: .onehot, search: ["C=0.1,1,10"])
        let results = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT mean, std, rank FROM search_results WHERE model_id = ? ORDER BY candidate", arguments: [model])
        }
        assertClose(results.map { $0["mean"] as Double }, [0.4984806740239818, 0.5302671247401123, 0.6978133949821946], accuracy: 1e-6, "mean log_loss")
        assertClose(results.map { $0["std"] as Double }, [0.14848375278384995, 0.2503449869307089, 0.39857594058941903], accuracy: 1e-6, "std")
        XCTAssertEqual(results.map { $0["rank"] as Int }, [1, 2, 3])
    }

    func testAFoldWithoutValuesToImputeFromSaysWhichFold() throws {
        // b kept in rows 1–11 only, which are all in fold 1: fold 1's training
        // part (folds 2–5) has no b to take a median of.
        try store.queue.write { db in
            try db.execute(sql: "CREATE VIEW sparse AS SELECT row_id, a, CASE WHEN row_id <= 11 THEN b END AS b, colour, y, split FROM t")
        }
        var options = TrainingOptions(view: "sparse", target: "y", kind: .logisticRegression)
        options.impute = .median
        options.encode = .onehot
        options.folds = 5
        XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in
            XCTAssertEqual("\(error)", "cross-validation fold 1 of 5: column 'b' has no values in the training rows to impute from; leave it out of the view.")
        }
    }
}
