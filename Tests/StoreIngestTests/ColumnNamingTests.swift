import StoreCore
import XCTest
@testable import StoreIngest

final class ColumnNamingTests: XCTestCase {
    func testPlainNamesAreKept() {
        XCTAssertEqual(ColumnNaming.storedNames(for: ["age", "Income", "_id", "größe", "key", "data"]),
                       ["age", "Income", "_id", "größe", "key", "data"])
    }

    func testPunctuationAndSpacesBecomeUnderscores() {
        XCTAssertEqual(ColumnNaming.storedNames(for: ["Annual Income ($)", "debt-to-income", " spaced  out ", "a.b.c"]),
                       ["Annual_Income", "debt_to_income", "spaced_out", "a_b_c"])
    }

    func testInjectionHeaderBecomesOneHarmlessName() {
        XCTAssertEqual(ColumnNaming.storedNames(for: ["a\"; DROP TABLE x; --"]), ["a_DROP_TABLE_x"])
    }

    func testReservedWordsDigitsAndEmptyNames() {
        XCTAssertEqual(ColumnNaming.storedNames(for: ["default", "select", "2nd", "", "%%"]),
                       ["default_", "select_", "_2nd", "column_4", "column_5"])
    }

    func testDuplicatesAreNumberedWithoutRegardToCase() {
        XCTAssertEqual(ColumnNaming.storedNames(for: ["a", "A", "a", "a_2", "row_id"]),
                       ["a", "A_2", "a_3", "a_2_2", "row_id_2"])
    }

    func testQuotingDoublesQuotes() {
        XCTAssertEqual(SQLIdentifier.quoted("a\"b"), "\"a\"\"b\"")
    }
}
