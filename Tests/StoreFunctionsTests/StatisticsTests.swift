import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

/// Each aggregate against pandas 3.1.1 on the same values, its window forms
/// against the grouped aggregates, and the edge cases of the contract in
/// Statistics.swift.
final class StatisticsTests: FunctionTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, g TEXT, x, y)")
            // x = [2.5, 1, 4, 7, 1, 3.5, 10, -2, 6, 0.25], y alongside; plus a NULL,
            // a non-numeric text and a numeric text ('6' counts as 6).
            let rows: [(String, DatabaseValueConvertible?, DatabaseValueConvertible?)] = [
                ("a", 2.5, 1.0), ("a", 1, 2), ("b", 4, 2), ("a", 7, 5), ("b", 1, 0), ("b", 3.5, 3),
                ("a", 10, 9), ("b", -2, -1), ("a", "6", 4), ("b", 0.25, 1), ("a", nil, 7), ("b", "n/a", 8),
            ]
            for row in rows {
                try db.execute(sql: "INSERT INTO t (g, x, y) VALUES (?, ?, ?)", arguments: [row.0, row.1, row.2])
            }
        }
    }

    func assertClose(_ sql: String, _ expected: Double, relative: Double = 1e-13, file: StaticString = #filePath, line: UInt = #line) throws {
        let got = try XCTUnwrap(try real(sql), sql, file: file, line: line)
        XCTAssertEqual(got, expected, accuracy: abs(expected) * relative + 1e-300, sql, file: file, line: line)
    }

    // MARK: - Against pandas 3.1.1

    /// Expected values: pandas 3.1.1 on pd.Series([2.5, 1, 4, 7, 1, 3.5, 10, -2, 6, 0.25])
    /// (and y = [1, 2, 2, 5, 0, 3, 9, -1, 4, 1]): .median(), .quantile(p), .var(),
    /// .var(ddof=0), .std(), .std(ddof=0), .skew(), .kurt(), .corr(y), .cov(y), .cov(y, ddof=0).
    func testAggregatesMatchPandas() throws {
        try assertClose("SELECT median(x) FROM t", 3.0)
        try assertClose("SELECT quantile(x, 0.1) FROM t", 0.02500000000000005)
        try assertClose("SELECT q1(x) FROM t", 1.0)
        try assertClose("SELECT q3(x) FROM t", 5.5)
        try assertClose("SELECT iqr(x) FROM t", 4.5)
        try assertClose("SELECT quantile(x, 0.9) FROM t", 7.299999999999999)
        try assertClose("SELECT variance(x) FROM t", 12.778472222222222)
        try assertClose("SELECT var_samp(x) FROM t", 12.778472222222222)
        try assertClose("SELECT var_pop(x) FROM t", 11.500625)
        try assertClose("SELECT stddev(x) FROM t", 3.574698899518982)
        try assertClose("SELECT stddev_samp(x) FROM t", 3.574698899518982)
        try assertClose("SELECT stddev_pop(x) FROM t", 3.39125714153321)
        try assertClose("SELECT skewness(x) FROM t", 0.4887003734417023)
        try assertClose("SELECT kurtosis(x) FROM t", -0.10040198223845566)
        try assertClose("SELECT corr(x, y) FROM t", 0.9491772638813867)
        try assertClose("SELECT covar_samp(x, y) FROM t", 9.755555555555556)
        try assertClose("SELECT covar_pop(x, y) FROM t", 8.780000000000001)
        XCTAssertEqual(try value("SELECT mode(x) FROM t"), 1.databaseValue)
        XCTAssertEqual(try value("SELECT mode_count(x) FROM t"), 2.databaseValue)
    }

    /// Quantiles are numpy's linear interpolation to the last bit:
    /// np.quantile([2.5, 1, 4, 7, 1, 3.5, 10, -2, 6, 0.25], 0.9) == 7.299999999999999.
    func testQuantileIsBitExact() throws {
        XCTAssertEqual(try real("SELECT quantile(x, 0.9) FROM t"), 7.299999999999999)
        XCTAssertEqual(try real("SELECT quantile(x, 0.1) FROM t"), 0.02500000000000005)
        XCTAssertEqual(try real("SELECT quantile(x, 0) FROM t"), -2)
        XCTAssertEqual(try real("SELECT quantile(x, 1) FROM t"), 10)
    }

    // MARK: - Edge cases

    func testEmptyInputGivesNull() throws {
        for function in ["median(x)", "quantile(x, 0.5)", "iqr(x)", "mode(x)", "variance(x)", "var_pop(x)", "stddev_pop(x)", "skewness(x)", "kurtosis(x)", "corr(x, y)", "covar_pop(x, y)"] {
            XCTAssertEqual(try value("SELECT \(function) FROM t WHERE 0"), .null, function)
            XCTAssertEqual(try value("SELECT \(function) FROM t WHERE x IS NULL"), .null, "only NULLs: \(function)")
        }
    }

    func testTooFewValuesGiveNull() throws {
        // One value: pandas gives NaN for var, std, skew, kurt, corr, cov; 0 for var(ddof=0).
        let one = "FROM t WHERE id = 1"
        XCTAssertEqual(try value("SELECT variance(x) \(one)"), .null)
        XCTAssertEqual(try real("SELECT var_pop(x) \(one)"), 0)
        XCTAssertEqual(try real("SELECT median(x) \(one)"), 2.5)
        XCTAssertEqual(try value("SELECT covar_samp(x, y) \(one)"), .null)
        XCTAssertEqual(try value("SELECT corr(x, y) \(one)"), .null)
        // Two values: no skewness; three: no kurtosis.
        XCTAssertEqual(try value("SELECT skewness(x) FROM t WHERE id <= 2"), .null)
        XCTAssertNotEqual(try value("SELECT skewness(x) FROM t WHERE id <= 3"), .null)
        XCTAssertEqual(try value("SELECT kurtosis(x) FROM t WHERE id <= 3"), .null)
        XCTAssertNotEqual(try value("SELECT kurtosis(x) FROM t WHERE id <= 4"), .null)
    }

    /// pandas 3.1: Series([3.25] * 10).skew() and .kurt() are NaN (degenerate), .var() is 0.
    func testAllEqualValues() throws {
        let constant = "FROM (SELECT 3.25 AS x, id AS y FROM t)"
        XCTAssertEqual(try real("SELECT variance(x) \(constant)"), 0)
        XCTAssertEqual(try real("SELECT iqr(x) \(constant)"), 0)
        XCTAssertEqual(try value("SELECT skewness(x) \(constant)"), .null)
        XCTAssertEqual(try value("SELECT kurtosis(x) \(constant)"), .null)
        XCTAssertEqual(try value("SELECT corr(x, y) \(constant)"), .null)
        XCTAssertEqual(try real("SELECT covar_samp(x, y) \(constant)"), 0)
    }

    func testInfinitiesPropagate() throws {
        let values = "FROM (SELECT 1.0 AS x UNION ALL SELECT 9e999 UNION ALL SELECT 2.0)"
        // pandas 3.1: Series([1, inf, 2]).median() == 2.0; .var() and .skew() are NaN.
        XCTAssertEqual(try real("SELECT median(x) \(values)"), 2)
        XCTAssertEqual(try real("SELECT quantile(x, 1) \(values)"), .infinity)
        XCTAssertEqual(try value("SELECT variance(x) \(values)"), .null)
        XCTAssertEqual(try value("SELECT skewness(x) \(values)"), .null)
        XCTAssertEqual(try value("SELECT corr(x, x) \(values)"), .null)
    }

    /// Values 1e9 + d with d repeating [0, 0, 0, 1, 5] (10,000 values, each
    /// exact as a double). Exact statistics by rational arithmetic (Python
    /// fractions): variance 3.7603760376037605, skewness 1.362997211136554,
    /// kurtosis 0.038419056306305384.
    func testLargeOffsetLosesNoDigits() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE big (x REAL)")
            let statement = try db.makeStatement(sql: "INSERT INTO big VALUES (?)")
            for index in 0..<10_000 {
                try statement.execute(arguments: [1e9 + [0.0, 0, 0, 1, 5][index % 5]])
            }
        }
        try assertClose("SELECT variance(x) FROM big", 3.7603760376037605, relative: 1e-14)
        try assertClose("SELECT skewness(x) FROM big", 1.362997211136554, relative: 1e-12)
        try assertClose("SELECT kurtosis(x) FROM big", 0.038419056306305384, relative: 1e-11)
        try assertClose("SELECT median(x) FROM big", 1e9)
    }

    func testModeTiesGoToTheSmallestAndCountText() throws {
        // pandas: Series([3, 1, 3, 1, 2]).mode()[0] == 1; Series(["b", "a", "b", "a"]).mode()[0] == "a".
        XCTAssertEqual(try value("SELECT mode(v) FROM (SELECT 3 AS v UNION ALL SELECT 1 UNION ALL SELECT 3 UNION ALL SELECT 1 UNION ALL SELECT 2)"), 1.databaseValue)
        XCTAssertEqual(try value("SELECT mode(v) FROM (SELECT 'b' AS v UNION ALL SELECT 'a' UNION ALL SELECT 'b' UNION ALL SELECT 'a')"), "a".databaseValue)
        XCTAssertEqual(try value("SELECT mode(g) FROM t"), "a".databaseValue)
        // pandas keeps the dtype: Series([2.0, 1.0, 2.0]).mode()[0] is the float 2.0; 1 and 1.0 are one value.
        XCTAssertEqual(try value("SELECT mode(v) FROM (SELECT 2.0 AS v UNION ALL SELECT 1.0 UNION ALL SELECT 2.0)"), 2.0.databaseValue)
        XCTAssertEqual(try value("SELECT typeof(mode(v)) FROM (SELECT 2.0 AS v UNION ALL SELECT 1.0 UNION ALL SELECT 2.0)"), "real".databaseValue)
        XCTAssertEqual(try value("SELECT typeof(mode(v)) || mode(v) FROM (SELECT 2 AS v UNION ALL SELECT 1 UNION ALL SELECT 2.0)"), "real2.0".databaseValue)
        XCTAssertEqual(try value("SELECT typeof(mode(v)) FROM (SELECT 2 AS v UNION ALL SELECT 1 UNION ALL SELECT 2)"), "integer".databaseValue)
        XCTAssertEqual(try value("SELECT mode_count(g) FROM t"), 6.databaseValue)
    }

    func testQuantileProbabilityIsChecked() throws {
        XCTAssertThrowsError(try value("SELECT quantile(x, 1.5) FROM t")) { error in
            XCTAssertTrue("\(error)".contains("quantile(): second argument must be a number between 0 and 1"), "\(error)")
        }
    }

    // MARK: - Window forms

    /// Every aggregate OVER (PARTITION BY g) equals the aggregate GROUP BY g.
    func testWindowOverPartitionEqualsGroupBy() throws {
        for function in ["median(x)", "quantile(x, 0.3)", "iqr(x)", "mode(x)", "variance(x)", "stddev_pop(x)", "skewness(x)", "kurtosis(x)", "corr(x, y)", "covar_samp(x, y)"] {
            let grouped = try store.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT g, \(function) FROM t GROUP BY g ORDER BY g").map { "\($0[0] as String) \($0[1] as DatabaseValue)" }
            }
            let windowed = try store.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT DISTINCT g, \(function) OVER (PARTITION BY g) FROM t ORDER BY g").map { "\($0[0] as String) \($0[1] as DatabaseValue)" }
            }
            XCTAssertEqual(windowed, grouped, function)
        }
    }

    /// Sliding frames (rows leave through the inverse) equal the aggregate
    /// computed afresh over the same rows.
    func testSlidingFramesEqualFreshAggregates() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE series (id INTEGER PRIMARY KEY, x REAL, y REAL)")
            var state: UInt64 = 7
            for _ in 0..<300 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let x = Double(state >> 40) / 1_000 - 5_000
                try db.execute(sql: "INSERT INTO series (x, y) VALUES (?, ?)", arguments: [state % 17 == 0 ? nil : x, x * 0.3 + Double(state % 13)])
            }
        }
        for function in ["median(x)", "iqr(x)", "mode(x)", "variance(x)", "var_pop(x)", "stddev(x)", "skewness(x)", "kurtosis(x)", "corr(x, y)", "covar_pop(x, y)"] {
            let pairs = try store.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(function) OVER (ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW),
                           (SELECT \(function) FROM series AS inner WHERE inner.id BETWEEN series.id - 9 AND series.id)
                    FROM series ORDER BY id
                    """).map { (Double.fromDatabaseValue($0[0] as DatabaseValue), Double.fromDatabaseValue($0[1] as DatabaseValue)) }
            }
            for (index, pair) in pairs.enumerated() {
                switch pair {
                case (nil, nil): continue
                case let (sliding?, fresh?):
                    XCTAssertEqual(sliding, fresh, accuracy: max(abs(fresh), 1) * 1e-9, "\(function) at row \(index + 1)")
                default:
                    XCTFail("\(function) at row \(index + 1): \(pair)")
                }
            }
        }
    }

    func testRunningWindowAndScaling() throws {
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, robust_scale(x, median(x) OVER (), iqr(x) OVER ()) AS scaled
                FROM t ORDER BY id LIMIT 3
                """).map { $0[1] as Double }
        }
        // (x − 3.0) / 4.5 for x = 2.5, 1, 4 (median and IQR of all numeric x, from pandas above).
        XCTAssertEqual(rows, [(2.5 - 3) / 4.5, (1 - 3) / 4.5, (4 - 3) / 4.5])
    }
}
