import GRDB
import StoreCore
import XCTest

/// The rules of `TableColumnText`, by number.
final class TableColumnTextTests: XCTestCase {
    func testNullIsAnEmptyCell() {  // rule 1
        let column = TableColumnText.cells([.null, 2.5.databaseValue, .null], precision: 6)
        XCTAssertEqual(column.texts, ["", "2.5", ""])
        XCTAssertTrue(column.numeric)
        XCTAssertEqual(TableColumnText.cells(["a".databaseValue, .null], precision: 6).texts, ["a", ""])
    }

    func testIntegersInFullRealsAsAColumn() {  // rule 2
        let column = TableColumnText.cells([9_007_199_254_740_993.databaseValue, 0.7612500000000001.databaseValue, 0.5.databaseValue], precision: 6)
        XCTAssertEqual(column.texts, ["9007199254740993      ", "0.76125", "0.50000"])
        XCTAssertEqual(TableColumnText.cells([(1.0941841715555427).databaseValue], precision: 2).texts, ["1.09"])
    }

    func testTextAndBlobsAreNotNumeric() {  // rule 3
        let column = TableColumnText.cells(["two\nlines".databaseValue, Data([1, 2, 3]).databaseValue, 1.5.databaseValue], precision: 6)
        XCTAssertEqual(column.texts, ["two\\nlines", "<blob 3 bytes>", "1.5"])
        XCTAssertFalse(column.numeric)
    }

    func testNumbersLineUpOnTheDecimalPoint() {  // rule 4
        let column = TableColumnText.cells([1.databaseValue, 2.5.databaseValue, 10.25.databaseValue, .null], precision: 6)
        XCTAssertEqual(column.texts, ["1   ", "2.50", "10.25", ""])
        XCTAssertTrue(column.numeric)
        XCTAssertFalse(TableColumnText.cells([], precision: 6).numeric)
    }
}
