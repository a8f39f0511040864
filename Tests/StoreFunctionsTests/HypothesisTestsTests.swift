import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

/// The test aggregates of HypothesisTests.swift against scipy 1.17.1 and
/// statsmodels 0.15.0 on the same values, and the edge cases of its contract.
///
/// The reference numbers were printed once by a script run on these lists
/// (`stats.ttest_ind(a, b)`, …; each assertion names its call) and are
/// pasted here as repr() of the floats.
final class HypothesisTestsTests: FunctionTestCase {
    static let a = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 4.1, 2.5, 3.9]
    static let b = [4.8, 5.9, 6.1, 3.9, 5.5, 7.2, 4.6, 5.1, 6.6, 5.7, 4.3, 6.0, 5.2, 6.8, 5.4]
    static let c = [3.1, 2.2, 4.0, 3.5, 2.9, 3.8, 4.4, 2.6, 9.5, 3.3, 2.7, 3.6, 4.1, 0.4, 3.0, 3.9, 2.4, 3.2, 4.6, 3.4, 2.8]
    /// Paired with `a`, for ttest_rel.
    static let pairedB = [2.4, 3.1, 2.6, 5.9, 4.0, 3.9, 3.5, 5.2, 3.6, 4.8, 2.9, 4.5]

    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.queue.write { db in
            // s: the samples a, b and c by group, in shuffled order, plus rows rule (1) skips.
            try db.execute(sql: "CREATE TABLE s (id INTEGER PRIMARY KEY, g, x)")
            var rows: [(String, Double)] = []
            for (group, values) in [("a", Self.a), ("b", Self.b), ("c", Self.c)] {
                rows += values.map { (group, $0) }
            }
            var generator = SeededGenerator(seed: 14)
            for (group, value) in rows.shuffled(using: &generator) {
                try db.execute(sql: "INSERT INTO s (g, x) VALUES (?, ?)", arguments: [group, value])
            }
            try db.execute(sql: "INSERT INTO s (g, x) VALUES (NULL, 100), ('a', NULL), ('b', 'n/a'), ('c', x'00')")
            // p: pairs (a, pairedB) and y = a² − 3a, plus rows with a NULL.
            try db.execute(sql: "CREATE TABLE p (id INTEGER PRIMARY KEY, a, b, y)")
            for (index, value) in Self.a.enumerated() {
                try db.execute(sql: "INSERT INTO p (a, b, y) VALUES (?, ?, ?)", arguments: [value, Self.pairedB[index], value * value - 3 * value])
            }
            try db.execute(sql: "INSERT INTO p (a, b, y) VALUES (NULL, 1, 1), (7, NULL, NULL)")
        }
    }

    /// A test's JSON object, read back through SQLite's JSON functions (which
    /// read doubles to the last digit).
    struct Result {
        let json: String
        let store: StoreFile

        func value(_ path: String) throws -> DatabaseValue {
            try store.queue.read { db in
                try DatabaseValue.fetchOne(db, sql: "SELECT json_extract(?, ?)", arguments: [json, "$." + path]) ?? .null
            }
        }

        func number(_ path: String) throws -> Double? {
            Double.fromDatabaseValue(try value(path))
        }

        /// The value at `path` as JSON text (`[3,4]`, `"a"`, `null`).
        func text(_ path: String) throws -> String? {
            try store.queue.read { db in
                try String.fetchOne(db, sql: "SELECT json(json_extract(?, ?))", arguments: [json, "$." + path])
            }
        }

        func isNull(_ path: String) throws -> Bool {
            try store.queue.read { db in
                try String.fetchOne(db, sql: "SELECT json_type(?, ?)", arguments: [json, "$." + path]) == "null"
            }
        }
    }

    func result(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        Result(json: try XCTUnwrap(try text(sql), "\(sql) gave NULL", file: file, line: line), store: store)
    }

    /// `path` of `result` is within a relative `tolerance` of `expected`.
    func assertClose(_ result: Result, _ path: String, _ expected: Double, relative tolerance: Double = 1e-9,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let got = try XCTUnwrap(try result.number(path), "\(path) is missing in \(result.json)", file: file, line: line)
        XCTAssertEqual(got, expected, accuracy: abs(expected) * tolerance, "\(path) in \(result.json)", file: file, line: line)
    }

    /// `p` of `result` is within a relative 1e-6 of `expected`.
    func assertP(_ result: Result, _ expected: Double, _ path: String = "p", file: StaticString = #filePath, line: UInt = #line) throws {
        try assertClose(result, path, expected, relative: 1e-6, file: file, line: line)
    }

    // MARK: - Tests of means

    func testStudentTMatchesScipy() throws {
        let result = try self.result("SELECT ttest_ind(x, g) FROM s WHERE g IN ('a', 'b')")
        // scipy 1.17.1 ttest_ind(a, b): statistic, pvalue, df.
        try assertClose(result, "t", -5.047510959924012)
        try assertP(result, 3.2961300323830364e-05)
        try assertClose(result, "df", 25)
        // Cohen's d with the pooled sd (pingouin's definition, computed with numpy):
        // (mean(a) − mean(b)) / sqrt(((na−1)·var(a) + (nb−1)·var(b)) / (na+nb−2)).
        try assertClose(result, "d", -1.9548925887585107)
        try assertClose(result, "mean[0]", 3.5500000000000003)
        try assertClose(result, "mean[1]", 5.54)
        XCTAssertEqual(try result.text("groups"), #"["a","b"]"#)
        XCTAssertEqual(try result.text("n"), "[12,15]")
        XCTAssertEqual(try text("SELECT ttest_ind(x, g, 1) FROM s WHERE g IN ('a', 'b')"), result.json)
    }

    func testWelchTMatchesScipy() throws {
        let result = try self.result("SELECT ttest_ind(x, g, 0) FROM s WHERE g IN ('a', 'b')")
        // scipy 1.17.1 ttest_ind(a, b, equal_var=False).
        try assertClose(result, "t", -4.942537477850786)
        try assertP(result, 6.521344020497536e-05)
        try assertClose(result, "df", 21.40260628949437)
    }

    func testOneSampleAndPairedTMatchScipy() throws {
        // scipy 1.17.1 ttest_1samp(a, 3.0); d = (mean − 3)/std(ddof=1) by numpy.
        let one = try result("SELECT ttest_1samp(a, 3.0) FROM p WHERE id <= 12")
        try assertClose(one, "t", 1.702874668047022)
        try assertP(one, 0.11664447242407282)
        try assertClose(one, "df", 11)
        try assertClose(one, "d", 0.4915775739965714)
        XCTAssertEqual(try one.number("n"), 12)
        // scipy 1.17.1 ttest_rel(a, pairedB); the differences' mean and mean/std(ddof=1) by numpy.
        let paired = try result("SELECT ttest_rel(a, b) FROM p")
        try assertClose(paired, "t", -2.809738814687131)
        try assertP(paired, 0.01697644161317192)
        try assertClose(paired, "df", 11)
        try assertClose(paired, "d", -0.8111017305060775)
        try assertClose(paired, "mean", -0.3166666666666667)
    }

    func testZTestMatchesStatsmodels() throws {
        // statsmodels 0.15.0 weightstats.ztest(a, b).
        let result = try self.result("SELECT ztest(x, g) FROM s WHERE g IN ('a', 'b')")
        try assertClose(result, "z", -5.047510959924011)
        try assertP(result, 4.4760310167962936e-07)
    }

    func testProportionsZTestMatchesStatsmodels() throws {
        // statsmodels 0.15.0 proportion.proportions_ztest([45, 38], [60, 64]).
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE outcomes (model_id INTEGER, predicted INTEGER, actual INTEGER)")
            for (model, correct, total) in [(1, 45, 60), (2, 38, 64)] {
                for row in 0..<total {
                    try db.execute(sql: "INSERT INTO outcomes VALUES (?, 1, ?)", arguments: [model, row < correct ? 1 : 0])
                }
            }
        }
        let result = try self.result("SELECT ztest_prop(predicted = actual, model_id) FROM outcomes")
        try assertClose(result, "z", 1.8482703909717366)
        try assertP(result, 0.06456323684006447)
        XCTAssertEqual(try result.text("count"), "[45,38]")
        XCTAssertEqual(try result.text("nobs"), "[60,64]")
        try assertClose(result, "prop[0]", 0.75)
        try assertClose(result, "prop[1]", 0.59375)
        XCTAssertEqual(try result.text("groups"), "[1,2]")
    }

    func testAnovaMatchesScipy() throws {
        // scipy 1.17.1 f_oneway(a, b, c); η² = SSB/(SSB + SSW) by numpy.
        let result = try self.result("SELECT anova_oneway(x, g) FROM s")
        try assertClose(result, "F", 11.874989789195531)
        try assertP(result, 7.22185320050094e-05)
        try assertClose(result, "eta_squared", 0.34545435102726857)
        try assertClose(result, "df_between", 2)
        try assertClose(result, "df_within", 45)
        XCTAssertEqual(try result.text("groups"), #"["a","b","c"]"#)
        XCTAssertEqual(try result.text("n"), "[12,15,21]")
        try assertClose(result, "mean[2]", 3.4952380952380957)
    }

    // MARK: - Tests of variances

    func testVarianceRatioMatchesScipysFDistribution() throws {
        // F = var(a, ddof=1)/var(b, ddof=1) by numpy; p = 2·min(f.cdf, f.sf)(F, 11, 14), p_greater = f.sf, scipy 1.17.1.
        let result = try self.result("SELECT ftest_var(x, g) FROM s WHERE g IN ('a', 'b')")
        try assertClose(result, "F", 1.4440882123808947)
        try assertP(result, 0.5105306731371845)
        try assertP(result, 0.25526533656859224, "p_greater")
        try assertClose(result, "df1", 11)
        try assertClose(result, "df2", 14)
        try assertClose(result, "var[0]", 1.2518181818181817)
        try assertClose(result, "var[1]", 0.8668571428571432)
    }

    func testLeveneMatchesScipyForEachCenter() throws {
        // scipy 1.17.1 levene(a, b, c, center=...): c has 21 values, so 'trimmed' cuts one from each end.
        let expected: [(String, Double, Double)] = [
            ("median", 0.17095154825526554, 0.8434072113899843),
            ("mean", 0.20255908085298874, 0.8173787259720466),
            ("trimmed", 0.1708873030141096, 0.8434609894961252),
        ]
        for (center, w, p) in expected {
            let result = try self.result("SELECT levene(x, g, '\(center)') FROM s")
            try assertClose(result, "W", w)
            try assertP(result, p)
        }
        XCTAssertEqual(try text("SELECT levene(x, g) FROM s"), try text("SELECT levene(x, g, 'median') FROM s"))
        try assertClose(try result("SELECT levene(x, g) FROM s"), "var[2]", 2.712476190476191)
    }

    // MARK: - Mann–Whitney U

    func testMannWhitneyWithoutTiesOnLargeSamplesIsAsymptotic() throws {
        // scipy 1.17.1 mannwhitneyu(a, b): both samples above 8 values.
        let result = try self.result("SELECT mannwhitneyu(x, g) FROM s WHERE g IN ('a', 'b')")
        try assertClose(result, "U", 15.5)
        try assertP(result, 0.0003045702446108144)
        XCTAssertEqual(try result.value("method"), "asymptotic".databaseValue)
        try assertClose(result, "r", 2 * 15.5 / (12 * 15) - 1)
    }

    func testMannWhitneyWithTiesCorrectsForThem() throws {
        // scipy 1.17.1 mannwhitneyu(floor(a + 0.5), floor(b + 0.5)) (SQLite's round() takes halves away from zero).
        let result = try self.result("SELECT mannwhitneyu(round(x), g) FROM s WHERE g IN ('a', 'b') AND typeof(x) = 'real'")
        try assertClose(result, "U", 18)
        try assertP(result, 0.0003786239395145143)
    }

    /// scipy's 'auto' rule: exact when a sample has at most 8 values and nothing is tied.
    func testMannWhitneySmallSamplesWithoutTiesAreExact() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE m (g, x)")
            for x in [1.5, 3.25, 0.75, 2.0, 4.5] { try db.execute(sql: "INSERT INTO m VALUES ('e1', ?)", arguments: [x]) }
            for x in [2.75, 5.0, 6.25, 3.5, 7.0, 5.5, 4.25] { try db.execute(sql: "INSERT INTO m VALUES ('e2', ?)", arguments: [x]) }
            for x in [10.5, 11.5, 0.3] { try db.execute(sql: "INSERT INTO m VALUES ('s3', ?)", arguments: [x]) }
            for x in [10.5, 11.5, 0.25] { try db.execute(sql: "INSERT INTO m VALUES ('s3t', ?)", arguments: [x]) }
            // big = [i·0.37 % 9 for i in 1...40], as Python computes it.
            for i in 1...40 { try db.execute(sql: "INSERT INTO m VALUES ('big', ?)", arguments: [(Double(i) * 0.37).truncatingRemainder(dividingBy: 9)]) }
            for i in 0..<8 { try db.execute(sql: "INSERT INTO m VALUES ('low', ?), ('high', ?)", arguments: [i, i + 10]) }
            // x8 = [j·6.1 + 0.05], low8 = [j·0.3 + 0.01] for j in 0..<8; y100 = [i·0.37 % 50 for i in 1...100].
            for j in 0..<8 {
                try db.execute(sql: "INSERT INTO m VALUES ('x8', ?), ('low8', ?)", arguments: [Double(j) * 6.1 + 0.05, Double(j) * 0.3 + 0.01])
            }
            for i in 1...100 { try db.execute(sql: "INSERT INTO m VALUES ('y100', ?)", arguments: [(Double(i) * 0.37).truncatingRemainder(dividingBy: 50)]) }
        }
        // scipy 1.17.1 mannwhitneyu(e1, e2), equal to method='exact'.
        var result = try self.result("SELECT mannwhitneyu(x, g) FROM m WHERE g IN ('e1', 'e2')")
        try assertClose(result, "U", 4)
        try assertP(result, 0.030303030303030304)
        XCTAssertEqual(try result.value("method"), "exact".databaseValue)
        // scipy 1.17.1 mannwhitneyu(big, s3) (so U is big's: 3·40 − 81 = 39), equal to method='exact'.
        result = try self.result("SELECT mannwhitneyu(x, g) FROM m WHERE g IN ('s3', 'big')")
        try assertClose(result, "U", 39)
        try assertP(result, 0.3448667044809982)
        XCTAssertEqual(try result.value("method"), "exact".databaseValue)
        // With one tie (0.25 is in big too) 'auto' takes the normal approximation:
        // mannwhitneyu(s3t, big) == mannwhitneyu(s3t, big, method='asymptotic'), U = 80.5 for s3t.
        result = try self.result("SELECT mannwhitneyu(x, g) FROM m WHERE g IN ('s3t', 'big')")
        try assertClose(result, "U", 3 * 40 - 80.5)
        try assertP(result, 0.34033751161108894)
        XCTAssertEqual(try result.value("method"), "asymptotic".databaseValue)
        // Two separated samples of 8: the exact p is 2/C(16, 8) = 0.0001554001554001554 (scipy 1.17.1 too), U = 64 for 'high'.
        result = try self.result("SELECT mannwhitneyu(x, g) FROM m WHERE g IN ('low', 'high')")
        try assertClose(result, "U", 64)
        try assertP(result, 0.0001554001554001554)
        try assertClose(result, "r", 1)
        // 8 against 100 values, exact (scipy 1.17.1 mannwhitneyu(x8, y100) == method='exact'), and deeper in the tail.
        result = try self.result("SELECT mannwhitneyu(x, g) FROM m WHERE g IN ('x8', 'y100')")
        try assertClose(result, "U", 445)
        try assertP(result, 0.6079993474407862)
        result = try self.result("SELECT mannwhitneyu(x, g) FROM m WHERE g IN ('low8', 'y100')")
        try assertClose(result, "U", 19)
        try assertP(result, 9.459538516982554e-09)
        XCTAssertEqual(try result.value("method"), "exact".databaseValue)
    }

    // MARK: - Chi-square and Pearson

    /// A crosstab of two 0/1-coded columns with `counts` rows per pair of values.
    func makeCrosstab(_ counts: [[Int]]) throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE x (a, b)")
            for (row, columns) in counts.enumerated() {
                for (column, count) in columns.enumerated() {
                    for _ in 0..<count { try db.execute(sql: "INSERT INTO x VALUES (?, ?)", arguments: ["r\(row)", column]) }
                }
            }
        }
    }

    func testChiSquareMatchesScipy() throws {
        try makeCrosstab([[12, 5], [7, 14]])
        // scipy 1.17.1 chi2_contingency([[12, 5], [7, 14]]) (Yates), and with correction=False;
        // Cramér's V from contingency.association(..., method='cramer') (uncorrected).
        var result = try self.result("SELECT chi2_independence(a, b) FROM x")
        try assertClose(result, "chi2", 3.831932773109244)
        try assertP(result, 0.05028491606049412)
        try assertClose(result, "cramers_v", 0.3704792868174742)
        XCTAssertEqual(try result.number("dof"), 1)
        XCTAssertEqual(try result.text("observed"), "[[12,5],[7,14]]")
        XCTAssertEqual(try result.text("a"), #"["r0","r1"]"#)
        XCTAssertEqual(try result.text("b"), "[0,1]")
        result = try self.result("SELECT chi2_independence(a, b, 0) FROM x")
        try assertClose(result, "chi2", 5.215686274509804)
        try assertP(result, 0.022384010692177766)
        try assertClose(result, "cramers_v", 0.3704792868174742)
    }

    func testChiSquareOnALargerTableHasNoCorrection() throws {
        try makeCrosstab([[10, 4, 6], [3, 9, 8]])
        // scipy 1.17.1 chi2_contingency([[10, 4, 6], [3, 9, 8]]), association(..., method='cramer').
        let result = try self.result("SELECT chi2_independence(a, b) FROM x")
        try assertClose(result, "chi2", 5.978021978021979)
        try assertP(result, 0.05033719615337611)
        try assertClose(result, "cramers_v", 0.3865883462425497)
        XCTAssertEqual(try result.number("dof"), 2)
    }

    func testChiSquareOfOneRowIsZero() throws {
        // scipy 1.17.1 chi2_contingency([[3, 4, 5]]): statistic 0.0, pvalue 1.0, dof 0.
        try makeCrosstab([[3, 4, 5]])
        let result = try self.result("SELECT chi2_independence(a, b) FROM x")
        XCTAssertEqual(try result.number("chi2"), 0)
        XCTAssertEqual(try result.number("p"), 1)
        XCTAssertEqual(try result.number("dof"), 0)
        XCTAssertTrue(try result.isNull("cramers_v"))
    }

    func testPearsonMatchesScipy() throws {
        // scipy 1.17.1 pearsonr(a, [x*x − 3x for x in a]).
        var result = try self.result("SELECT pearson_test(a, y) FROM p")
        try assertClose(result, "r", 0.9653259689992632)
        try assertP(result, 3.7239795823850106e-07)
        XCTAssertEqual(try result.number("n"), 12)
        // scipy 1.17.1 pearsonr([1, 2, 3.5], [2, 1, 7]).
        result = try self.result("SELECT pearson_test(column1, column2) FROM (VALUES (1, 2), (2, 1), (3.5, 7))")
        try assertClose(result, "r", 0.8446877845160873)
        try assertP(result, 0.35957222234441827)
        // Two pairs: r = ±1 and p = 1 (scipy: pearsonr([1, 2], [3, 1]) is (-1.0, 1.0)).
        result = try self.result("SELECT pearson_test(column1, column2) FROM (VALUES (1, 3), (2, 1))")
        XCTAssertEqual(try result.number("r"), -1)
        XCTAssertEqual(try result.number("p"), 1)
    }

    // MARK: - Deep tails

    /// 10,000 rows: g = n % 2, x = (n·7919 % 1000)/10 + 21.5·g for n = 0…9999,
    /// the same values numpy makes; the p-values are far below 1e-200 and
    /// must keep 6 digits.
    func testDeepTailPValues() throws {
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE deep AS
                WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 9999)
                SELECT n % 2 AS g, (n * 7919) % 1000 / 10.0 + (n % 2) * 21.5 AS x FROM i
                """)
        }
        // scipy 1.17.1 / statsmodels 0.15.0 on x[g == 0], x[g == 1]:
        var result = try self.result("SELECT ttest_ind(x, g) FROM deep")
        try assertClose(result, "t", -37.40863084399971)
        try assertP(result, 8.904679189123799e-287)
        result = try self.result("SELECT ttest_ind(x, g, 0) FROM deep")
        try assertClose(result, "df", 9998)
        try assertP(result, 8.904679189123799e-287)
        result = try self.result("SELECT ztest(x, g) FROM deep")
        try assertClose(result, "z", -37.40863084399971)
        try assertP(result, 2.8286555446836556e-306)
        result = try self.result("SELECT anova_oneway(x, g) FROM deep")
        try assertClose(result, "F", 1399.4056616226464)
        try assertP(result, 8.904679189123799e-287)
        result = try self.result("SELECT mannwhitneyu(x, g) FROM deep")
        try assertClose(result, "U", 7683200)
        try assertP(result, 3.7167613724073136e-244)
        result = try self.result("SELECT pearson_test(x, g) FROM deep")
        try assertClose(result, "r", 0.3504038023777435)
        try assertP(result, 8.90467918912547e-287)
        // chi2_contingency([[3010, 1930], [1990, 3070]]): a = (x > 60), b = g.
        result = try self.result("SELECT chi2_independence(x > 60, g) FROM deep")
        try assertClose(result, "chi2", 465.7634699396713)
        try assertP(result, 2.6771791448618575e-103)
        XCTAssertEqual(try result.text("observed"), "[[3010,1930],[1990,3070]]")
    }

    // MARK: - Contract

    /// Rule (1): NULLs, non-numeric text and BLOBs in x, and NULL groups, are
    /// skipped: the result is the one without those rows.
    func testRowsWithNullsAreSkipped() throws {
        let clean = "SELECT %@ FROM s WHERE id <= \(Self.a.count + Self.b.count + Self.c.count)"
        for call in ["ttest_ind(x, g)", "anova_oneway(x, g)", "levene(x, g)", "mannwhitneyu(x, g)", "ztest(x, g)", "ftest_var(x, g)"] {
            let restricted = call.contains("anova") || call.contains("levene") ? "" : " AND g IN ('a', 'b')"
            let all = try text("SELECT \(call) FROM s WHERE 1\(restricted)")
            let without = try text(clean.replacingOccurrences(of: "%@", with: call) + restricted)
            XCTAssertNotNil(all, call)
            XCTAssertEqual(all, without, call)
        }
        XCTAssertEqual(try text("SELECT ttest_rel(a, b) FROM p"), try text("SELECT ttest_rel(a, b) FROM p WHERE id <= 12"))
        XCTAssertEqual(try text("SELECT pearson_test(a, y) FROM p"), try text("SELECT pearson_test(a, y) FROM p WHERE id <= 12"))
        XCTAssertEqual(try text("SELECT ttest_1samp(a, 3) FROM p"), try text("SELECT ttest_1samp(a, 3) FROM p WHERE a IS NOT NULL"))
        XCTAssertEqual(try text("SELECT chi2_independence(g, x > 4) FROM s"),
                       try text("SELECT chi2_independence(g, x > 4) FROM s WHERE g IS NOT NULL AND x IS NOT NULL"))
    }

    /// Rule (4): no rows, NULL.
    func testEmptyInputGivesNull() throws {
        for call in ["ttest_ind(x, g)", "ttest_ind(x, g, 0)", "ttest_1samp(x, 0)", "ttest_rel(x, x)", "ztest(x, g)", "ztest_prop(x, g)",
                     "ftest_var(x, g)", "anova_oneway(x, g)", "levene(x, g)", "mannwhitneyu(x, g)", "chi2_independence(x, g)", "pearson_test(x, x)"] {
            XCTAssertEqual(try value("SELECT \(call) FROM s WHERE 0"), .null, call)
            XCTAssertEqual(try value("SELECT \(call) FROM s WHERE x IS NULL"), .null, "only NULLs: \(call)")
        }
    }

    /// Rule (4): one row per group leaves the statistics null, never NaN.
    func testOneRowGroupsGiveNullStatistics() throws {
        let one = "FROM (SELECT 'a' AS g, 1.5 AS x UNION ALL SELECT 'b', 2.5)"
        var result = try self.result("SELECT ttest_ind(x, g) \(one)")
        XCTAssertTrue(try result.isNull("t"))
        XCTAssertTrue(try result.isNull("p"))
        XCTAssertTrue(try result.isNull("d"))
        XCTAssertEqual(try result.number("df"), 0)
        XCTAssertEqual(try result.text("mean"), "[1.5,2.5]")
        result = try self.result("SELECT ttest_ind(x, g, 0) \(one)")
        XCTAssertTrue(try result.isNull("t"))
        XCTAssertTrue(try result.isNull("df"))
        for (call, keys) in [("ztest(x, g)", ["z", "p"]), ("ftest_var(x, g)", ["F", "p", "p_greater", "df1"]),
                             ("anova_oneway(x, g)", ["F", "p"]), ("levene(x, g)", ["W", "p"])] {
            result = try self.result("SELECT \(call) \(one)")
            for key in keys { XCTAssertTrue(try result.isNull(key), "\(key) of \(call): \(result.json)") }
        }
        // A sample of one against one of three: Student's test still has df = 2
        // (scipy 1.17.1 ttest_ind([1], [2, 3, 4]): t = -1.7320508075688774, p = 0.22540333075851665).
        result = try self.result("SELECT ttest_ind(column2, column1) FROM (VALUES ('a', 1), ('b', 2), ('b', 3), ('b', 4))")
        try assertClose(result, "t", -1.7320508075688774)
        try assertP(result, 0.22540333075851665)
        XCTAssertEqual(try result.text("n"), "[1,3]")
        // One value for one sample: t, p and d null, n and mean given.
        result = try self.result("SELECT ttest_1samp(5, 3)")
        XCTAssertTrue(try result.isNull("t"))
        XCTAssertEqual(try result.number("mean"), 5)
        result = try self.result("SELECT pearson_test(1, 2)")
        XCTAssertTrue(try result.isNull("r"))
    }

    /// Rule (4): an infinite statistic is null and its p-value 0 (scipy
    /// 1.17.1: ttest_ind([1, 1], [2, 2]) is (-inf, 0.0); f_oneway([1, 1],
    /// [2, 2], [3, 3]) is (inf, 0.0)); 0/0 is null (ttest_ind([1, 1], [1, 1]) is (nan, nan)).
    func testInfiniteStatisticsAreNullWithPZero() throws {
        let apart = "FROM (VALUES ('a', 1), ('a', 1), ('b', 2), ('b', 2))"
        var result = try self.result("SELECT ttest_ind(column2, column1) \(apart)")
        XCTAssertTrue(try result.isNull("t"))
        XCTAssertEqual(try result.number("p"), 0)
        result = try self.result("SELECT ttest_ind(column2, column1, 0) \(apart)")
        XCTAssertEqual(try result.number("p"), 0)
        result = try self.result("SELECT anova_oneway(column2, column1) FROM (VALUES ('a', 1), ('a', 1), ('b', 2), ('b', 2), ('c', 3), ('c', 3))")
        XCTAssertTrue(try result.isNull("F"))
        XCTAssertEqual(try result.number("p"), 0)
        result = try self.result("SELECT ttest_ind(column2, column1) FROM (VALUES ('a', 1), ('a', 1), ('b', 1), ('b', 1))")
        XCTAssertTrue(try result.isNull("t"))
        XCTAssertTrue(try result.isNull("p"))
        XCTAssertFalse(result.json.contains("NaN") || result.json.contains("nan") || result.json.contains("inf"), result.json)
    }

    /// Rule (3): the error names the groups found.
    func testTwoSampleTestsRefuseOtherGroupCounts() throws {
        for function in ["ttest_ind", "ztest", "ftest_var", "mannwhitneyu"] {
            XCTAssertEqual(error("SELECT \(function)(x, g) FROM s"),
                           "\(function)(): the second argument must hold exactly 2 groups, and it holds 3: 'a', 'b', 'c'. Keep the groups to compare with WHERE, or map them to two with CASE.")
            XCTAssertEqual(error("SELECT \(function)(x, g) FROM s WHERE g = 'b'"),
                           "\(function)(): the second argument must hold exactly 2 groups, and it holds 1: 'b'. Keep the groups to compare with WHERE, or map them to two with CASE.")
        }
        XCTAssertEqual(error("SELECT ztest_prop(x > 3, g) FROM s"),
                       "ztest_prop(): the second argument must hold exactly 2 groups, and it holds 3: 'a', 'b', 'c'. Keep the groups to compare with WHERE, or map them to two with CASE.")
        XCTAssertEqual(error("SELECT anova_oneway(x, g) FROM s WHERE g = 'c'"),
                       "anova_oneway(): the second argument must hold at least 2 groups, and it holds 1: 'c'. Keep the groups to compare with WHERE, or map them to two with CASE.")
        XCTAssertEqual(error("SELECT levene(x, 1.0) FROM s"),
                       "levene(): the second argument must hold at least 2 groups, and it holds 1: 1. Keep the groups to compare with WHERE, or map them to two with CASE.")
        let many = error("SELECT ttest_ind(x, id) FROM s WHERE g IS NOT NULL") ?? ""
        XCTAssertTrue(many.hasPrefix("ttest_ind(): the second argument must hold exactly 2 groups, and it holds 48: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (48 in all)."), many)
    }

    /// Rule (2): groups in SQLite's order (numbers by value, 1 and 1.0 one
    /// group, before text); the first group is the first in that order.
    func testGroupsAreOrderedAsSQLiteOrdersValues() throws {
        var result = try self.result("SELECT ttest_ind(column2, column1) FROM (VALUES ('10', 1), (9, 2), (9.0, 4), ('10', 3), ('10', 5))")
        XCTAssertEqual(try result.text("groups"), #"[9,"10"]"#)
        XCTAssertEqual(try result.text("n"), "[2,3]")
        result = try self.result("SELECT anova_oneway(column2, column1) FROM (VALUES ('b', 1), (2.5, 2), ('B', 4), ('b', 3), (2.5, 5), ('B', 6), (-1, 1), (-1, 2))")
        XCTAssertEqual(try result.text("groups"), #"[-1,2.5,"B","b"]"#)
        // Swapping the order with CASE flips the sign of t.
        let forward = try XCTUnwrap(try self.result("SELECT ttest_ind(x, g) FROM s WHERE g IN ('a', 'b')").number("t"))
        let backward = try XCTUnwrap(try self.result("SELECT ttest_ind(x, CASE g WHEN 'a' THEN 2 ELSE 1 END) FROM s WHERE g IN ('a', 'b')").number("t"))
        XCTAssertEqual(forward, -backward)
    }

    /// Many groups (past the 16 compared in place) are found through the hash table.
    func testManyGroups() throws {
        let result = try self.result("SELECT anova_oneway(x, id % 40) FROM s")
        XCTAssertEqual(try result.number("df_between"), 39)
        XCTAssertEqual(try result.text("n").map { $0.split(separator: ",").count }, 40)
        let grouped = try self.result("SELECT anova_oneway(x, CAST(id % 40 AS TEXT)) FROM s")
        XCTAssertEqual(try grouped.number("F"), try result.number("F"))
    }

    /// Rules (1) and (6): bad options and values are errors naming the argument.
    func testInvalidArgumentsAreErrors() {
        XCTAssertEqual(error("SELECT ztest_prop(x, g) FROM s WHERE g IN ('a', 'b')"),
                       "ztest_prop(): first argument (success) must be 0 or 1, such as the condition predicted = actual")
        XCTAssertEqual(error("SELECT ttest_ind(x, g, 2) FROM s"), "ttest_ind(): third argument (equal_var) must be 0 or 1")
        XCTAssertEqual(error("SELECT ttest_ind(x, g, id % 2) FROM s"), "ttest_ind(): third argument (equal_var) must be the same on every row")
        XCTAssertEqual(error("SELECT levene(x, g, 'middle') FROM s"), "levene(): third argument (center) must be 'median', 'mean' or 'trimmed'")
        XCTAssertEqual(error("SELECT levene(x, g, CASE WHEN id < 5 THEN 'mean' ELSE 'median' END) FROM s"),
                       "levene(): third argument (center) must be the same on every row")
        XCTAssertEqual(error("SELECT chi2_independence(g, x > 3, 'yes') FROM s"), "chi2_independence(): third argument (correction) must be 0 or 1")
        XCTAssertEqual(error("SELECT ttest_1samp(x, NULL) FROM s"), "ttest_1samp(): second argument (mu) must be a number")
        XCTAssertEqual(error("SELECT ttest_1samp(x, id) FROM s"), "ttest_1samp(): second argument (mu) must be the same on every row")
    }

    /// Rule (8): as a window function, each frame gives the result of its
    /// rows (groups interleaved, so every frame holds both).
    func testWindowFramesMatchTheAggregateOfTheirRows() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE w (id INTEGER PRIMARY KEY, g TEXT, x REAL)")
            for index in Self.b.indices {
                if index < Self.a.count { try db.execute(sql: "INSERT INTO w (g, x) VALUES ('a', ?)", arguments: [Self.a[index]]) }
                try db.execute(sql: "INSERT INTO w (g, x) VALUES ('b', ?)", arguments: [Self.b[index]])
            }
        }
        let frame = "OVER (ORDER BY id ROWS BETWEEN 4 PRECEDING AND 5 FOLLOWING)"
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, ttest_ind(x, g) \(frame) AS t, mannwhitneyu(x, g) \(frame) AS u, pearson_test(x, id) \(frame) AS r,
                       chi2_independence(g, x > 4.5) \(frame) AS chi2
                FROM w ORDER BY id
                """)
        }
        XCTAssertEqual(rows.count, 27)
        for row in rows {
            let id: Int64 = row["id"]
            let rows = "FROM w WHERE id BETWEEN \(id - 4) AND \(id + 5)"
            XCTAssertEqual(row["t"] as String?, try text("SELECT ttest_ind(x, g) \(rows)"), "frame ending at \(id)")
            XCTAssertEqual(row["u"] as String?, try text("SELECT mannwhitneyu(x, g) \(rows)"), "frame ending at \(id)")
            XCTAssertEqual(row["r"] as String?, try text("SELECT pearson_test(x, id) \(rows)"), "frame ending at \(id)")
            XCTAssertEqual(row["chi2"] as String?, try text("SELECT chi2_independence(g, x > 4.5) \(rows)"), "frame ending at \(id)")
        }
    }

    /// The tests of MFCC-like vectors, one GROUP BY away with tensor_at.
    func testPerCoefficientTestsThroughTensorAt() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE v (g TEXT, m BLOB)")
            for (index, value) in Self.a.enumerated() {
                try db.execute(sql: "INSERT INTO v VALUES ('a', tensor(?))", arguments: ["[\(value), \(Self.pairedB[index])]"])
            }
            for value in Self.b {
                try db.execute(sql: "INSERT INTO v VALUES ('b', tensor(?))", arguments: ["[\(value), \(value + 1)]"])
            }
        }
        let perCoefficient = try store.queue.read { db in
            try String.fetchAll(db, sql: """
                WITH k(i) AS (VALUES (0), (1))
                SELECT ttest_ind(tensor_at(m, i), g) FROM v, k GROUP BY i ORDER BY i
                """)
        }
        XCTAssertEqual(perCoefficient.count, 2)
        // Coefficient 0 holds a and b: scipy 1.17.1 ttest_ind(a, b) again.
        try assertClose(Result(json: perCoefficient[0], store: store), "t", -5.047510959924012)
    }
}
