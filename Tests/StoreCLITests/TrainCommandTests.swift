import Foundation
import StoreTestSupport
import XCTest

/// `store train`: what it prints, that the tables hold the run, and its errors.
final class TrainCommandTests: XCTestCase {
    var store: StoreRunner!

    /// 40 rows: y is 1 exactly when x > 20, so a logistic regression separates them.
    override func setUpWithError() throws {
        store = try StoreRunner()
        let rows = (1...40).map { "\($0),\($0 % 7),\($0 > 20 ? 1 : 0),\($0 % 4 == 0 ? "test" : "train")" }
        try store.write("d.csv", "x,noise,y,split\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(try store.run(["ingest", "csv", "d.csv", "--table", "d"]).status, 0)
    }

    func testSearchAndCrossValidationFromTheCommandLine() throws {
        let result = try store.run(["train", "--view", "d", "--target", "y", "--model", "decision_tree",
                                    "--search", "max_depth=1,2", "--cv", "3", "--name", "tree"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\nsearch chose max_depth=1. See search_results.\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\ncv: accuracy (mean of 3 folds, std "), result.stdout)
        XCTAssertEqual(result.stderr, "", "no progress bar when stderr is not a terminal")
        let search = try store.run(["sql", "SELECT candidate, parameters, rank, chosen FROM search_results ORDER BY candidate"])
        XCTAssertEqual(search.stdout, "candidate,parameters,rank,chosen\n1,\"{\"\"max_depth\"\":\"\"1\"\"}\",1,1\n2,\"{\"\"max_depth\"\":\"\"2\"\"}\",1,0\n")
        let bad = try store.run(["train", "--view", "d", "--target", "y", "--base", "knn"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--base is for --model stacking."), bad.stderr)
    }

    func testTrainPrintsTheRunAndWritesTheTables() throws {
        let result = try store.run(["train", "--view", "d", "--target", "y"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("d_logistic_regression version 1: logistic_regression, classification, rows 30 train, 10 test, "), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix(" s in all. See models and predictions (model_id 1).\ntest: accuracy 1.0000, f1_macro 1.0000, roc_auc 1.0000. See metrics and confusion.\n"), result.stdout)
        let check = try store.run(["sql", "SELECT (SELECT count(*) FROM predictions) AS n, (SELECT avg(actual = predicted) FROM predictions WHERE split = 'test') AS accuracy"])
        XCTAssertEqual(check.stdout, "n,accuracy\n40,1.0\n")
        // The metrics agree with the predictions, and the confusion matrix of the 10 test rows (5 of each class) is diagonal.
        let metrics = try store.run(["sql", "SELECT split, value FROM metrics WHERE metric = 'accuracy' ORDER BY split"])
        XCTAssertEqual(metrics.stdout, "split,value\ntest,1.0\ntrain,1.0\n")
        let confusion = try store.run(["sql", "SELECT actual, predicted, count FROM confusion WHERE split = 'test' ORDER BY 1, 2"])
        XCTAssertEqual(confusion.stdout, "actual,predicted,count\n0,0,5\n1,1,5\n")
        let roc = try store.run(["sql", "SELECT count(*) > 1 AS points, max(tpr) AS top, (SELECT threshold FROM roc_curve WHERE point = 0 AND split = 'test') AS first FROM roc_curve WHERE split = 'test'"])
        XCTAssertEqual(roc.stdout, "points,top,first\n1,1.0,\n", "the first ROC point's threshold is +inf, stored as NULL")
        let second = try store.run(["train", "--view", "d", "--target", "y", "--param", "C=0.5", "--name", "small"])
        XCTAssertTrue(second.stdout.hasPrefix("small version 1: "), second.stdout)
        let models = try store.run(["sql", "SELECT name, version, json_extract(parameters, '$.C') AS c FROM models ORDER BY id"])
        XCTAssertEqual(models.stdout, "name,version,c\nd_logistic_regression,1,\nsmall,1,0.5\n")
    }

    func testErrorsAreSentencesAndWriteNothing() throws {
        let unknown = try store.run(["train", "--view", "d", "--target", "y", "--param", "depth=2"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "Error: cannot train logistic_regression on 'd': logistic_regression has no parameter 'depth'; its parameters are C, max_iter, tol, fit_intercept.\n")
        let badPair = try store.run(["train", "--view", "d", "--target", "y", "--param", "C"])
        XCTAssertEqual(badPair.stderr, "Error: --param takes key=value, not 'C'.\n")
        let weight = try store.run(["train", "--view", "d", "--target", "y", "--class-weight", "even"])
        XCTAssertTrue(weight.stderr.contains("--class-weight takes 'balanced', not 'even'."), weight.stderr)
        XCTAssertEqual(try store.run(["sql", "SELECT count(*) AS n FROM models"]).stdout, "n\n0\n")
    }

    func testModelsAndReport() throws {
        XCTAssertEqual(try store.run(["train", "--view", "d", "--target", "y"]).status, 0)
        XCTAssertEqual(try store.run(["train", "--view", "d", "--target", "y"]).status, 0)
        let models = try store.run(["models", "--format", "csv"])
        let lines = models.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(9).joined(separator: ",") }
        XCTAssertEqual(lines, [
            "name,version,kind,task,view,target,rows_train,metric,test_value",
            "d_logistic_regression,1,logistic_regression,classification,d,y,30,accuracy,1.0",
            "d_logistic_regression,2,logistic_regression,classification,d,y,30,accuracy,1.0",
        ])
        let report = try store.run(["report", "--model", "d_logistic_regression"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.hasPrefix("d_logistic_regression version 2 (model_id 2)\n"), report.stdout)
        // As scikit-learn's classification_report prints it: supports are
        // counts, and the accuracy row leaves precision and recall empty.
        XCTAssertTrue(report.stdout.contains("""
            class         precision  recall   f1  support
            ------------  ---------  ------  ---  -------
            0                   1.0     1.0  1.0        5
            1                   1.0     1.0  1.0        5
            macro avg           1.0     1.0  1.0       10
            weighted avg        1.0     1.0  1.0       10
            accuracy                         1.0       10

            """), report.stdout)
        XCTAssertTrue(report.stdout.hasSuffix("""
            actual \\ predicted  0  1
            ------------------  -  -
                             0  5  0
                             1  0  5

            """), report.stdout)
        let missing = try store.run(["report", "--model", "nope"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "Error: no model named 'nope'. The models are d_logistic_regression (store models lists them).\n")
    }

    /// A stored model scores new rows as it scored its own: the same
    /// probabilities as in predictions, from a view without target or split.
    func testPredictScoresNewRowsWithTheStoredModel() throws {
        XCTAssertEqual(try store.run(["train", "--view", "d", "--target", "y"]).status, 0)
        XCTAssertEqual(try store.run(["sql", "CREATE VIEW fresh AS SELECT row_id, x, noise FROM d WHERE row_id IN (3, 30)"]).status, 0)
        let printed = try store.run(["predict", "--model", "d_logistic_regression", "--view", "fresh", "--format", "csv"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let lines = printed.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "key,predicted,score,probabilities")
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }, ["3,0", "30,1"])
        let written = try store.run(["predict", "--model", "d_logistic_regression", "--view", "fresh", "--into", "scores"])
        XCTAssertEqual(written.stdout, "Wrote 2 scored rows to scores (key, predicted, score, probabilities).\n")
        let same = try store.run(["sql", "SELECT count(*) AS n FROM scores s JOIN predictions p ON p.row_key = s.key WHERE p.score = s.score"])
        XCTAssertEqual(same.stdout, "n\n2\n")
        let again = try store.run(["predict", "--model", "d_logistic_regression", "--view", "fresh", "--into", "scores"])
        XCTAssertEqual(again.stderr, "Error: a table or view named 'scores' exists; choose another --into name or drop it first.\n")
        let missing = try store.run(["predict", "--model", "d_logistic_regression", "--view", "scores"])
        XCTAssertTrue(missing.stderr.hasPrefix("Error: 'scores' has no column 'row_id'"), missing.stderr)
    }
}
