@testable import StorePlots
import StoreImages
import XCTest

/// Every kind of plot drawn by cairo to PNG and decoded back with libpng:
/// its size, and that bars and cells sit where the data says; and the SVG
/// text: it holds the labels.
final class RenderingTests: XCTestCase {
    /// A histogram of known counts on five bins of width 1 from 0.
    static func histogram(_ counts: [Int]) -> Histogram {
        Histogram(column: "income", bins: HistogramBins(first: 0, last: Double(counts.count), bins: counts.count),
                  series: [.init(name: "income", counts: counts)])
    }

    // MARK: - Bars where the data says

    func testHistogramBarsHavePixelHeightsProportionalToTheirCounts() throws {
        let counts = [3, 9, 6, 12, 1]
        for dpi in [96.0, 192.0] {
            let png = try RenderedPNG(Self.histogram(counts).figure(title: nil, width: 640, height: 480), dpi: dpi)
            XCTAssertEqual(png.image.width, Int(640 * dpi / 96))
            XCTAssertEqual(png.image.height, Int(480 * dpi / 96))
            let layout = png.layouts[0]
            let heights = counts.indices.map { bin in
                png.columnHeight(Int(layout.x(Double(bin) + 0.5, png.plot) * png.scale), Palette.color(0))
            }
            // The y axis runs from 0 to 12 · 1.05: each bar is count / 12.6 of the plot's height.
            for (count, height) in zip(counts, heights) {
                let expected = Double(count) / 12.6 * png.plot.height * png.scale
                XCTAssertEqual(Double(height), expected, accuracy: 2 * png.scale, "bar of \(count) at dpi \(dpi): \(heights)")
                XCTAssertEqual(Double(height) / Double(heights[3]), Double(count) / 12, accuracy: 0.02)
            }
        }
    }

    func testBarChartBarsTakeTheirCountsHeightsAndClassColours() throws {
        let counts = ValueCounts(column: "default_", values: [("0", 8000), ("1", 2000)])
        let png = try RenderedPNG(counts.figure(title: nil, width: 640, height: 480))
        let layout = png.layouts[0]
        let heights = [0, 1].map { png.columnHeight(Int(layout.x(Double($0), png.plot)), Palette.color($0)) }
        XCTAssertEqual(Double(heights[1]) / Double(heights[0]), 0.25, accuracy: 0.01, "\(heights)")
        guard case .numeric(_, let upper) = png.layouts[0].panel.y.kind else { return XCTFail("a numeric y axis") }
        XCTAssertEqual(Double(heights[0]), 8000 / upper * png.plot.height, accuracy: 2)
    }

    func testScatterPointsSitAtTheirValues() throws {
        let plot = ScatterPlot(xColumn: "x", yColumn: "y", groupColumn: "g", series: [
            .init(name: "a", points: [DataPoint(1, 1), DataPoint(9, 9)]),
            .init(name: "b", points: [DataPoint(9, 1)]),
        ])
        let png = try RenderedPNG(plot.figure(title: nil, width: 640, height: 480))
        let layout = png.layouts[0]
        func color(at point: DataPoint) -> (Int, Int, Int) {
            png.pixel(layout.x(point.x, png.plot), layout.y(point.y, png.plot))
        }
        // Markers are the group colour at 80 % over white: blue-dominant for a, orange for b.
        let a = color(at: DataPoint(1, 1))
        XCTAssertGreaterThan(a.2, a.0 + 80, "group a's marker is blue: \(a)")
        let b = color(at: DataPoint(9, 1))
        XCTAssertGreaterThan(b.0, b.2 + 80, "group b's marker is orange: \(b)")
        let empty = color(at: DataPoint(1, 9))
        XCTAssertTrue(empty.0 > 200 && empty.1 > 200 && empty.2 > 200, "no marker where there is no point: \(empty)")
    }

    // MARK: - Cells where the data says

    func testConfusionHeatmapsDarkestCellHoldsTheLargestCount() throws {
        let counts = [[50, 3, 7], [4, 80, 1], [10, 2, 30]]
        let heatmap = MatrixHeatmap.confusion(model: "m", split: "test", classes: ["a", "b", "c"], counts: counts, normalized: false)
        let png = try RenderedPNG(heatmap.figure(title: nil, width: 640, height: 480))
        let layout = png.layouts[0]
        var cells: [(count: Int, luminance: Double)] = []
        for (row, values) in counts.enumerated() {
            for (column, count) in values.enumerated() {
                // Off the printed number: a quarter cell below the centre.
                let x = layout.x(Double(column), png.plot)
                let y = layout.y(Double(row) + 0.3, png.plot)
                cells.append((count, png.luminance(x, y)))
            }
        }
        let darkest = cells.min { $0.luminance < $1.luminance }
        XCTAssertEqual(darkest?.count, 80)
        // Darker with every larger count.
        let byCount = cells.sorted { $0.count < $1.count }.map(\.luminance)
        XCTAssertEqual(byCount, byCount.sorted(by: >), "\(cells)")
        // The first row is actual 'a' at the top: the cell of 50 is above the cell of 10.
        XCTAssertLessThan(layout.y(0, png.plot), layout.y(2, png.plot))
    }

    func testCorrelationCellsAreRedForPositiveBlueForNegativeWhiteForZero() throws {
        let heatmap = MatrixHeatmap.correlation(["a", "b", "c"], [[1, -0.9, 0], [-0.9, 1, 0.5], [0, 0.5, 1]])
        let png = try RenderedPNG(heatmap.figure(title: nil, width: 640, height: 480))
        let layout = png.layouts[0]
        func cell(_ row: Int, _ column: Int) -> (Int, Int, Int) {
            png.pixel(layout.x(Double(column), png.plot), layout.y(Double(row) + 0.3, png.plot))
        }
        let positive = cell(0, 0)
        XCTAssertGreaterThan(positive.0, positive.2 + 50, "+1 is red: \(positive)")
        let negative = cell(0, 1)
        XCTAssertGreaterThan(negative.2, negative.0 + 50, "−0.9 is blue: \(negative)")
        let zero = cell(0, 2)
        XCTAssertTrue(zero.0 > 230 && zero.1 > 230 && zero.2 > 230, "0 is near white: \(zero)")
        // The cells are square.
        let width = layout.x(1, png.plot) - layout.x(0, png.plot)
        let height = layout.y(1, png.plot) - layout.y(0, png.plot)
        XCTAssertEqual(width, abs(height), accuracy: 0.01)
    }

    // MARK: - Every kind, its size

    static var everyKind: [(String, Figure)] {
        let roc = ROCCurves(model: "m", split: "test", curves: [.init(label: "1", points: [DataPoint(0, 0), DataPoint(0, 0.5), DataPoint(0.5, 0.5), DataPoint(0.5, 1), DataPoint(1, 1)])])
        let pr = PrecisionRecallCurves(model: "m", split: "test", curves: [.init(label: "1", points: [DataPoint(1, 0.5), DataPoint(1, 2.0 / 3), DataPoint(0.5, 0.5), DataPoint(0.5, 1), DataPoint(0, 1)], prevalence: 0.5)])
        let calibration = CalibrationCurves(model: "m", split: "test", curves: [.init(label: "1", points: [DataPoint(0.1, 0.2), DataPoint(0.7, 0.6)], rows: 40)])
        let learning = LearningCurves(model: "net", epochs: (1...5).flatMap { epoch in
            ["train", "validation"].map { LearningCurves.Epoch(epoch: epoch, split: $0, loss: 1 / Double(epoch), accuracy: 1 - 0.5 / Double(epoch)) }
        })
        let importance = FeatureImportances(model: "m", method: "permutation", features: [.init(name: "age", importance: 0.2, std: 0.01), .init(name: "income", importance: 0.05, std: 0.02)])
        let box = BoxPlot(column: "income", groupColumn: nil, boxes: [.init(name: "income", count: 20, q1: 5.25, median: 10.5, q3: 15.75, lowerWhisker: 1, upperWhisker: 20, outliers: [-40, 100])])
        let scatter = ScatterPlot(xColumn: "x", yColumn: "y", groupColumn: nil, series: [.init(name: "y", points: [DataPoint(1, 2), DataPoint(3, 4)])])
        let confusion = MatrixHeatmap.confusion(model: "m", split: "test", classes: ["0", "1"], counts: [[5, 1], [2, 4]], normalized: true)
        let kinds: [(String, Figure)] = [
            ("hist", histogram([1, 2, 3]).figure(title: nil, width: 640, height: 480)),
            ("box", box.figure(title: nil, width: 640, height: 480)),
            ("scatter", scatter.figure(title: nil, width: 640, height: 480)),
            ("bar", ValueCounts(column: "c", values: [("x", 3)]).figure(title: nil, width: 640, height: 480)),
            ("heatmap", MatrixHeatmap.correlation(["a", "b"], [[1, nil], [nil, 1]]).figure(title: nil, width: 640, height: 480)),
            ("confusion", confusion.figure(title: nil, width: 640, height: 480)),
            ("roc", roc.figure(title: nil, width: 640, height: 480)),
            ("pr", pr.figure(title: nil, width: 640, height: 480)),
            ("importance", importance.figure(title: nil, width: 640, height: 480)),
            ("learning", learning.figure(title: nil, width: 640, height: 480)),
            ("calibration", calibration.figure(title: nil, width: 640, height: 480)),
        ]
        return kinds
    }

    func testEveryKindRendersToAPNGAndAnSVGOfTheAskedSize() throws {
        for (kind, figure) in Self.everyKind {
            let png = try RenderedPNG(figure)
            XCTAssertEqual([png.image.width, png.image.height, png.image.channels], [640, 480, 3], kind)
            // Something is drawn in the plot, not only white.
            let drawn = stride(from: 0, to: png.image.pixels.count, by: 3).filter { png.image.pixels[$0] < 200 }.count
            XCTAssertGreaterThan(drawn, 500, kind)
            let sharp = try RenderedPNG(figure, dpi: 192)
            XCTAssertEqual([sharp.image.width, sharp.image.height], [1280, 960], kind)
            let (svg, width, height) = try PlotFile.render(figure, format: .svg)
            XCTAssertEqual([width, height], [640, 480])
            let text = String(decoding: svg, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\""), kind)
            XCTAssertTrue(text.hasSuffix("</svg>\n"), kind)
        }
    }

    func testDrawingAnOrdinaryPlotTakesWellUnder100Milliseconds() throws {
        let figure = Self.histogram((0..<60).map { 1000 + ($0 * 37) % 500 }).figure(title: nil, width: 800, height: 600)
        _ = try PlotFile.render(figure, format: .png)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try PlotFile.render(figure, format: .png) }
        // Debug build; release is several times faster (bench/plots measures it).
        XCTAssertLessThan(elapsed, .milliseconds(400))
    }

    // MARK: - The SVG's text

    func testSVGHoldsTheTitleAxisTitlesTicksAndLegend() throws {
        let histogram = Histogram(column: "income", bins: HistogramBins(first: 0, last: 100_000, bins: 4),
                                  series: [.init(name: "0", counts: [5, 9, 3, 1]), .init(name: "1", counts: [2, 4, 4, 2])], groupColumn: "default_")
        let svg = String(decoding: try PlotFile.render(histogram.figure(title: nil, width: 800, height: 600), format: .svg).0, as: UTF8.self)
        for label in [">income by default_</text>", ">income</text>", ">count</text>", ">0</text>", ">20,000</text>", ">100,000</text>",
                      ">default_ = 0 (18)</text>", ">default_ = 1 (12)</text>"] {
            XCTAssertTrue(svg.contains(label), "the SVG holds \(label)")
        }
        let roc = ROCCurves(model: "m", split: "test", curves: [.init(label: "1", points: [DataPoint(0, 0), DataPoint(0, 0.5), DataPoint(0.5, 0.5), DataPoint(0.5, 1), DataPoint(1, 1)])])
        let rocSVG = String(decoding: try PlotFile.render(roc.figure(title: nil, width: 800, height: 600), format: .svg).0, as: UTF8.self)
        XCTAssertTrue(rocSVG.contains(">1 (AUC = 0.750)</text>"), "scikit-learn: auc([0, 0, .5, .5, 1], [0, .5, .5, 1, 1]) = 0.75")
        XCTAssertTrue(rocSVG.contains(">false positive rate</text>"))
    }

    func testSVGEscapesNames() throws {
        let counts = ValueCounts(column: "a<b & \"c\"", values: [("x>y", 3)])
        let svg = String(decoding: try PlotFile.render(counts.figure(title: nil, width: 800, height: 600), format: .svg).0, as: UTF8.self)
        XCTAssertTrue(svg.contains(">a&lt;b &amp; &quot;c&quot;</text>"))
        XCTAssertTrue(svg.contains(">x&gt;y</text>"))
        XCTAssertFalse(svg.contains("a<b"))
    }

    func testIdsStartWithThePrefixSoDrawingsCanShareAPage() {
        let scene = RenderingTests.everyKind[0].1.scene()
        let svg = SVGRenderer(idPrefix: "first-").svg(scene)
        XCTAssertTrue(svg.contains("id=\"first-c1\""))
        XCTAssertFalse(svg.contains("id=\"c1\""))
    }

    // MARK: - Layout

    func testTheLegendGoesWhereItHidesNoCurve() throws {
        // A ROC curve along the top left: the legend moves to the lower right.
        let roc = ROCCurves(model: "m", split: "test", curves: [.init(label: "1", points: [DataPoint(0, 0), DataPoint(0, 0.9), DataPoint(0.1, 1), DataPoint(1, 1)])])
        let figure = roc.figure(title: nil, width: 640, height: 480)
        let layout = figure.layouts(measurer: TextMeasurer())[0]
        let (geometry, legend) = layout.place()
        let box = try XCTUnwrap(legend)
        XCTAssertGreaterThan(box.midX, geometry.plot.midX)
        XCTAssertGreaterThan(box.midY, geometry.plot.midY)
        // Nothing of the curve or the diagonal lies under it.
        XCTAssertEqual(layout.obstacles(geometry).reduce(0) { $0 + box.overlap($1) }, 0, accuracy: 1e-9)
    }

    func testCategoryLabelsTurnWhenTheyDoNotFit() {
        let names = (1...12).map { "a rather long category name \($0)" }
        let counts = ValueCounts(column: "c", values: names.map { ($0, 10) })
        let layout = counts.figure(title: nil, width: 640, height: 480).layouts(measurer: TextMeasurer())[0]
        XCTAssertTrue(layout.place().geometry.xRotated)
        let few = ValueCounts(column: "c", values: [("a", 1), ("b", 2)]).figure(title: nil, width: 640, height: 480).layouts(measurer: TextMeasurer())[0]
        XCTAssertFalse(few.place().geometry.xRotated)
    }

    func testLongCurvesKeepOnlyThePointsThatShow() {
        // A staircase of 10,000 steps across 500 pixels, and a straight line of 1,000 points.
        let stairs = (0..<20_000).map { (index: Int) -> Point in
            let x = Double(index / 2) / 20
            let y = Double((index + 1) / 2) / 20
            return Point(x, y)
        }
        let kept = PolylineSimplifier.simplify(stairs)
        XCTAssertLessThan(kept.count, 100)
        XCTAssertEqual(kept.first, stairs.first)
        XCTAssertEqual(kept.last, stairs.last)
        // Every dropped point lies within the tolerance of the kept line.
        for index in stride(from: 0, to: stairs.count, by: 97) {
            var nearest = Double.infinity
            for segment in 1..<kept.count {
                nearest = min(nearest, PolylineSimplifier.distance(stairs[index], from: kept[segment - 1], to: kept[segment]))
            }
            XCTAssertLessThanOrEqual(nearest, 0.25)
        }
        let straight = (0..<1000).map { (index: Int) -> Point in Point(Double(index), 2 * Double(index)) }
        XCTAssertEqual(PolylineSimplifier.simplify(straight), [straight[0], straight[999]])
        let corner = [Point(0, 0), Point(5, 0), Point(5, 5)]
        XCTAssertEqual(PolylineSimplifier.simplify(corner), corner)
    }
}
