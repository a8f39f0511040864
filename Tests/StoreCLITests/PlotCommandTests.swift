import Foundation
import StoreImages
import XCTest

/// `store plot KIND` and `store report --html`: the files they write
/// (decoded back with libpng), what they print, and their errors, which
/// write nothing.
final class PlotCommandTests: XCTestCase {
    var store: StoreRunner!

    /// 40 rows: y is 1 exactly when x > 20; g cycles through a, b, c; one x is NULL.
    override func setUpWithError() throws {
        store = try StoreRunner()
        var rows = (1...40).map { "\($0),\($0 * $0 % 17),\($0 > 20 ? 1 : 0),\(["a", "b", "c"][$0 % 3]),\($0 % 4 == 0 ? "test" : "train")" }
        rows[6] = "NA,3,0,b,train"
        try store.write("d.csv", "x,noise,y,g,split\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(try store.run(["ingest", "csv", "d.csv", "--table", "d"]).status, 0)
    }

    /// Runs `store plot ARGUMENTS`, expecting success.
    @discardableResult
    func plot(_ arguments: [String]) throws -> String {
        let result = try store.run(["plot"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    func image(_ name: String) throws -> DecodedImage {
        try ImageDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: store.path(name)))))
    }

    /// Runs a failing `store ARGUMENTS` and returns its error line; `status`
    /// is 64 for a usage error found before the store is opened.
    func failure(_ arguments: [String], status: Int32 = 1) throws -> String {
        let result = try store.run(arguments)
        XCTAssertEqual(result.status, status, "\(arguments) fails")
        XCTAssertEqual(result.stdout, "")
        return result.stderr
    }

    // MARK: - Table plots

    func testHistWritesAPNGAndSaysWhatItDrew() throws {
        let out = try plot(["hist", "d", "--column", "x", "--out", "h.png"])
        XCTAssertTrue(out.hasPrefix("wrote h.png (800 × 600 PNG, "), out)
        // numpy: histogram_bin_edges of the 39 values 1…40 without 7, bins='auto' → sturges: 7 bins.
        XCTAssertTrue(out.contains("): 39 values of x in 7 bins, 1 NULL left out, read in "), out)
        let png = try image("h.png")
        XCTAssertEqual([png.width, png.height, png.channels], [800, 600, 3])
    }

    func testEveryTablePlotWithItsOptions() throws {
        try plot(["hist", "d", "--column", "x", "--by", "g", "--bins", "fd", "--density", "--out", "hg.svg"])
        let svg = try String(contentsOfFile: store.path("hg.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains(">x by g</text>"))
        XCTAssertTrue(svg.contains(">density</text>"))
        XCTAssertTrue(svg.contains(">g = a (13)</text>"), "the legend names each group and its values")
        let box = try plot(["box", "d", "--column", "x", "--by", "g", "--out", "b.png", "--width", "640", "--height", "480"])
        XCTAssertTrue(box.contains(": 3 boxes of x over 39 values, 0 outliers"), box)
        XCTAssertEqual(try image("b.png").width, 640)
        let scatter = try plot(["scatter", "d", "--x", "x", "--y", "noise", "--by", "y", "--sample", "10", "--out", "s.png", "--dpi", "192"])
        XCTAssertTrue(scatter.contains(": 10 of 39 rows (sample, seed 0), 1 row with a NULL left out"), scatter)
        XCTAssertEqual([try image("s.png").width, try image("s.png").height], [1600, 1200])
        let bar = try plot(["bar", "d", "--column", "y", "--out", "bar.svg", "--title", "Class balance"])
        XCTAssertTrue(bar.contains(": 2 values of y over 40 rows"), bar)
        let barSVG = try String(contentsOfFile: store.path("bar.svg"), encoding: .utf8)
        XCTAssertTrue(barSVG.contains(">Class balance</text>"))
        XCTAssertTrue(barSVG.contains(">20 (50.0 %)</text>"), "the counts printed on the bars")
        let heatmap = try plot(["heatmap", "d", "--out", "c.png"])
        XCTAssertTrue(heatmap.contains(": Pearson correlation of 3 columns: x, noise, y"), heatmap)
        let query = try plot(["hist", "--sql", "SELECT x * 2 AS doubled FROM d WHERE g = 'a'", "--out", "q.png"])
        XCTAssertTrue(query.contains(": 13 values of doubled in "), query)
    }

    // MARK: - Model plots and the report

    func testModelPlotsAndTheHTMLReport() throws {
        XCTAssertEqual(try store.run(["train", "--view", "d", "--target", "y", "--name", "m", "--impute", "median", "--encode", "onehot"]).status, 0)
        for kind in ["confusion", "roc", "pr", "importance", "calibration"] {
            let out = try plot([kind, "--model", "m", "--out", "\(kind).png"])
            XCTAssertTrue(out.hasPrefix("wrote \(kind).png (800 × 600 PNG, "), out)
            XCTAssertEqual(try image("\(kind).png").width, 800, kind)
        }
        let normalized = try plot(["confusion", "--model", "m", "--split", "train", "--normalize", "--out", "n.svg"])
        XCTAssertTrue(normalized.hasSuffix("confusion matrix of m version 1 on train, normalized by row\n"), normalized)
        XCTAssertTrue(try failure(["plot", "learning", "--model", "m", "--out", "l.png"])
            .hasPrefix("Error: 'm' version 1 has no per-epoch log: it is a logistic_regression model, which is not trained in epochs"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.path("l.png")))
        // Rows a trainer in epochs would write: then the curves are drawn.
        let log = (1...4).map { "(1, NULL, \($0), 'train', \(1.0 / Double($0)), 0.\(5 + $0), 0.1, 0.001), (1, NULL, \($0), 'validation', \(1.5 / Double($0)), 0.\(4 + $0), 0.01, 0.001)" }
        XCTAssertEqual(try store.run(["sql", "INSERT INTO training_log VALUES " + log.joined(separator: ", ")]).status, 0)
        let learning = try plot(["learning", "--model", "m", "--out", "l.svg"])
        XCTAssertTrue(learning.hasSuffix("learning curves of m version 1 over 4 epochs\n"), learning)
        let curves = try String(contentsOfFile: store.path("l.svg"), encoding: .utf8)
        for label in [">loss</text>", ">accuracy</text>", ">train</text>", ">validation</text>", ">epoch</text>"] {
            XCTAssertTrue(curves.contains(label), label)
        }

        let report = try store.run(["report", "--model", "m", "--html", "m.html"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.hasPrefix("wrote m.html ("), report.stdout)
        let page = try String(contentsOfFile: store.path("m.html"), encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<h2>Confusion matrix and curves (test)</h2>"))
        XCTAssertFalse(page.contains("<script"))
        XCTAssertTrue(try failure(["report", "--model", "m", "--html", "missing/m.html"]).hasPrefix("Error: cannot write missing/m.html: the folder "))
    }

    // MARK: - Errors write nothing

    func testErrorsNameWhatIsMissingAndWriteNothing() throws {
        try store.write("kept.png", "an older file")
        XCTAssertEqual(try failure(["plot", "hist", "nope", "--column", "x", "--out", "kept.png"]),
                       "Error: no table or view named 'nope' in this store. `store tables` lists them.\n")
        XCTAssertEqual(try failure(["plot", "hist", "d", "--column", "z", "--out", "kept.png"]),
                       "Error: 'd' has no column 'z'; its columns are row_id, x, noise, y, g, split.\n")
        XCTAssertEqual(try failure(["plot", "roc", "--model", "nope", "--out", "kept.png"]),
                       "Error: no model named 'nope'. There are no models yet; train one with store train.\n")
        XCTAssertEqual(try failure(["plot", "hist", "--sql", "SELECT x FROM d WHERE x > 100", "--out", "kept.png"]),
                       "Error: nothing to plot: 'x' of the --sql query has no values (0 NULL).\n")
        XCTAssertTrue(try failure(["plot", "hist", "d", "--column", "g", "--out", "kept.png"]).hasPrefix("Error: 'g' of 'd' holds text ('b'), not numbers."))
        XCTAssertEqual(try String(contentsOfFile: store.path("kept.png"), encoding: .utf8), "an older file", "the file is as it was")
        XCTAssertEqual(try failure(["plot", "hist", "d", "--column", "x", "--out", "h.jpg"]),
                       "Error: --out h.jpg: a plot is written as .png or .svg; give a file name ending in one of them.\n")
        XCTAssertTrue(try failure(["plot", "hist", "d", "--column", "x", "--out", "no/h.png"]).hasPrefix("Error: cannot write no/h.png: the folder "))
        XCTAssertTrue(try failure(["plot", "hist", "d", "--column", "x", "--bins", "many", "--out", "h.png"], status: 64)
            .hasPrefix("Error: --bins takes a positive number or one of auto, fd, sturges, sqrt, rice, scott, doane, not 'many'."))
        XCTAssertTrue(try failure(["plot", "hist", "--column", "x", "--out", "h.png"], status: 64).hasPrefix("Error: Name a table or view, or give a query with --sql"))
        let files = try FileManager.default.contentsOfDirectory(atPath: store.folder.path).filter { $0.hasSuffix(".png") || $0.hasSuffix(".svg") }
        XCTAssertEqual(files, ["kept.png"], "no plot file, whole or partial")
    }

    func testPlotHelpListsTheKinds() throws {
        let help = try store.run(["plot", "--help"]).stdout
        let kinds = StoreCLITests.subcommands(inHelp: help).map(\.name)
        XCTAssertEqual(kinds, ["hist", "box", "scatter", "bar", "heatmap", "confusion", "roc", "pr", "importance", "learning", "calibration"])
    }
}
