import Foundation
import GRDB
import StoreCore
import StoreLearn
import XCTest

final class FeatureMatrixTests: XCTestCase {
    var store: StoreFile!
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-learn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try StoreFile.open(at: folder.appendingPathComponent("l.db").path)
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE loans (row_id INTEGER PRIMARY KEY, age INTEGER, income REAL, grade TEXT);
                INSERT INTO loans VALUES (3, 40, NULL, 'B'), (1, 25, 30000.5, 'A'), (2, 33, 41000, 'C');
                CREATE VIEW loan_features AS SELECT row_id, age, income, grade = 'A' AS grade_a FROM loans;
                CREATE VIEW empty_features AS SELECT row_id, age FROM loans WHERE 0;
                """)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testNumericColumnsSkipTextAndKey() throws {
        let columns = try store.queue.read { db in try FeatureMatrix.numericColumns(of: "loans", in: db) }
        XCTAssertEqual(columns, ["age", "income"])
        let viewColumns = try store.queue.read { db in try FeatureMatrix.numericColumns(of: "loan_features", excluding: ["grade_a"], in: db) }
        XCTAssertEqual(viewColumns, ["age", "income"])
    }

    func testReadsRowsInKeyOrderWithNaNForNull() throws {
        let matrix = try store.queue.read { db in try FeatureMatrix.read("loan_features", columns: ["age", "income", "grade_a"], in: db) }
        XCTAssertEqual(matrix.rows, 3)
        XCTAssertEqual(matrix.keys, [1, 2, 3])
        XCTAssertEqual(matrix[0, 0], 25)
        XCTAssertEqual(matrix[0, 1], 30000.5)
        XCTAssertEqual(matrix[0, 2], 1)
        XCTAssertEqual(matrix[1, 1], 41000)
        XCTAssertTrue(matrix[2, 1].isNaN)
        XCTAssertEqual(matrix[2, 2], 0)
    }

    func testEmptyViewGivesZeroRows() throws {
        let matrix = try store.queue.read { db in try FeatureMatrix.read("empty_features", columns: ["age"], in: db) }
        XCTAssertEqual(matrix.rows, 0)
        XCTAssertEqual(matrix.values, [])
    }

    func testTextAndUnknownColumnsAreErrors() throws {
        XCTAssertThrowsError(try store.queue.read { db in try FeatureMatrix.read("loans", columns: ["grade"], in: db) }) { error in
            XCTAssertTrue("\(error)".hasPrefix("'loans' column 'grade' holds the text \"A\" in row 1; features must be numbers. Encode it in the view"), "\(error)")
        }
        XCTAssertThrowsError(try store.queue.read { db in try FeatureMatrix.read("loans", columns: ["nope"], in: db) }) { error in
            XCTAssertEqual("\(error)", "'loans' has no column 'nope'; its columns are row_id, age, income, grade.")
        }
        XCTAssertThrowsError(try store.queue.read { db in try FeatureMatrix.read("missing", columns: [], in: db) })
    }
}
