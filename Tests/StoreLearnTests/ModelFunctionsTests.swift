import Foundation
import GRDB
import StoreCore
@testable import StoreLearn
import StoreTestSupport
import XCTest

/// `predict()` and `predict_proba()` in SQL give what the training run wrote,
/// through the stored fills and encodings, and say what is wrong clearly.
final class ModelFunctionsTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// 120 rows: y = 'yes' when a > b, a text colour, a few NULL a's; 'amount' = 2a + 1.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("t.db"), setup: ModelFunctions.setup)
        var random = SeededRandom(seed: 3)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE rows (row_id INTEGER PRIMARY KEY, a REAL, b REAL, colour TEXT, y TEXT, amount REAL)")
            for index in 0..<120 {
                let a = random.uniform(), b = random.uniform()
                try db.execute(sql: "INSERT INTO rows (a, b, colour, y, amount) VALUES (?, ?, ?, ?, ?)",
                               arguments: [index % 17 == 0 ? nil : a, b, ["red", "blue"][index % 2], a > b ? "yes" : "no", 2 * a + 1])
            }
        }
    }

    func testPredictMatchesTheStoredPredictions() throws {
        try store.queue.write { db in try db.execute(sql: "CREATE VIEW answers AS SELECT row_id, a, b, colour, y FROM rows") }
        var options = TrainingOptions(view: "answers", target: "y", kind: .logisticRegression)
        options.impute = .median
        options.encode = .onehot
        options.settings = ModelSettings(values: ["C": "100"])
        options.name = "yes_no"
        _ = try Trainer.train(options, in: store)
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.predicted, p.score, predict('yes_no', r.a, r.b, r.colour) AS again,
                       predict_proba('yes_no', 'yes', r.a, r.b, r.colour) AS p_yes,
                       predict_proba('yes_no', 'no', r.a, r.b, r.colour) AS p_no,
                       predict_proba('yes_no', 'maybe', r.a, r.b, r.colour) AS p_maybe
                FROM rows r JOIN predictions p ON p.row_key = r.row_id ORDER BY r.row_id
                """)
        }
        XCTAssertEqual(rows.count, 120)
        for row in rows {
            XCTAssertEqual(row["again"] as String, row["predicted"] as String)
            XCTAssertEqual(row["p_yes"] as Double, row["score"] as Double, accuracy: 1e-12)
            XCTAssertEqual((row["p_yes"] as Double) + (row["p_no"] as Double), 1, accuracy: 1e-12)
            XCTAssertNil(row["p_maybe"] as Double?)
        }
        XCTAssertGreaterThan(Set(rows.map { $0["again"] as String }).count, 1, "both classes predicted")
    }

    func testRegressionAndTheLatestVersion() throws {
        try store.queue.write { db in try db.execute(sql: "CREATE VIEW amounts AS SELECT row_id, b, amount FROM rows") }
        var options = TrainingOptions(view: "amounts", target: "amount", kind: .linearRegression)
        options.name = "amount"
        _ = try Trainer.train(options, in: store)
        try store.queue.write { db in try db.execute(sql: "DROP VIEW amounts; CREATE VIEW amounts AS SELECT row_id, a, amount FROM rows WHERE a IS NOT NULL") }
        _ = try Trainer.train(options, in: store)
        // Version 2 reads a, and a = 0.25 gives 2 · 0.25 + 1.
        let value = try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT predict('amount', 0.25)") }
        XCTAssertEqual(try XCTUnwrap(value), 1.5, accuracy: 1e-9)
        XCTAssertThrowsError(try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT predict_proba('amount', 1, 0.25)") }) { error in
            XCTAssertTrue("\(error)".contains("'amount' is a regression model; use predict()"), "\(error)")
        }
    }

    func testErrorsNameTheProblem() throws {
        _ = try Trainer.train(TrainingOptions(view: "rows", target: "y", kind: .logisticRegression).with { $0.impute = .mean; $0.encode = .label; $0.name = "m" }, in: store)
        let cases: [(String, String)] = [
            ("SELECT predict('m', 1, 2)", "predict('m', …) takes 4 feature values (a, b, colour, amount), not 2."),
            ("SELECT predict('nobody', 1)", "there is no model 'nobody'; see store models."),
            ("SELECT predict('m', 0.5, NULL, 'red', 1)", "has no b, and the model learned no fill for it"),
            ("SELECT predict('m', x'00', 1, 'red', 1)", "feature 1 is a BLOB"),
            ("SELECT predict(1)", "predict takes the model's name and its feature columns."),
        ]
        for (sql, message) in cases {
            XCTAssertThrowsError(try store.queue.read { db in try DatabaseValue.fetchOne(db, sql: sql) }, sql) { error in
                XCTAssertTrue("\(error)".contains(message), "\(sql): \(error)")
            }
        }
    }
}

extension TrainingOptions {
    /// A copy changed by `change`.
    func with(_ change: (inout TrainingOptions) -> Void) -> TrainingOptions {
        var copy = self
        change(&copy)
        return copy
    }
}
