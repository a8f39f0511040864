@testable import StorePlots
import XCTest

/// Bin edges and counts against numpy 2.4.6: `np.histogram_bin_edges(x,
/// bins=rule)` and `np.histogram(x, bins=rule)[0]` on the same values,
/// built here and in Python by the same formulas.
final class HistogramBinsTests: XCTestCase {
    /// `[((i*7919) % 1000) / 10.0 + ((i % 13)**2) / 3.0 for i in range(500)]`
    static let a: [Double] = (0..<500).map { (i: Int) -> Double in
        let wave = Double((i * 7919) % 1000)
        let square = Double((i % 13) * (i % 13))
        return wave / 10.0 + square / 3.0
    }
    /// `np.array([(i*31) % 17 for i in range(300)])`, an integer array.
    static let b: [Double] = (0..<300).map { Double(($0 * 31) % 17) }
    /// `[((i % 50)**3) / 1000.0 + 1.0 for i in range(400)]`, skewed.
    static let d: [Double] = (0..<400).map { (i: Int) -> Double in
        let cube = Double((i % 50) * (i % 50) * (i % 50))
        return cube / 1000.0 + 1.0
    }

    /// numpy's (bin count, second edge, last edge, counts) for a rule.
    func check(_ values: [Double], _ rule: BinRule, bins: Int, second: Double, last: Double, counts: [Int],
               file: StaticString = #filePath, line: UInt = #line) {
        var copy = values
        let summary = ValueSummary.of(&copy, for: .rule(rule))
        let edges = HistogramBins(summary, choice: .rule(rule))
        XCTAssertEqual(edges.count, bins, "\(rule) bins", file: file, line: line)
        XCTAssertEqual(edges.edges[1], second, accuracy: abs(second) * 1e-14, "\(rule) second edge", file: file, line: line)
        XCTAssertEqual(edges.last, last, "\(rule) last edge", file: file, line: line)
        XCTAssertEqual(edges.counts(values), counts, "\(rule) counts", file: file, line: line)
    }

    // MARK: - Every rule on real-valued data

    func testRulesOnSpreadValues() {
        check(Self.a, .auto, bins: 12, second: 12.125, last: 145.5, counts: [22, 34, 49, 54, 59, 63, 63, 58, 48, 26, 15, 9])
        check(Self.a, .fd, bins: 12, second: 12.125, last: 145.5, counts: [22, 34, 49, 54, 59, 63, 63, 58, 48, 26, 15, 9])
        check(Self.a, .sturges, bins: 10, second: 14.55, last: 145.5, counts: [27, 47, 62, 73, 72, 72, 73, 41, 23, 10])
        check(Self.a, .rice, bins: 16, second: 9.09375, last: 145.5, counts: [13, 26, 31, 35, 36, 47, 48, 45, 44, 49, 47, 29, 18, 17, 10, 5])
        check(Self.a, .scott, bins: 11, second: 13.227272727272727, last: 145.5, counts: [23, 45, 48, 66, 63, 71, 64, 61, 31, 19, 9])
        check(Self.a, .doane, bins: 11, second: 13.227272727272727, last: 145.5, counts: [23, 45, 48, 66, 63, 71, 64, 61, 31, 19, 9])
    }

    func testRulesOnSkewedValues() {
        check(Self.d, .auto, bins: 10, second: 12.7649, last: 118.649, counts: [184, 48, 32, 32, 16, 24, 16, 16, 16, 16])
        check(Self.d, .fd, bins: 9, second: 14.072111111111111, last: 118.649, counts: [192, 48, 32, 32, 24, 16, 24, 16, 16])
        check(Self.d, .sqrt, bins: 20, second: 6.88245, last: 118.649,
              counts: [152, 32, 32, 16, 16, 16, 16, 16, 8, 8, 16, 8, 8, 8, 8, 8, 8, 8, 8, 8])
        check(Self.d, .scott, bins: 8, second: 15.706125, last: 118.649, counts: [200, 48, 40, 24, 24, 24, 16, 24])
        check(Self.d, .doane, bins: 13, second: 10.049923076923077, last: 118.649, counts: [168, 48, 32, 24, 16, 16, 16, 16, 16, 8, 16, 8, 16])
    }

    func testIntegerValuesGetBinsAtLeastOneWide() {
        // sqrt wants 17/√300 ≈ 0.98 wide; numpy widens it to 1 for integers: 16 bins.
        check(Self.b, .sqrt, bins: 16, second: 1.0, last: 16.0, counts: [18, 17, 18, 17, 18, 18, 17, 18, 18, 17, 18, 18, 17, 18, 18, 35])
        check(Self.b, .auto, bins: 10, second: 1.6, last: 16.0, counts: [35, 35, 18, 35, 18, 35, 36, 17, 36, 35])
        check(Self.b, .fd, bins: 7, second: 2.2857142857142856, last: 16.0, counts: [53, 35, 35, 53, 36, 35, 53])
    }

    // MARK: - Edges and NULL / empty / constant input

    func testConstantValuesGetOneBinAroundThem() {
        check(Array(repeating: 4.0, count: 10), .auto, bins: 1, second: 4.5, last: 4.5, counts: [10])
        let bins = HistogramBins(ValueSummary(count: 0, minimum: .infinity, maximum: -.infinity), choice: .count(5))
        XCTAssertEqual(bins.edges, [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1], "numpy: histogram_bin_edges([], 5)")
    }

    func testValuesOnTheEdgesAsNumpyBinsThem() {
        // numpy: np.histogram([0.0, 0.1, …, 1.0] (0.1 * 3 as 0.30000000000000004), bins=10)[0]
        let values = [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        let bins = HistogramBins(first: 0, last: 1, bins: 10)
        XCTAssertEqual(bins.counts(values), [1, 1, 1, 1, 1, 2, 1, 0, 1, 2])
        // np.histogram_bin_edges([0.1, …, 0.7], bins=3) and its counts: the last bin holds its right edge.
        let seven = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
        var copy = seven
        let three = HistogramBins(ValueSummary.of(&copy, for: .count(3)), choice: .count(3))
        XCTAssertEqual(three.edges, [0.1, 0.3, 0.5, 0.7])
        XCTAssertEqual(three.counts(seven), [2, 2, 3])
    }

    func testBinChoiceParsesCountsAndRules() {
        XCTAssertEqual(BinChoice("auto"), .rule(.auto))
        XCTAssertEqual(BinChoice("30"), .count(30))
        XCTAssertNil(BinChoice("0"))
        XCTAssertNil(BinChoice("stone"))
    }

    // MARK: - Quantiles by selection

    func testQuantilesMatchNumpyPercentile() {
        // numpy 2.4.6: np.percentile(a, 25), (a, 75); np.percentile(d, 10), (d, 50), (d, 90)
        var a = Self.a
        let quartiles = OrderStatistics.quantiles(&a, [0.25, 0.75])
        XCTAssertEqual(quartiles[0], 41.28333333333333)
        XCTAssertEqual(quartiles[1], 91.6)
        var d = Self.d
        let deciles = OrderStatistics.quantiles(&d, [0.1, 0.5, 0.9])
        XCTAssertEqual(deciles[0], 1.1189000000000004, accuracy: 1e-15)
        XCTAssertEqual(deciles[1], 15.724499999999999, accuracy: 1e-14)
        XCTAssertEqual(deciles[2], 86.77810000000014, accuracy: 1e-13)
    }

    func testSelectionAgreesWithSortingOnManyValues() {
        var random = SystemRandomNumberGenerator()
        var values = (0..<200_000).map { _ in Double(Int.random(in: 0..<5000, using: &random)) / 7 }
        let sorted = values.sorted()
        let found = OrderStatistics.quantiles(&values, [0.25, 0.5, 0.75, 1])
        for (p, value) in zip([0.25, 0.5, 0.75, 1.0], found) {
            let position = Double(sorted.count - 1) * p
            let lower = Int(position)
            let t = position - Double(lower)
            let expected = t == 0 ? sorted[lower] : sorted[lower] + (sorted[lower + 1] - sorted[lower]) * t
            XCTAssertEqual(value, expected, accuracy: 1e-9, "p = \(p)")
        }
    }
}
