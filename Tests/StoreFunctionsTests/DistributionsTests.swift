import GRDB
import StoreCore
import StoreFunctions
import XCTest

/// The distribution functions of Distributions.swift against scipy 1.17,
/// deep in the tails too, and the edge cases of its contract.
final class DistributionsTests: FunctionTestCase {
    /// `sql` is within a relative `tolerance` of `expected` (exactly equal when `expected` is 0).
    func assertClose(_ sql: String, _ expected: Double, relative tolerance: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) throws {
        let got = try XCTUnwrap(try real(sql), sql, file: file, line: line)
        if expected == 0 || expected.isInfinite {
            XCTAssertEqual(got, expected, sql, file: file, line: line)
        } else {
            XCTAssertEqual(got, expected, accuracy: abs(expected) * tolerance, sql, file: file, line: line)
        }
    }

    // MARK: - Against scipy 1.17

    /// (function, arguments, scipy 1.17's value): `scipy.stats.norm.cdf(1.5)`,
    /// `norm.cdf(7, 5, 2)` (loc, scale), `t.sf(36.5, 9998)`, `chi2.ppf(0.95, 1)`,
    /// `f.sf(18.7, 5, 1e6)`, … — printed by the script
    /// `stats.<dist>.<fn>(*args)` for each row, repr of the float.
    static let scipyValues: [(String, [Double], Double)] = [
        ("normal_cdf", [1.5], 0.9331927987311419),
        ("normal_cdf", [-37.5], 4.605353009581954e-308),
        ("normal_cdf", [7.0, 5.0, 2.0], 0.8413447460685429),
        ("normal_sf", [1.5], 0.06680720126885807),
        ("normal_sf", [37.0], 5.7255712225239266e-300),
        ("normal_sf", [-3.0, 1.0, 0.5], 0.9999999999999993),
        ("normal_ppf", [0.975], 1.959963984540054),
        ("normal_ppf", [1e-300], -37.0470962993612),
        ("normal_ppf", [0.999999999999], 7.0344869100478356),
        ("normal_ppf", [0.1, 100.0, 15.0], 80.77672651683099),
        ("t_cdf", [-2.1, 28.0], 0.022431612064458522),
        ("t_cdf", [3.5, 1.0], 0.9114144672170952),
        ("t_cdf", [0.3, 2.5], 0.6063288142524014),
        ("t_sf", [2.1, 28.0], 0.022431612064458522),
        ("t_sf", [36.5, 9998.0], 3.075881825960322e-274),
        ("t_sf", [17.3, 300.0], 2.7162123096015595e-47),
        ("t_sf", [10.0, 31.0], 1.6023977459154457e-11),
        ("t_sf", [40.0, 1000000.0], 0.0),
        ("t_sf", [1e+100, 0.5], 3.207009754142229e-51),
        ("t_sf", [-1.5, 7.0], 0.911350756505015),
        ("t_ppf", [0.975, 28.0], 2.0484071417952454),
        ("t_ppf", [0.025, 3.0], -3.1824463052837086),
        ("t_ppf", [1e-50, 100.0], -28.958407312659833),
        ("t_ppf", [1e-100, 1000.0], -23.930617087826437),
        ("t_ppf", [0.7, 0.5], 1.0095258786071653),
        ("t_ppf", [1e-12, 1000000.0], -7.034572608411255),
        ("chi2_cdf", [3.84, 1.0], 0.9499564787512949),
        ("chi2_cdf", [1e-10, 3.0], 2.659615202596427e-16),
        ("chi2_cdf", [0.5, 0.3], 0.8439508329031378),
        ("chi2_sf", [3.84, 1.0], 0.05004352124870519),
        ("chi2_sf", [1400.0, 1.0], 2.1010145162644003e-306),
        ("chi2_sf", [1300.0, 2.0], 5.111951948651156e-283),
        ("chi2_sf", [14900.0, 10000.0], 9.344273987682325e-201),
        ("chi2_ppf", [0.95, 1.0], 3.841458820694124),
        ("chi2_ppf", [1e-50, 1000.0], 471.377086114167),
        ("chi2_ppf", [0.025, 1000000.0], 997230.0871432901),
        ("chi2_ppf", [0.3, 0.1], 4.0757943774653466e-11),
        ("chi2_ppf", [0.999999999999999, 4.0], 76.41693751096965),
        ("f_cdf", [2.5, 3.0, 20.0], 0.9111562480623107),
        ("f_cdf", [1e-08, 5.0, 7.0], 4.684990631097387e-20),
        ("f_sf", [2.5, 3.0, 20.0], 0.08884375193768917),
        ("f_sf", [1000.0, 3.0, 1000.0], 2.0414790948622483e-300),
        ("f_sf", [18.7, 5.0, 1000000.0], 1.2374213017253745e-18),
        ("f_sf", [1.1, 1000.0, 1000.0], 0.06599192628688223),
        ("f_ppf", [0.95, 3.0, 20.0], 3.098391212140781),
        ("f_ppf", [0.999999999999999, 3.0, 1000.0], 25.210496557663916),
        ("f_ppf", [0.99999, 1.0, 100000.0], 19.513422141010007),
        ("f_ppf", [1e-100, 10.0, 100.0], 5.011798692755641e-21),
        ("f_ppf", [0.3, 100000.0, 10.0], 0.8488283175648537),
    ]

    /// Every function, at ordinary and extreme arguments, to a relative 1e-9
    /// (the p-values deep in the tails too: t_sf at 3e-274, chi2_sf at
    /// 2e-306, f_sf at 2e-300 and, where GSL's own F tail gives 0, 1.2e-18).
    func testEveryFunctionMatchesScipy() throws {
        for (name, arguments, expected) in Self.scipyValues {
            let list = arguments.map { "\($0)" }.joined(separator: ", ")
            try assertClose("SELECT \(name)(\(list))", expected)
        }
    }

    /// scipy 1.17 gives +inf for `t.ppf(1e-300, 5)`; the quantile is
    /// −1.5683925590993378e60 (mpmath at 50 digits, bisection on
    /// 0.5·betainc(ν/2, 1/2, ν/(ν + t²)) = 1e-300).
    func testFarTailQuantileOfT() throws {
        try assertClose("SELECT t_ppf(1e-300, 5)", -1.5683925590993378e60)
    }

    /// The survival function is the upper tail itself, not 1 − cdf: where
    /// the cdf rounds to 1, sf still has its digits.
    func testSurvivalIsNotOneMinusTheCDF() throws {
        XCTAssertEqual(try real("SELECT t_cdf(36.5, 9998)"), 1)
        XCTAssertEqual(try real("SELECT chi2_cdf(1400, 1)"), 1)
        try assertClose("SELECT 2 * t_sf(abs(-36.5), 9998)", 2 * 3.075881825960322e-274)
        // scipy 1.17: stats.t.sf(37, 9998) = 2.8336231285869904e-281 (the contract's example).
        try assertClose("SELECT t_sf(37, 9998)", 2.8336231285869904e-281)
    }

    /// ppf inverts cdf (below 0.5) and sf (above), to a few ulps.
    func testQuantilesInvertTheCDF() throws {
        for p in [1e-200, 1e-20, 0.01, 0.3, 0.5, 0.8, 0.999] {
            try assertClose("SELECT t_cdf(t_ppf(\(p), 7.5), 7.5)", p, relative: 1e-12)
            try assertClose("SELECT chi2_cdf(chi2_ppf(\(p), 3), 3)", p, relative: 1e-12)
            try assertClose("SELECT f_cdf(f_ppf(\(p), 4, 9), 4, 9)", p, relative: 1e-12)
            try assertClose("SELECT normal_cdf(normal_ppf(\(p)))", p, relative: 1e-12)
        }
        // Powers of 2, so that 1 − tail is exact (1 − 1e-250 would round to 1).
        for tail in [0.25, 0x1p-10, 0x1p-47] {
            try assertClose("SELECT t_sf(t_ppf(1 - \(tail), 12), 12)", tail, relative: 1e-12)
            try assertClose("SELECT chi2_sf(chi2_ppf(1 - \(tail), 12), 12)", tail, relative: 1e-12)
            try assertClose("SELECT f_sf(f_ppf(1 - \(tail), 4, 9), 4, 9)", tail, relative: 1e-12)
        }
    }

    /// t with infinite degrees of freedom is the standard normal (scipy: t.sf(1.5, np.inf) == norm.sf(1.5)).
    func testTWithInfiniteDegreesIsNormal() throws {
        try assertClose("SELECT t_sf(1.5, 9e999)", 0.06680720126885807)
        try assertClose("SELECT t_ppf(0.975, 9e999)", 1.959963984540054)
    }

    // MARK: - Contract

    /// Rule (6): the ends of the support; rule (4): infinite x.
    func testEndsOfTheSupport() throws {
        let cases: [(String, Double)] = [
            ("normal_ppf(0)", -.infinity), ("normal_ppf(1)", .infinity), ("t_ppf(0, 3)", -.infinity), ("t_ppf(1, 3)", .infinity),
            ("t_ppf(0.5, 3)", 0), ("chi2_ppf(0, 2)", 0), ("chi2_ppf(1, 2)", .infinity), ("f_ppf(0, 2, 3)", 0), ("f_ppf(1, 2, 3)", .infinity),
            ("normal_cdf(-9e999)", 0), ("normal_cdf(9e999)", 1), ("t_cdf(-9e999, 4)", 0), ("t_sf(9e999, 4)", 0), ("t_sf(0, 4)", 0.5),
            ("chi2_cdf(-1, 2)", 0), ("chi2_sf(-1, 2)", 1), ("chi2_cdf(0, 2)", 0), ("chi2_sf(9e999, 2)", 0),
            ("f_cdf(-1, 2, 3)", 0), ("f_sf(0, 2, 3)", 1), ("f_cdf(9e999, 2, 3)", 1), ("f_sf(9e999, 2, 3)", 0),
            ("normal_sf(40)", 0), ("chi2_sf(2000, 1)", 0),
        ]
        for (call, expected) in cases {
            XCTAssertEqual(try real("SELECT \(call)"), expected, call)
        }
    }

    /// Rule (1).
    func testNullGivesNull() throws {
        for call in ["normal_cdf(NULL)", "normal_cdf(1, NULL, 2)", "normal_ppf(0.5, 0, NULL)", "t_sf(NULL, 3)", "t_cdf(1, NULL)",
                     "chi2_ppf(NULL, 2)", "f_sf(1, 2, NULL)", "f_ppf(NULL, NULL, NULL)"] {
            XCTAssertEqual(try value("SELECT \(call)"), .null, call)
        }
    }

    /// Rule (2): numbers as SQLite reads them.
    func testTextThatLooksLikeANumberIsANumber() throws {
        try assertClose("SELECT t_sf('2.1', '28')", 0.022431612064458522)
    }

    /// Rules (2) and (3): the error names the function and the argument.
    func testInvalidArgumentsAreErrors() {
        let cases: [(String, String)] = [
            ("normal_cdf('abc')", "normal_cdf(): first argument (x) must be a number"),
            ("t_cdf(1, x'00')", "t_cdf(): second argument (df) must be a number"),
            ("t_cdf(1, 0)", "t_cdf(): second argument (df) must be a number greater than 0, not 0"),
            ("t_sf(1, -2.5)", "t_sf(): second argument (df) must be a number greater than 0, not -2.5"),
            ("t_ppf(1.5, 3)", "t_ppf(): first argument (p) must be a number between 0 and 1, not 1.5"),
            ("t_ppf(-0.1, 3)", "t_ppf(): first argument (p) must be a number between 0 and 1, not -0.1"),
            ("normal_ppf(2)", "normal_ppf(): first argument (p) must be a number between 0 and 1, not 2"),
            ("normal_cdf(1, 0, 0)", "normal_cdf(): third argument (sd) must be a finite number greater than 0, not 0"),
            ("normal_sf(1, 9e999, 1)", "normal_sf(): second argument (mean) must be a finite number, not 9e999"),
            ("chi2_cdf(1, -1)", "chi2_cdf(): second argument (df) must be a finite number greater than 0, not -1"),
            ("chi2_sf(1, 9e999)", "chi2_sf(): second argument (df) must be a finite number greater than 0, not 9e999"),
            ("chi2_ppf(2, 1)", "chi2_ppf(): first argument (p) must be a number between 0 and 1, not 2"),
            ("f_cdf(1, 0, 3)", "f_cdf(): second argument (df1) must be a finite number greater than 0, not 0"),
            ("f_sf(1, 3, -4)", "f_sf(): third argument (df2) must be a finite number greater than 0, not -4"),
            ("f_ppf(-1, 3, 4)", "f_ppf(): first argument (p) must be a number between 0 and 1, not -1"),
        ]
        for (call, message) in cases {
            XCTAssertEqual(error("SELECT \(call)"), message, call)
        }
    }

    /// The functions are deterministic, so they may be used in an index or a generated column.
    func testUsableInGeneratedColumns() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE z (x REAL, p REAL GENERATED ALWAYS AS (2 * normal_sf(abs(x))))")
            try db.execute(sql: "INSERT INTO z (x) VALUES (1.959963984540054)")
        }
        try assertClose("SELECT p FROM z", 0.05, relative: 1e-12)
    }
}
