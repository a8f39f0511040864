import GRDB
import StoreCore
import StoreFunctions
import StoreLearn
import StoreTestSupport
import XCTest

/// Reading a view for training, the split, the target's classes and the
/// preprocessing fitted on training rows only.
final class TrainingDataTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("t.db"), setup: StoreFunctions.setup)
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE loans (row_id INTEGER PRIMARY KEY, age INTEGER, city TEXT, amount REAL, label TEXT, split TEXT);
                INSERT INTO loans (age, city, amount, label, split) VALUES
                    (30, 'Paris', 1.5, 'yes', 'train'), (NULL, 'Lyon', 2.5, 'no', 'train'),
                    (50, 'Paris', 3.5, 'no', 'train'), (40, NULL, 4.5, 'yes', 'train'),
                    (20, 'Nice', 5.5, 'no', 'test'), (NULL, 'Brest', 6.5, 'yes', 'test');
                CREATE VIEW plain AS SELECT row_id, age, amount, label FROM loans;
                """)
        }
    }

    func read(_ view: String, target: String = "label") throws -> TrainingData {
        try store.queue.read { db in try TrainingData.read(view: view, target: target, in: db) }
    }

    func testColumnsSplitAndTypesComeFromTheView() throws {
        let data = try read("loans")
        XCTAssertEqual(data.columns.map(\.name), ["age", "city", "amount"])
        XCTAssertEqual(data.columns.map(\.isNumeric), [true, false, true])
        XCTAssertEqual(data.keys, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(data.splits, [.train, .train, .train, .train, .test, .test])
        XCTAssertTrue(data.splitFromView)
        XCTAssertEqual(data.values[1][0], .missing)
    }

    /// Without a split column: ⌈0.2·n⌉ of each class by split_bucket order are test.
    func testAStratifiedSplitIsMadeWithoutASplitColumn() throws {
        let data = try read("plain")
        XCTAssertFalse(data.splitFromView)
        XCTAssertEqual(data.rows(in: .test).count, 2, "⌈0.2·3⌉ = 1 of 'yes' and 1 of 'no'")
        XCTAssertEqual(Set(data.rows(in: .test).map { data.targets[$0] }), [.text("yes"), .text("no")])
        let again = try read("plain")
        XCTAssertEqual(again.splits, data.splits, "deterministic")
        let buckets = try store.queue.read { db in try Double.fetchAll(db, sql: "SELECT split_bucket(row_id, 42) FROM loans WHERE label = 'yes' ORDER BY row_id") }
        let smallest = [1, 4, 6][buckets.firstIndex(of: buckets.min() ?? 0) ?? 0]
        XCTAssertEqual(data.splits[smallest - 1], .test, "the smallest bucket of the class is test")
    }

    func testClassesAndTask() throws {
        let data = try read("loans")
        let classes = TargetClasses(data.targets)
        XCTAssertEqual(classes.values, [.text("no"), .text("yes")])
        XCTAssertEqual(classes.indices(data.targets), [1, 0, 0, 1, 0, 1])
        XCTAssertTrue(TargetClasses.isClassification(data.targets))
        XCTAssertTrue(TargetClasses.isClassification([.number(0), .number(1), .number(1)]))
        XCTAssertFalse(TargetClasses.isClassification([.number(0.5), .number(1)]))
        XCTAssertFalse(TargetClasses.isClassification((0...20).map { .number(Double($0)) }), "21 distinct integers: regression")
        XCTAssertEqual(TargetClasses([.text("b"), .number(2), .number(-1), .text("a")]).values, [.number(-1), .number(2), .text("a"), .text("b")])
    }

    /// Fills and categories come from the training rows only: age's median of
    /// 30, 50, 40 is 40; the test rows' 'Nice' and 'Brest' are unseen.
    func testPreprocessingIsFittedOnTrainingRows() throws {
        let data = try read("loans")
        let train = data.rows(in: .train)
        let label = try Preprocessing.fit(data, rows: train, impute: .median, encode: .label)
        XCTAssertEqual(label.steps, [
            .number(column: "age", fill: 40),
            .label(column: "city", categories: ["Lyon", "Paris"], fill: "Paris"),
            .number(column: "amount", fill: nil),
        ])
        let matrix = label.transform(data.values, rows: Array(0..<6))
        XCTAssertEqual(matrix.column(0), [30, 40, 50, 40, 20, 40])
        XCTAssertEqual(matrix.column(1), [1, 0, 1, 1, -1, -1], "missing city filled with Paris; unseen cities -1")
        let onehot = try Preprocessing.fit(data, rows: train, impute: .mean, encode: .onehot)
        XCTAssertEqual(onehot.featureNames, ["age", "city_Lyon", "city_Paris", "amount"])
        let encoded = onehot.transform(data.values, rows: [1, 4])
        XCTAssertEqual(encoded.values, [40, 1, 0, 2.5, 20, 0, 0, 5.5], "unseen Nice is all zeros")
        XCTAssertEqual(try Preprocessing.fit(data, rows: train, impute: .mostFrequent, encode: .label).steps.first, .number(column: "age", fill: 30), "ties: the smallest")
        let decoded = try JSONDecoder().decode(Preprocessing.self, from: JSONEncoder().encode(onehot))
        XCTAssertEqual(decoded, onehot)
    }

    func testMissingValuesAndTextAreErrorsThatSayWhatToDo() throws {
        let data = try read("loans")
        XCTAssertThrowsError(try Preprocessing.fit(data, rows: data.rows(in: .train), impute: nil, encode: .label)) { error in
            XCTAssertEqual("\(error)", "column 'age' of 'loans' has 2 missing values. Fill them in the view (coalesce(age, …)) or pass --impute median, mean or most_frequent.")
        }
        XCTAssertThrowsError(try Preprocessing.fit(data, rows: data.rows(in: .train), impute: .median, encode: nil)) { error in
            XCTAssertTrue("\(error)".hasPrefix("column 'city' of 'loans' holds text. Encode it in the view, e.g. dense_rank() OVER (ORDER BY city) - 1 AS city"), "\(error)")
        }
        XCTAssertThrowsError(try read("loans", target: "nope")) { error in
            XCTAssertTrue("\(error)".contains("has no column 'nope'"), "\(error)")
        }
        try store.queue.write { db in try db.execute(sql: "UPDATE loans SET split = 'holdout' WHERE row_id = 3") }
        XCTAssertThrowsError(try read("loans")) { error in
            XCTAssertEqual("\(error)", "'loans' row 3 has split = \"holdout\"; it must be 'train', 'validation' or 'test'.")
        }
    }
}
