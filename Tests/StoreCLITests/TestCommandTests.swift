import Foundation
import XCTest

/// `store test`: the exact output on a 27-row table, its numbers checked
/// against scipy 1.17.1, and its refusals.
final class TestCommandTests: XCTestCase {
    var store: StoreRunner!

    /// sales of 12 stores outside the US (the list `a` of
    /// HypothesisTestsTests) and 15 in it (`b`).
    static let fixture: String = {
        let outside = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 4.1, 2.5, 3.9]
        let inside = [4.8, 5.9, 6.1, 3.9, 5.5, 7.2, 4.6, 5.1, 6.6, 5.7, 4.3, 6.0, 5.2, 6.8, 5.4]
        let rows = outside.map { "No,\($0)" } + inside.map { "Yes,\($0)" }
        return "us,sales\n" + rows.joined(separator: "\n") + "\n"
    }()

    override func setUpWithError() throws {
        store = try StoreRunner()
        try store.write("sales.csv", Self.fixture)
        let ingest = try store.run(["ingest", "csv", "sales.csv", "--table", "sales"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
    }

    func test(_ arguments: [String]) throws -> StoreRunner.Result {
        let result = try store.run(["test"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result
    }

    /// scipy 1.17.1 ttest_ind(a, b): t = -5.047510959924012, p =
    /// 3.2961300323830364e-05, df = 25; Cohen's d -1.9548925887585107 (numpy,
    /// pooled sd). The store's digits agree to 1e-15.
    func testTableShowsGroupsStatisticsAndTheDecision() throws {
        XCTAssertEqual(try test(["ttest_ind", "sales", "--value", "sales", "--by", "us"]).stdout, """
            Student's t-test (equal variances) of sales by us in sales
            SELECT ttest_ind("sales", "us", 1) FROM "sales"

            us    n  mean
            ---  --  ----
            No   12  3.55
            Yes  15  5.54

                    t  df         p          d
            ---------  --  --------  ---------
            -5.047511  25  0.000033  -1.954893

            p = 3.3e-05 < 0.05: the mean of sales differs between us = 'No' and us = 'Yes'.

            """)
    }

    /// scipy 1.17.1 ttest_ind(a, b, equal_var=False): t = -4.942537477850786,
    /// p = 6.521344020497536e-05, df = 21.40260628949437.
    func testCSVAndJSONKeepFullPrecisionOnOneRowPerGroup() throws {
        XCTAssertEqual(try test(["ttest_ind", "sales", "--value", "sales", "--by", "us", "--welch", "--format", "csv"]).stdout, """
            us,n,mean,t,df,p,d,alpha,reject
            No,12,3.5500000000000003,-4.942537477850786,21.402606289494372,6.521344020497539e-05,-1.9548925887585111,0.05,1
            Yes,15,5.54,-4.942537477850786,21.402606289494372,6.521344020497539e-05,-1.9548925887585111,0.05,1

            """)
        let json = try test(["ttest_ind", "sales", "--value", "sales", "--by", "us", "--alpha", "0.00001", "--format", "json"]).stdout
        XCTAssertTrue(json.hasPrefix("[\n  {\"us\": \"No\", \"n\": 12, \"mean\": 3.5500000000000003, \"t\": -5.047510959924012, \"df\": 25, "), json)
        XCTAssertTrue(json.contains("\"alpha\": 1e-05, \"reject\": 0}"), json)
    }

    /// Above alpha the sentence says there is no evidence; --where picks rows.
    func testNoEvidenceAndWhere() throws {
        // scipy 1.17.1 ttest_ind(a[:6], b[:6]): t = -2.879677931148991, p = 0.016394569703664864: below 0.05, not 0.01.
        let output = try test(["ttest_ind", "sales", "--value", "sales", "--by", "us", "--where", "row_id <= 6 OR row_id BETWEEN 13 AND 18", "--alpha", "0.01"]).stdout
        XCTAssertTrue(output.hasPrefix("""
            Student's t-test (equal variances) of sales by us in sales where row_id <= 6 OR row_id BETWEEN 13 AND 18
            SELECT ttest_ind("sales", "us", 1) FROM "sales" WHERE row_id <= 6 OR row_id BETWEEN 13 AND 18
            """), output)
        XCTAssertTrue(output.hasSuffix("p = 0.0164 ≥ 0.01: no evidence that the mean of sales differs between us = 'No' and us = 'Yes'.\n"), output)
    }

    /// Each kind words its claim: variances, distributions, proportions.
    func testEachKindSaysWhatItTests() throws {
        let cases: [([String], String)] = [
            (["ftest_var", "sales", "--value", "sales", "--by", "us"], "no evidence that the variance of sales differs between us = 'No' and us = 'Yes'."),
            (["levene", "sales", "--value", "sales", "--by", "us", "--center", "mean"], "no evidence that the variance of sales differs between us = 'No' and us = 'Yes'."),
            (["mannwhitneyu", "sales", "--value", "sales", "--by", "us"], "p = 3.0e-04 < 0.05: the distribution of sales differs between us = 'No' and us = 'Yes'."),
            (["ttest_1samp", "sales", "--value", "sales", "--mu", "4.5"], "no evidence that the mean of sales differs from 4.5."),
            (["pearson_test", "sales", "--x", "sales", "--y", "row_id"], "the correlation of sales and row_id differs from 0."),
            (["chi2_independence", "sales", "--a", "us", "--b", "us"], "us and us are associated."),
        ]
        for (arguments, ending) in cases {
            let output = try test(arguments).stdout
            XCTAssertTrue(output.hasSuffix(ending + "\n"), "\(arguments): \(output)")
        }
    }

    func testRefusals() throws {
        let cases: [([String], String)] = [
            (["ttest_ind", "sales", "--value", "sales"],
             "Error: store test ttest_ind needs --value and --by: the numbers to compare, and the column whose values split them into groups. Missing: --by.\n"),
            (["pearson_test", "sales", "--value", "sales", "--x", "sales", "--y", "row_id"], "Error: store test pearson_test takes --x and --y, not --value.\n"),
            (["ttest_ind", "sales", "--value", "sales", "--by", "store"],
             "Error: 'sales' has no column 'store'; its columns are row_id, us, sales.\n"),
            (["ttest_ind", "nowhere", "--value", "sales", "--by", "us"], "Error: no table or view named 'nowhere' in this store. `store tables` lists them.\n"),
            (["ttest_ind", "sales", "--value", "sales", "--by", "us", "--mu", "3"], "Error: --mu is for ttest_1samp only.\n"),
            (["ttest_ind", "sales", "--value", "sales", "--by", "row_id"],
             "Error: ttest_ind(): the second argument must hold exactly 2 groups, and it holds 27: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (27 in all). Keep the groups to compare with WHERE, or map them to two with CASE.\n  in: SELECT ttest_ind(\"sales\", \"row_id\", 1) FROM \"sales\"\n"),
            (["ttest_ind", "sales", "--value", "sales", "--by", "us", "--where", "sales > 100"],
             "Error: no rows to test: sales has no rows where sales > 100 with values in sales and us.\n"),
        ]
        for (arguments, message) in cases {
            let result = try store.run(["test"] + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.stderr, message, "\(arguments)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
        }
        let welch = try store.run(["test", "anova_oneway", "sales", "--value", "sales", "--by", "us", "--welch"])
        XCTAssertTrue(welch.stderr.contains("--welch is for ttest_ind only."), welch.stderr)
    }

    /// --where is one condition of one SELECT: a second statement is refused
    /// before anything runs, so the table is intact.
    func testWhereCannotSmuggleAStatement() throws {
        for condition in ["1); DELETE FROM sales; SELECT (1", "1) UNION ALL SELECT 1; DROP TABLE sales; SELECT (1"] {
            let result = try store.run(["test", "ttest_ind", "sales", "--value", "sales", "--by", "us", "--where", condition])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertEqual(result.stderr, "Error: --where must be one condition, as after WHERE in a SELECT; it holds more than one statement.\n")
        }
        let broken = try store.run(["test", "ttest_ind", "sales", "--value", "sales", "--by", "us", "--where", "1) --"])
        XCTAssertEqual(broken.stderr, "Error: --where is not a condition SQLite can run here: near \")\": syntax error.\n")
        let count = try store.run(["sql", "--format", "csv", "SELECT count(*) FROM sales"])
        XCTAssertEqual(count.stdout, "count(*)\n27\n")
    }
}
