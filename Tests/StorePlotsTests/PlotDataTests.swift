import GRDB
import StoreCore
import StoreFunctions
@testable import StorePlots
import StoreTestSupport
import XCTest

/// The plots' data read from a store: rows inserted with SQL, results
/// against numpy, pandas and matplotlib on the same values.
final class PlotDataTests: XCTestCase {
    var folder: TestFolder!
    var store: StoreFile!

    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("store.db"), setup: StoreFunctions.setup)
        // t: x = HistogramBinsTests.a (500 values) with 5 NULLs after them,
        // g alternating 'even'/'odd', y = 2x + 1, label text.
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (row_id INTEGER PRIMARY KEY, x REAL, y REAL, g TEXT, label TEXT)")
            let insert = try db.makeStatement(sql: "INSERT INTO t (x, y, g, label) VALUES (?, ?, ?, ?)")
            for (index, value) in HistogramBinsTests.a.enumerated() {
                try insert.execute(arguments: [value, 2 * value + 1, index % 2 == 0 ? "even" : "odd", "v\(index % 3)"])
            }
            for _ in 0..<5 { try insert.execute(arguments: [nil, 1, "even", "v0"]) }
            try db.execute(sql: "CREATE TABLE empty (x REAL)")
        }
    }

    func read<T>(_ work: (Database) throws -> T) throws -> T {
        try store.queue.read(work)
    }

    func message(_ work: (Database) throws -> Any) -> String {
        do {
            _ = try store.queue.read(work)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    // MARK: - Histograms

    func testHistogramOfATableIsNumpysHistogram() throws {
        let reading = try read { db in try Histogram.read(.table("t"), column: "x", in: db) }
        XCTAssertEqual(reading.values, 500)
        XCTAssertEqual(reading.nulls, 5)
        // numpy 2.4.6: np.histogram(a, bins='auto')
        XCTAssertEqual(reading.histogram.series[0].counts, [22, 34, 49, 54, 59, 63, 63, 58, 48, 26, 15, 9])
        XCTAssertEqual(reading.histogram.bins.edges[1], 12.125)
    }

    func testHistogramByGroupSharesTheBinsOfAllValues() throws {
        let grouped = try read { db in try Histogram.read(.table("t"), column: "x", by: "g", bins: .count(4), in: db) }.histogram
        let all = try read { db in try Histogram.read(.table("t"), column: "x", bins: .count(4), in: db) }.histogram
        XCTAssertEqual(grouped.bins, all.bins)
        XCTAssertEqual(grouped.series.map(\.name), ["even", "odd"])
        XCTAssertEqual(grouped.series.map(\.total), [250, 250])
        XCTAssertEqual(zip(grouped.series[0].counts, grouped.series[1].counts).map { $0 + $1 }, all.series[0].counts)
        // Counted by hand in SQL with numpy's edges (the last bin holds its right edge).
        let edges = all.bins.edges
        let even = try read { db in
            try (0..<4).map { bin in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE g = 'even' AND x >= ? AND (x < ? OR (? AND x <= ?))",
                                 arguments: [edges[bin], edges[bin + 1], bin == 3, edges[bin + 1]]) ?? -1
            }
        }
        XCTAssertEqual(grouped.series[0].counts, even)
    }

    func testHistogramOfAQueryAndDensity() throws {
        let reading = try read { db in
            try Histogram.read(.query("SELECT x FROM t WHERE g = 'odd';"), column: "X", bins: .count(5), density: true, in: db)
        }
        let histogram = reading.histogram
        XCTAssertEqual(reading.values, 250)
        XCTAssertEqual(histogram.column, "x", "the column as stored")
        // numpy's density integrates to 1.
        let area = (0..<5).reduce(0.0) { $0 + histogram.height(histogram.series[0], $1) * (histogram.bins.edges[$1 + 1] - histogram.bins.edges[$1]) }
        XCTAssertEqual(area, 1, accuracy: 1e-12)
    }

    func testHistogramErrorsNameWhatIsWrong() {
        XCTAssertEqual(message { db in try Histogram.read(.table("nope"), column: "x", in: db) },
                       "no table or view named 'nope' in this store. `store tables` lists them.")
        XCTAssertEqual(message { db in try Histogram.read(.table("t"), column: "z", in: db) },
                       "'t' has no column 'z'; its columns are row_id, x, y, g, label.")
        XCTAssertEqual(message { db in try Histogram.read(.table("empty"), column: "x", in: db) },
                       "nothing to plot: 'x' of 'empty' has no values (0 NULL).")
        XCTAssertTrue(message { db in try Histogram.read(.table("t"), column: "label", in: db) }
            .hasPrefix("'label' of 't' holds text ('v0'), not numbers."))
        XCTAssertTrue(message { db in try Histogram.read(.table("t"), column: "x", by: "row_id", in: db) }
            .hasPrefix("--by row_id: 't' has more than 8 values in 'row_id'"))
        XCTAssertTrue(message { db in try Histogram.read(.query("DELETE FROM t"), column: "x", in: db) }
            .hasPrefix("--sql: give one SELECT statement"))
        XCTAssertTrue(message { db in try Histogram.read(.query("SELECT nonsense FROM"), column: "x", in: db) }
            .hasPrefix("--sql: "))
        XCTAssertEqual(message { db in try Histogram.read(.query("SELECT x FROM t WHERE x > 1e9"), column: "x", in: db) },
                       "nothing to plot: 'x' of the --sql query has no values (0 NULL).")
    }

    func testInfiniteValuesAreRefused() throws {
        try store.queue.write { db in try db.execute(sql: "INSERT INTO t (x) VALUES (1e999)") }
        XCTAssertTrue(message { db in try Histogram.read(.table("t"), column: "x", in: db) }.hasPrefix("'x' of 't' holds infinite values"))
    }

    // MARK: - Box plots

    func testBoxPlotStatsAreMatplotlibs() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE b (v REAL, g TEXT)")
            for value in (1...20).map(Double.init) + [100, -40] {
                try db.execute(sql: "INSERT INTO b VALUES (?, 'a')", arguments: [value])
            }
            for value in (0..<30).map({ Double(($0 * 7) % 11) * 1.5 }) + [60] {
                try db.execute(sql: "INSERT INTO b VALUES (?, 'b')", arguments: [value])
            }
            try db.execute(sql: "INSERT INTO b VALUES (1000, NULL)")
        }
        let plot = try read { db in try BoxPlot.read(.table("b"), column: "v", by: "g", in: db) }
        // matplotlib 3.11.2: cbook.boxplot_stats(a, whis=1.5): q1 5.25, med 10.5, q3 15.75, whislo 1, whishi 20, fliers [-40, 100]
        XCTAssertEqual(plot.boxes[0], BoxPlot.Box(name: "a", count: 22, q1: 5.25, median: 10.5, q3: 15.75, lowerWhisker: 1, upperWhisker: 20, outliers: [100, -40]))
        // b: q1 3.75, med 7.5, q3 12.0, whislo 0.0, whishi 15.0, fliers [60]
        XCTAssertEqual(plot.boxes[1], BoxPlot.Box(name: "b", count: 31, q1: 3.75, median: 7.5, q3: 12, lowerWhisker: 0, upperWhisker: 15, outliers: [60]))
        XCTAssertEqual(plot.boxes.count, 2, "the NULL group is left out, as pandas' groupby leaves it")
        let whole = try read { db in try BoxPlot.read(.table("b"), column: "v", in: db) }
        XCTAssertEqual(whole.boxes.map(\.count), [54])
        XCTAssertTrue(message { db in try BoxPlot.read(.table("t"), column: "label", in: db) }.hasPrefix("'label' of 't' holds text"))
        XCTAssertEqual(message { db in try BoxPlot.read(.table("empty"), column: "x", in: db) }, "nothing to plot: 'x' of 'empty' has no values.")
    }

    // MARK: - Scatter, bars, correlation

    func testScatterSampleIsTheSameForTheSameSeed() throws {
        let first = try read { db in try ScatterPlot.read(.table("t"), x: "x", y: "y", sample: 100, seed: 7, in: db) }
        let again = try read { db in try ScatterPlot.read(.table("t"), x: "x", y: "y", sample: 100, seed: 7, in: db) }
        let other = try read { db in try ScatterPlot.read(.table("t"), x: "x", y: "y", sample: 100, seed: 8, in: db) }
        XCTAssertEqual(first.rows, 500)
        XCTAssertEqual(first.drawn, 100)
        XCTAssertEqual(first.nulls, 5)
        XCTAssertEqual(first.plot.series[0].points, again.plot.series[0].points)
        XCTAssertNotEqual(first.plot.series[0].points, other.plot.series[0].points)
        // Every drawn point is a row: y = 2x + 1.
        XCTAssertTrue(first.plot.series[0].points.allSatisfy { $0.y == 2 * $0.x + 1 })
        let all = try read { db in try ScatterPlot.read(.table("t"), x: "x", y: "y", by: "g", sample: 0, in: db) }
        XCTAssertEqual(all.plot.series.map(\.points.count), [250, 250])
    }

    func testValueCountsKeepNullAndTheMostFrequent() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE c (k)")
            for value in ["b", "a", "b", nil, "c", "b", "a"] as [String?] {
                try db.execute(sql: "INSERT INTO c VALUES (?)", arguments: [value])
            }
        }
        let counts = try read { db in try ValueCounts.read(.table("c"), column: "k", in: db) }
        XCTAssertEqual(counts.values.map(\.label), ["NULL", "a", "b", "c"])
        XCTAssertEqual(counts.values.map(\.count), [1, 2, 3, 1])
        let top = try read { db in try ValueCounts.read(.table("c"), column: "k", limit: 2, in: db) }
        XCTAssertEqual(top.values.map(\.label), ["b", "a"])
        XCTAssertEqual([top.otherValues, top.otherRows], [2, 2])
    }

    func testCorrelationOfTheNumericColumns() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE r (row_id INTEGER PRIMARY KEY, x, y, name TEXT, flat)")
            for (x, y) in zip(1...10, [2, 4, 5, 4, 5, 7, 8, 9, 12, 10]) {
                try db.execute(sql: "INSERT INTO r (x, y, name, flat) VALUES (?, ?, 'n', 3)", arguments: [x, y])
            }
        }
        let heatmap = try read { db in try MatrixHeatmap.correlation(.table("r"), columns: nil, in: db) }
        XCTAssertEqual(heatmap.columns, ["x", "y", "flat"], "row_id and the text column are left out")
        // numpy: np.corrcoef(x, y)[0, 1]
        XCTAssertEqual(heatmap.values[0][1] ?? 0, 0.9484881559527892, accuracy: 1e-15)
        XCTAssertEqual(heatmap.values[1][0], heatmap.values[0][1])
        XCTAssertNil(heatmap.values[0][2], "a constant column's correlation is undefined (pandas: NaN)")
        XCTAssertEqual(message { db in try MatrixHeatmap.correlation(.table("r"), columns: ["x", "name"], in: db) },
                       "'name' of 'r' is not numeric (it holds text); a correlation needs numbers.")
        XCTAssertTrue(message { db in try MatrixHeatmap.correlation(.table("empty"), columns: nil, in: db) }.hasPrefix("nothing to plot: 'empty' has 0 numeric columns"))
    }
}
