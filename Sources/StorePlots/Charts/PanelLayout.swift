import Foundation

/// Where everything of a panel goes inside its area, and the scene items
/// that draw it.
///
/// (1) Margins come from the measured text: the y tick labels' width and the
///     rotated y title on the left; the x tick labels (rotated 45° when
///     categories do not fit their bands) and the x title below; a colour
///     bar with its labels on the right.
/// (2) Numeric ticks are chosen for the final plot size (two passes, as
///     the labels' size changes the size).
/// (3) The legend goes inside the plot, at the candidate place it hides
///     the least of the drawn marks, as matplotlib's `loc='best'` (bars by
///     area, lines by points along them, markers by their own area); when
///     every place hides much (over 15 % of the legend), it goes outside
///     on the right and the plot narrows.
/// (4) Drawing order: grid, marks (lines and markers clipped to the plot),
///     axis lines and ticks, labels and titles, colour bar, legend.
struct PanelLayout {
    let panel: Panel
    let area: Rect
    let measurer: TextMeasurer

    static let tickLength = 5.0
    static let tickGap = 4.0
    static let titleGap = 8.0
    static let legendInset = 8.0

    /// The computed geometry.
    struct Geometry {
        var plot: Rect
        var xTicks: [Axis.Tick]
        var yTicks: [Axis.Tick]
        var xRotated: Bool
        /// The height the x tick labels take, and the width of the widest y tick label.
        var xLabelsHeight: Double
        var yLabelsWidth: Double
        var legendOutside: Bool
    }

    /// The geometry, and where the legend goes (nil without one).
    func place() -> (geometry: Geometry, legend: Rect?) {
        let geometry = layout(legendOutside: false)
        guard !panel.legend.isEmpty else { return (geometry, nil) }
        if let inside = bestLegendPlace(geometry) { return (geometry, inside) }
        let outside = layout(legendOutside: true)
        let size = legendSize()
        return (outside, Rect(x: outside.plot.maxX + 12, y: outside.plot.minY, width: size.width, height: size.height))
    }

    func items() -> [SceneItem] {
        let (geometry, legendBox) = place()
        var items: [SceneItem] = []
        items += grid(geometry)
        items += marks(geometry)
        items += axes(geometry)
        items += colorBar(geometry)
        if let legendBox { items += legend(in: legendBox) }
        return items
    }

    // MARK: - Layout

    func layout(legendOutside: Bool) -> Geometry {
        var top = area.minY + 8
        if let title = panel.title {
            top += measurer.size(title, .subtitle).height + 6
        }
        let tickText = measurer.size("0", .tick).height
        let xTitleHeight = panel.x.title.isEmpty ? 0 : measurer.size(panel.x.title, .axisTitle).height + Self.titleGap
        let yTitleHeight = panel.y.title.isEmpty ? 0 : measurer.size(panel.y.title, .axisTitle).height + Self.titleGap
        var right = area.maxX - 8
        if let bar = panel.colorBar {
            right -= colorBarWidth(bar, height: area.height)
        }
        if legendOutside {
            right -= legendSize().width + 12
        }
        // Start from a guessed bottom margin, then measure again with the
        // labels the plot's size gives, until the margin stays the same.
        var bottomMargin = Self.tickLength + Self.tickGap + tickText + xTitleHeight
        var geometry = Geometry(plot: area, xTicks: [], yTicks: [], xRotated: false, xLabelsHeight: tickText, yLabelsWidth: 0,
                                legendOutside: legendOutside)
        for _ in 0..<4 {
            let height = max(20, area.maxY - bottomMargin - top)
            let yTicks = panel.y.ticks(length: height, horizontal: false, measurer: measurer)
            let yLabels = measurer.widest(yTicks.map(\.label), .tick)
            let left = area.minX + yTitleHeight + yLabels + Self.tickGap + Self.tickLength
            var width = max(20, right - left)
            // Room for half of the last x label past the axis end.
            if !panel.x.isCategorical && panel.colorBar == nil && !legendOutside {
                let xTicks = panel.x.ticks(length: width, horizontal: true, measurer: measurer)
                if let last = xTicks.last {
                    width -= max(0, measurer.size(last.label, .tick).width / 2 - (area.maxX - right))
                }
            }
            let xTicks = panel.x.ticks(length: width, horizontal: true, measurer: measurer)
            var plot = Rect(x: left, y: top, width: width, height: height)
            if panel.squareCells, case .categories(let columns) = panel.x.kind, case .categories(let rows) = panel.y.kind {
                let cell = min(plot.width / Double(max(columns.count, 1)), plot.height / Double(max(rows.count, 1)))
                let squareWidth = cell * Double(max(columns.count, 1))
                // Centred in the room left of the colour bar.
                plot = Rect(x: plot.minX + (plot.width - squareWidth) / 2, y: plot.minY, width: squareWidth,
                            height: cell * Double(max(rows.count, 1)))
            }
            let (rotated, labelsHeight) = xLabelExtent(xTicks, width: plot.width)
            geometry = Geometry(plot: plot, xTicks: xTicks, yTicks: yTicks, xRotated: rotated, xLabelsHeight: labelsHeight,
                                yLabelsWidth: yLabels, legendOutside: legendOutside)
            let measured = Self.tickLength + Self.tickGap + labelsHeight + xTitleHeight
            if measured == bottomMargin { break }
            bottomMargin = measured
        }
        // Recompute the y ticks for the final height.
        geometry.yTicks = panel.y.ticks(length: geometry.plot.height, horizontal: false, measurer: measurer)
        return geometry
    }

    /// Whether category labels along x must turn 45° to fit their bands,
    /// and the height the labels take below the ticks.
    func xLabelExtent(_ ticks: [Axis.Tick], width: Double) -> (rotated: Bool, height: Double) {
        let textHeight = measurer.size("0", .tick).height
        guard panel.x.isCategorical, !ticks.isEmpty else { return (false, textHeight) }
        let band = width / Double(ticks.count)
        let widest = measurer.widest(ticks.map(\.label), .tick)
        if widest + 6 <= band { return (false, textHeight) }
        let diagonal = (widest + textHeight) * 0.5.squareRoot()
        return (true, diagonal)
    }

    /// The colour bar's width with its gap and labels.
    func colorBarWidth(_ bar: ColorBar, height: Double) -> Double {
        let ticks = colorBarTicks(bar, length: height)
        return 16 + 16 + Self.tickLength + Self.tickGap + measurer.widest(ticks.map(\.label), .tick)
    }

    func colorBarTicks(_ bar: ColorBar, length: Double) -> [Axis.Tick] {
        Axis(title: "", kind: .numeric(lower: bar.lower, upper: bar.upper)).ticks(length: length, horizontal: false, measurer: measurer)
    }

    // MARK: - Coordinates

    func x(_ value: Double, _ plot: Rect) -> Double {
        let (lower, upper) = panel.x.domain
        let t = (value - lower) / (upper - lower)
        return panel.x.reversed ? plot.maxX - t * plot.width : plot.minX + t * plot.width
    }

    func y(_ value: Double, _ plot: Rect) -> Double {
        let (lower, upper) = panel.y.domain
        let t = (value - lower) / (upper - lower)
        return panel.y.reversed ? plot.minY + t * plot.height : plot.maxY - t * plot.height
    }

    func point(_ p: DataPoint, _ plot: Rect) -> Point {
        Point(x(p.x, plot), y(p.y, plot))
    }

    /// A 1 px line's coordinate on a pixel centre, for crisp grid and axis lines.
    static func crisp(_ value: Double) -> Double {
        value.rounded(.down) + 0.5
    }

    // MARK: - Items

    func grid(_ g: Geometry) -> [SceneItem] {
        var items: [SceneItem] = []
        let line = Stroke(.grid, width: 1)
        if panel.y.grid && !panel.y.isCategorical {
            for tick in g.yTicks {
                let py = Self.crisp(y(tick.value, g.plot))
                items.append(.polyline([Point(g.plot.minX, py), Point(g.plot.maxX, py)], stroke: line))
            }
        }
        if panel.x.grid && !panel.x.isCategorical {
            for tick in g.xTicks {
                let px = Self.crisp(x(tick.value, g.plot))
                items.append(.polyline([Point(px, g.plot.minY), Point(px, g.plot.maxY)], stroke: line))
            }
        }
        return items
    }

    func marks(_ g: Geometry) -> [SceneItem] {
        var clipped: [SceneItem] = []
        var above: [SceneItem] = []
        for mark in panel.marks {
            switch mark {
            case .rect(let from, let to, let fill, let stroke):
                clipped.append(.rect(Rect(corners: point(from, g.plot), point(to, g.plot)), fill: fill, stroke: stroke))
            case .area(let points, let baseline, let fill, let stroke):
                guard let first = points.first, let last = points.last else { continue }
                let outline = [DataPoint(first.x, baseline)] + points + [DataPoint(last.x, baseline)]
                clipped.append(.polygon(outline.map { point($0, g.plot) }, fill: fill, stroke: stroke))
            case .line(let points, let stroke, let marker):
                let pixels = points.map { point($0, g.plot) }
                clipped.append(.polyline(PolylineSimplifier.simplify(pixels), stroke: stroke))
                if let marker {
                    clipped.append(.circles(pixels, radius: marker, fill: stroke.color, stroke: Stroke(.white, width: 1)))
                }
            case .points(let points, let radius, let fill, let stroke):
                clipped.append(.circles(Self.distinctPixels(points.map { point($0, g.plot) }), radius: radius, fill: fill, stroke: stroke))
            case .text(let text, let at, let dx, let dy, let style, let color, let horizontal, let vertical):
                let anchor = point(at, g.plot)
                above.append(.text(Label(text, at: Point(anchor.x + dx, anchor.y + dy), style: style, color: color,
                                         horizontal: horizontal, vertical: vertical)))
            }
        }
        return [.clipped(g.plot.inset(by: -3), clipped)] + above
    }

    /// Markers that land on the same quarter pixel drawn once: a box plot's
    /// thousands of outliers, or a dense scatter, look the same and draw fast.
    static func distinctPixels(_ points: [Point]) -> [Point] {
        guard points.count > 256 else { return points }
        var seen = Set<Int64>()
        var result: [Point] = []
        for point in points {
            let key = Int64((point.x * 4).rounded()) << 32 | Int64((point.y * 4).rounded()) & 0xFFFF_FFFF
            if seen.insert(key).inserted { result.append(point) }
        }
        return result
    }

    func axes(_ g: Geometry) -> [SceneItem] {
        var items: [SceneItem] = []
        let plot = g.plot
        let axisLine = Stroke(.ink, width: 1)
        let heatmap = panel.x.isCategorical && panel.y.isCategorical
        if !heatmap {
            let bottom = Self.crisp(plot.maxY)
            let left = Self.crisp(plot.minX) - 1
            items.append(.polyline([Point(left, plot.minY), Point(left, bottom), Point(plot.maxX, bottom)], stroke: axisLine))
        }
        // x ticks and labels
        let labelTop = plot.maxY + Self.tickLength + Self.tickGap
        for tick in g.xTicks {
            let px = Self.crisp(x(tick.value, plot))
            items.append(.polyline([Point(px, plot.maxY), Point(px, plot.maxY + Self.tickLength)], stroke: axisLine))
            if g.xRotated {
                items.append(.text(Label(tick.label, at: Point(px + 3, labelTop), style: .tick, color: .mutedInk,
                                         horizontal: .end, vertical: .top, rotation: -45)))
            } else {
                items.append(.text(Label(tick.label, at: Point(px, labelTop), style: .tick, color: .mutedInk,
                                         horizontal: .middle, vertical: .top)))
            }
        }
        // y ticks and labels
        let left = Self.crisp(plot.minX) - 1
        for tick in g.yTicks {
            let py = Self.crisp(y(tick.value, plot))
            items.append(.polyline([Point(left - Self.tickLength, py), Point(left, py)], stroke: axisLine))
            items.append(.text(Label(tick.label, at: Point(left - Self.tickLength - Self.tickGap, py), style: .tick,
                                     color: .mutedInk, horizontal: .end, vertical: .middle)))
        }
        // titles
        if !panel.x.title.isEmpty {
            let titleTop = labelTop + g.xLabelsHeight + Self.titleGap
            items.append(.text(Label(panel.x.title, at: Point(plot.midX, titleTop), style: .axisTitle, horizontal: .middle, vertical: .top)))
        }
        if !panel.y.title.isEmpty {
            // Left of the tick labels (which may stand away from the area's
            // edge when square cells centre the plot).
            let height = measurer.size(panel.y.title, .axisTitle).height
            let x = left - Self.tickLength - Self.tickGap - g.yLabelsWidth - Self.titleGap - height
            items.append(.text(Label(panel.y.title, at: Point(max(area.minX, x), plot.midY), style: .axisTitle,
                                     horizontal: .middle, vertical: .top, rotation: -90)))
        }
        if let title = panel.title {
            items.append(.text(Label(title, at: Point(plot.midX, area.minY + 4), style: .subtitle, horizontal: .middle, vertical: .top)))
        }
        return items
    }

    func colorBar(_ g: Geometry) -> [SceneItem] {
        guard let bar = panel.colorBar else { return [] }
        let rect = Rect(x: g.plot.maxX + 16, y: g.plot.minY, width: 16, height: g.plot.height)
        var items: [SceneItem] = [
            .verticalGradient(rect, stops: bar.map.stops(33).map { GradientStop(offset: $0.offset, color: $0.color) }),
            .rect(rect, fill: nil, stroke: Stroke(.mutedInk, width: 0.5)),
        ]
        for tick in colorBarTicks(bar, length: rect.height) {
            let t = (tick.value - bar.lower) / (bar.upper - bar.lower)
            let py = Self.crisp(rect.maxY - t * rect.height)
            items.append(.polyline([Point(rect.maxX, py), Point(rect.maxX + Self.tickLength, py)], stroke: Stroke(.ink, width: 1)))
            items.append(.text(Label(tick.label, at: Point(rect.maxX + Self.tickLength + Self.tickGap, py), style: .tick,
                                     color: .mutedInk, horizontal: .start, vertical: .middle)))
        }
        return items
    }

    // MARK: - Legend

    static let swatchWidth = 22.0
    static let legendPadding = 8.0

    func legendSize() -> (width: Double, height: Double) {
        let rowHeight = measurer.size("Ag", .tick).height + 4
        let labels = measurer.widest(panel.legend.map(\.label), .tick)
        return (Self.legendPadding * 2 + Self.swatchWidth + 6 + labels, Self.legendPadding * 2 - 4 + rowHeight * Double(panel.legend.count))
    }

    /// The inside place that hides least (rule 3), nil when every place hides much.
    func bestLegendPlace(_ g: Geometry) -> Rect? {
        let size = legendSize()
        let plot = g.plot.inset(by: Self.legendInset)
        guard size.width <= plot.width, size.height <= plot.height else { return nil }
        // matplotlib's order: upper right, upper left, lower left, lower right, right, …
        let xs = [plot.maxX - size.width, plot.minX, plot.minX, plot.maxX - size.width, plot.maxX - size.width,
                  plot.minX, plot.midX - size.width / 2, plot.midX - size.width / 2]
        let ys = [plot.minY, plot.minY, plot.maxY - size.height, plot.maxY - size.height, plot.midY - size.height / 2,
                  plot.midY - size.height / 2, plot.maxY - size.height, plot.minY]
        let obstacles = self.obstacles(g)
        var best: (Rect, Double)?
        for (px, py) in zip(xs, ys) {
            let box = Rect(x: px, y: py, width: size.width, height: size.height)
            let hidden = obstacles.reduce(0) { $0 + box.overlap($1) }
            if best == nil || hidden < (best?.1 ?? 0) { best = (box, hidden) }
        }
        guard let best, best.1 <= 0.15 * size.width * size.height else { return nil }
        return best.0
    }

    /// The drawn marks as small rectangles in pixels.
    func obstacles(_ g: Geometry) -> [Rect] {
        var rects: [Rect] = []
        for mark in panel.marks {
            switch mark {
            case .rect(let from, let to, _, _):
                rects.append(Rect(corners: point(from, g.plot), point(to, g.plot)))
            case .area(let points, let baseline, _, _):
                for (a, b) in zip(points, points.dropFirst()) where a.x != b.x {
                    rects.append(Rect(corners: point(DataPoint(a.x, baseline), g.plot), point(DataPoint(b.x, max(a.y, b.y)), g.plot)))
                }
            case .line(let points, let stroke, _):
                let pixels = points.map { point($0, g.plot) }
                for (a, b) in zip(pixels, pixels.dropFirst()) {
                    let steps = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)) / 3))
                    for step in 0...steps {
                        let t = Double(step) / Double(steps)
                        let center = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                        rects.append(Rect(x: center.x - 1.5, y: center.y - stroke.width, width: 3, height: 2 * stroke.width))
                    }
                }
            case .points(let points, let radius, _, _):
                for p in Self.distinctPixels(points.map { point($0, g.plot) }) {
                    rects.append(Rect(x: p.x - radius, y: p.y - radius, width: 2 * radius, height: 2 * radius))
                }
            case .text(let text, let at, let dx, let dy, let style, _, let horizontal, let vertical):
                let size = measurer.size(text, style)
                let anchor = point(at, g.plot)
                let offset = Label.offset(Label(text, at: anchor, style: style, horizontal: horizontal, vertical: vertical), size)
                rects.append(Rect(x: anchor.x + dx + offset.x, y: anchor.y + dy + offset.y, width: size.width, height: size.height))
            }
        }
        return rects
    }

    func legend(in box: Rect) -> [SceneItem] {
        var items: [SceneItem] = [.rect(box, fill: Color.white.opacity(0.9), stroke: Stroke(Color(hex: 0xCCCCCC), width: 1))]
        let rowHeight = measurer.size("Ag", .tick).height + 4
        for (index, entry) in panel.legend.enumerated() {
            let top = box.minY + Self.legendPadding + Double(index) * rowHeight
            let middle = top + (rowHeight - 4) / 2
            let left = box.minX + Self.legendPadding
            switch entry.swatch {
            case .patch(let color, let stroke):
                items.append(.rect(Rect(x: left, y: middle - 6, width: Self.swatchWidth, height: 12), fill: color, stroke: stroke))
            case .line(let stroke, let marker):
                items.append(.polyline([Point(left, middle), Point(left + Self.swatchWidth, middle)], stroke: stroke))
                if let marker {
                    items.append(.circles([Point(left + Self.swatchWidth / 2, middle)], radius: marker, fill: stroke.color, stroke: Stroke(.white, width: 1)))
                }
            case .marker(let color):
                items.append(.circles([Point(left + Self.swatchWidth / 2, middle)], radius: 4, fill: color, stroke: nil))
            }
            items.append(.text(Label(entry.label, at: Point(left + Self.swatchWidth + 6, middle), style: .tick,
                                     horizontal: .start, vertical: .middle)))
        }
        return items
    }
}
