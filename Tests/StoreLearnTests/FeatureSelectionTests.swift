import Foundation
import GRDB
import StoreCore
@testable import StoreLearn
import StoreTestSupport
import XCTest

/// `store select`'s library: correlations as pandas computes them, the view
/// it writes and what it records in `feature_selection`.
final class FeatureSelectionTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// 10 train rows and 2 test rows far off (they would change every
    /// correlation if used): a with a NULL, b with ties, a text colour, a
    /// constant flat (on the train rows), weak with a NULL, y with a NULL.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("s.db"))
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE t (row_id INTEGER PRIMARY KEY, a REAL, b INTEGER, colour TEXT, flat INTEGER, weak REAL, y INTEGER, split TEXT);
                INSERT INTO t VALUES
                  (1, 1.5, 3, 'red', 7, 0.3, 0, 'train'), (2, 2.0, 1, 'blue', 7, -1.2, 0, 'train'),
                  (3, NULL, 4, 'red', 7, 0.8, 1, 'train'), (4, 3.5, 1, 'green', 7, 0.1, 1, 'train'),
                  (5, 4.0, 5, 'blue', 7, 0.5, 1, 'train'), (6, 2.5, 9, 'red', 7, -0.4, 0, 'train'),
                  (7, 5.5, 2, 'red', 7, 1.1, 1, 'train'), (8, 6.0, 6, 'blue', 7, NULL, 1, 'train'),
                  (9, 1.0, 5, 'green', 7, 0.9, 0, 'train'), (10, 7.5, 3, 'red', 7, -0.7, NULL, 'train'),
                  (11, 100.0, 50, 'blue', 1, 9.0, 0, 'test'), (12, -40.0, -8, 'red', 2, -9.0, 1, 'test');
                CREATE VIEW unsplit AS SELECT row_id, a, b, colour, flat, weak, y FROM t;
                """)
        }
    }

    // MARK: Correlation

    /// scipy 1.17.1 `pearsonr(x, y)`, `spearmanr(x, y)` and `rankdata(x)` of the pairs below.
    func testCoefficientsAreScipys() {
        let x: [Double] = [1, 2, 2, 3, 5, 5, 5, 8], y: [Double] = [2, 1, 4, 4, 3, 9, 9, 10]
        XCTAssertEqual(CorrelationMethod.pearson.coefficient(x, y).value ?? .nan, 0.8142198690509739, accuracy: 1e-14)
        XCTAssertEqual(CorrelationMethod.spearman.coefficient(x, y).value ?? .nan, 0.7889568540593018, accuracy: 1e-14)
        XCTAssertEqual(CorrelationMethod.averageRanks(x), [1.0, 2.5, 2.5, 4.0, 6.0, 6.0, 6.0, 8.0])
    }

    func testMissingPairsConstantsAndTooFewRowsGiveNoCoefficient() {
        XCTAssertEqual(CorrelationMethod.pearson.coefficient([1, nil, 3, 4], [2, 5, nil, 8]).pairs, 2)
        XCTAssertEqual(CorrelationMethod.pearson.coefficient([1, nil, 3, 4], [2, 5, nil, 8]).value ?? .nan, 1, accuracy: 1e-15)
        XCTAssertNil(CorrelationMethod.pearson.coefficient([1, 1, 1], [1, 2, 3]).value, "constant")
        XCTAssertNil(CorrelationMethod.spearman.coefficient([1, 2, 3], [4, 4, 4]).value, "constant")
        XCTAssertNil(CorrelationMethod.pearson.coefficient([1], [2]).value, "one pair")
        XCTAssertNil(CorrelationMethod.pearson.coefficient([], []).value, "empty")
        XCTAssertNil(CorrelationMethod.pearson.coefficient([1, .infinity, 3], [1, 2, 3]).value, "infinite")
    }

    // MARK: Selection

    func select(_ table: String = "t", method: CorrelationMethod = .pearson, threshold: Double = 0.5, view: String = "chosen") throws -> FeatureSelection.Outcome {
        let selection = try FeatureSelection(table: table, target: "y", threshold: threshold, method: method, view: view)
        return try store.queue.write { db in try selection.write(in: db) }
    }

    /// pandas 3.1.1 `df[df.split == "train"][["a", "b", "flat", "weak", "y"]].corr(method=…)["y"]`.
    func testPearsonOnTheTrainingRowsIsPandas() throws {
        let outcome = try select()
        XCTAssertEqual(outcome.fittedOn, "train")
        XCTAssertEqual(outcome.rows, 10)
        let byName = Dictionary(uniqueKeysWithValues: outcome.choices.map { ($0.column, $0) })
        XCTAssertEqual(byName["a"]?.correlation ?? .nan, 0.8751899489873673, accuracy: 1e-14)
        XCTAssertEqual(byName["b"]?.correlation ?? .nan, -0.18257418583505536, accuracy: 1e-14)
        XCTAssertEqual(byName["weak"]?.correlation ?? .nan, 0.5089285955495446, accuracy: 1e-14)
        XCTAssertEqual(outcome.choices.map(\.rowsUsed), [8, 9, 0, 9, 8], "pairs with a and y both present")
        XCTAssertEqual(outcome.choices.map(\.kept), [true, false, false, false, true])
        XCTAssertEqual(outcome.choices.map(\.note), [nil, nil, "text column", "constant", nil])
        XCTAssertEqual(outcome.viewColumns, ["row_id", "split", "y", "a", "weak"])
        let view = try store.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM chosen ORDER BY row_id") }
        XCTAssertEqual(view.count, 12, "the view keeps every row")
        XCTAssertEqual(Array(view[0].columnNames), ["row_id", "split", "y", "a", "weak"])
        XCTAssertEqual(outcome.table.rows.map { $0[0] }, ["a", "weak", "b", "colour", "flat"].map(\.databaseValue), "kept first, by |r|")
    }

    func testSpearmanRanksWithAveragedTiesAsPandas() throws {
        let outcome = try select(method: .spearman)
        let byName = Dictionary(uniqueKeysWithValues: outcome.choices.map { ($0.column, $0) })
        XCTAssertEqual(byName["a"]?.correlation ?? .nan, 0.8728715609439696, accuracy: 1e-14)
        XCTAssertEqual(byName["b"]?.correlation ?? .nan, -0.08733337646093729, accuracy: 1e-14)
        XCTAssertEqual(byName["weak"]?.correlation ?? .nan, 0.4364357804719848, accuracy: 1e-14)
        XCTAssertEqual(outcome.viewColumns, ["row_id", "split", "y", "a"], "weak falls below 0.5 by rank")
    }

    /// pandas 3.1.1 `df[["a", "b", "flat", "weak", "y"]].corr()["y"]` over all 12 rows.
    func testWithoutASplitColumnEveryRowIsUsed() throws {
        let outcome = try select("unsplit", threshold: 0.38)
        XCTAssertEqual(outcome.fittedOn, "all")
        let byName = Dictionary(uniqueKeysWithValues: outcome.choices.map { ($0.column, $0) })
        XCTAssertEqual(byName["a"]?.correlation ?? .nan, -0.38649006059373436, accuracy: 1e-14)
        XCTAssertEqual(byName["b"]?.correlation ?? .nan, -0.41931184944609606, accuracy: 1e-14)
        XCTAssertEqual(byName["flat"]?.correlation ?? .nan, 0.08563488385776748, accuracy: 1e-14)
        XCTAssertEqual(byName["weak"]?.correlation ?? .nan, -0.3704264112591173, accuracy: 1e-14)
        XCTAssertEqual(outcome.viewColumns, ["row_id", "y", "a", "b"])
    }

    func testTheChoiceIsRecordedAndReplacedBySelectingAgain() throws {
        _ = try select()
        _ = try select(method: .spearman)
        let recorded = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT column_name, method, threshold, kept, rows_used, fitted_on, note, key_column, split_column, source, target FROM feature_selection WHERE view_name = 'chosen' ORDER BY position")
        }
        XCTAssertEqual(recorded.map { $0["column_name"] as String }, ["a", "b", "colour", "flat", "weak"])
        XCTAssertEqual(Set(recorded.map { $0["method"] as String }), ["spearman"], "the second choice replaced the first")
        XCTAssertEqual(recorded.map { $0["kept"] as Int }, [1, 0, 0, 0, 0])
        XCTAssertEqual(recorded.map { $0["rows_used"] as Int }, [8, 9, 0, 9, 8])
        XCTAssertEqual(recorded[0]["threshold"] as Double, 0.5)
        XCTAssertEqual(recorded[0]["fitted_on"] as String, "train")
        XCTAssertEqual(recorded[2]["note"] as String?, "text column")
        XCTAssertEqual([recorded[0]["key_column"], recorded[0]["split_column"], recorded[0]["source"], recorded[0]["target"]] as [String], ["row_id", "split", "t", "y"])
        let description = try store.queue.read { db in try TableDescription.describe("chosen", in: db) }
        XCTAssertEqual(description.columns.map(\.note), [
            "the key (store select)", "the split (store select)", "the target (store select)",
            "kept by store select: spearman r = 0.8729 with y on 8 train rows (|r| >= 0.5)",
        ])
        XCTAssertEqual(description.selection.filter { !$0.kept }.map(\.reason), [
            "spearman r = -0.0873 with y on 9 train rows (|r| < 0.5)", "text column", "constant",
            "spearman r = 0.4364 with y on 8 train rows (|r| < 0.5)",
        ])
    }

    func testErrorsNameTheProblemAndWriteNothing() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE taken (x); CREATE VIEW texty AS SELECT row_id, a, colour AS y FROM t; CREATE VIEW untrained AS SELECT row_id, a, y, 'test' AS split FROM t")
        }
        let cases: [(() throws -> FeatureSelection.Outcome, String)] = [
            ({ try self.select(view: "taken") }, "a table named 'taken' exists and was not written by store select; choose another --view name or drop it first."),
            ({ try self.select(view: "T") }, "--view T is the table being selected from; give the view another name."),
            ({ try self.select("texty") }, "the target y of 'texty' holds text; correlations need a number. Encode it in a view first, e.g. (y = 'yes') AS y."),
            ({ try self.select("untrained") }, "'untrained' has a split column but no rows with split = 'train' to fit the correlations on. Split it first (store split), or give --split-column another column."),
            ({ try self.select(threshold: 1.5) }, "--min-abs-corr must be between 0 and 1 (an absolute correlation), not 1.5."),
            ({ try self.select("nowhere") }, "no table or view named 'nowhere'"),
        ]
        for (run, message) in cases {
            XCTAssertThrowsError(try run()) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
        let written = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM feature_selection"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'chosen'"))
        }
        XCTAssertEqual(written.0, 0)
        XCTAssertEqual(written.1, 0)
    }
}
