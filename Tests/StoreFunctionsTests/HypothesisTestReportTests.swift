import GRDB
import StoreCore
@testable import StoreFunctions
import XCTest

/// HypothesisTestReport, the library under `store test`: the SQL it builds,
/// the tables and the sentence it makes of a test's JSON.
final class HypothesisTestReportTests: FunctionTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE \"odd table\" (\"the group\" TEXT, \"val\"\"ue\" REAL, paired REAL)")
            // scipy 1.17.1 ttest_ind([1, 2, 4], [3, 5, 9]): t = -1.6903085094570331, p = 0.16623275185812555.
            for (group, value, paired) in [("a", 1.0, 1.5), ("a", 2, 2.5), ("a", 4, 3.0), ("b", 3, 3.5), ("b", 5, 4.0), ("b", 9, 8.0)] {
                try db.execute(sql: "INSERT INTO \"odd table\" VALUES (?, ?, ?)", arguments: [group, value, paired])
            }
        }
    }

    func report(_ kind: HypothesisTestKind, _ columns: [HypothesisTestKind.ColumnOption: String], alpha: Double = 0.05,
                configure: (inout HypothesisTestRequest) -> Void = { _ in }) throws -> HypothesisTestReport {
        var request = HypothesisTestRequest(kind: kind, table: "odd table")
        request.columns = columns
        configure(&request)
        return try store.queue.read { db in try HypothesisTestReport.run(request, alpha: alpha, in: db) }
    }

    func testNamesAreQuotedAndOptionsShownAsTheyAreBound() throws {
        let report = try self.report(.ttestInd, [.value: "val\"ue", .by: "THE GROUP"]) { $0.equalVariances = false }
        XCTAssertEqual(report.sql, #"SELECT ttest_ind("val""ue", "the group", 0) FROM "odd table""#)
        XCTAssertEqual(report.title, "Welch's t-test (unequal variances) of val\"ue by the group in odd table")
        XCTAssertEqual(report.sampleColumns, ["the group", "n", "mean"])
        XCTAssertEqual(report.sampleRows, [["a".databaseValue, 3.databaseValue, (7.0 / 3).databaseValue],
                                           ["b".databaseValue, 3.databaseValue, (17.0 / 3).databaseValue]])
        XCTAssertEqual(report.statisticColumns, ["t", "df", "p", "d"])
        XCTAssertEqual(report.decision, "p = 0.191 ≥ 0.05: no evidence that the mean of val\"ue differs between the group = 'a' and the group = 'b'.")
        let merged = report.merged
        XCTAssertEqual(merged.columns, ["the group", "n", "mean", "t", "df", "p", "d", "alpha", "reject"])
        XCTAssertEqual(merged.rows.map { $0.last }, [0.databaseValue, 0.databaseValue])
    }

    func testTheSentenceForEachKind() throws {
        XCTAssertEqual(try report(.ftestVar, [.value: "val\"ue", .by: "the group"]).decision,
                       "p = 0.4 ≥ 0.05: no evidence that the variance of val\"ue differs between the group = 'a' and the group = 'b'.")
        XCTAssertEqual(try report(.mannwhitneyu, [.value: "val\"ue", .by: "the group"], alpha: 0.5).decision,
                       "p = 0.2 < 0.5: the distribution of val\"ue differs between the group = 'a' and the group = 'b'.")
        XCTAssertEqual(try report(.ttestRel, [.a: "val\"ue", .b: "paired"]).title, "Paired t-test of val\"ue - paired in odd table")
        XCTAssertTrue(try report(.ttest1samp, [.value: "paired"]) { $0.mu = 2.5 }.decision.hasSuffix("the mean of paired differs from 2.5."))
        XCTAssertTrue(try report(.pearsonTest, [.x: "paired", .y: "val\"ue"]).decision.hasSuffix("the correlation of paired and val\"ue differs from 0."))
        let chi2 = try report(.chi2Independence, [.a: "the group", .b: "paired"])
        XCTAssertEqual(chi2.sampleColumns, ["the group \\ paired", "1.5", "2.5", "3", "3.5", "4", "8"])
        XCTAssertTrue(chi2.decision.hasSuffix("no evidence that the group and paired are associated."), chi2.decision)
    }

    func testPValueText() {
        XCTAssertEqual(HypothesisTestReport.pText(3.7e-4), "p = 3.7e-04")
        XCTAssertEqual(HypothesisTestReport.pText(0.05033), "p = 0.0503")
        XCTAssertEqual(HypothesisTestReport.pText(8.9e-287), "p = 8.9e-287")
        XCTAssertEqual(HypothesisTestReport.pText(0), "p < 5e-324")
        XCTAssertEqual(HypothesisTestReport.sentence(p: nil, alpha: 0.05, claim: "x"),
                       "p is undefined (too few values, or no variance to test), so there is no decision at 0.05.")
    }

    func testOptionsAreCheckedBeforeAnythingRuns() {
        XCTAssertThrowsError(try report(.levene, [.value: "paired", .by: "the group"], alpha: 1)) { error in
            XCTAssertEqual("\(error)", "--alpha must be between 0 and 1 (0.05 is usual), not 1.0.")
        }
        XCTAssertThrowsError(try report(.anovaOneway, [.value: "paired", .by: "the group"]) { $0.center = .mean }) { error in
            XCTAssertEqual("\(error)", "--center is for levene only.")
        }
        XCTAssertThrowsError(try report(.chi2Independence, [.a: "paired"])) { error in
            XCTAssertEqual("\(error)", "store test chi2_independence needs --a and --b: the two columns to crosstab. Missing: --b.")
        }
        XCTAssertThrowsError(try report(.ttestInd, [.value: "paired", .by: "the group"]) { $0.condition = "1); SELECT (2" }) { error in
            XCTAssertEqual("\(error)", "--where must be one condition, as after WHERE in a SELECT; it holds more than one statement.")
        }
        XCTAssertThrowsError(try report(.ttestInd, [.value: "paired", .by: "the group"]) { $0.condition = "1; SELECT 2" }) { error in
            XCTAssertEqual("\(error)", "--where is not a condition SQLite can run here: near \";\": syntax error.")
        }
    }
}
