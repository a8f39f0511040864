/// A histogram of one numeric column, one series of counts per group, all
/// on the same bins (matplotlib's `hist` of each group with shared `bins`).
public struct Histogram: Sendable {
    /// One group's counts per bin.
    public struct Series: Sendable, Equatable {
        public let name: String
        public let counts: [Int]

        public init(name: String, counts: [Int]) {
            self.name = name
            self.counts = counts
        }

        public var total: Int { counts.reduce(0, +) }
    }

    public let column: String
    public let bins: HistogramBins
    public let series: [Series]
    /// The column the series are grouped by, if any.
    public let groupColumn: String?
    /// Heights are densities, count / (n · bin width), each series
    /// integrating to 1 (numpy's `density=True`), instead of counts.
    public let density: Bool

    public init(column: String, bins: HistogramBins, series: [Series], groupColumn: String? = nil, density: Bool = false) {
        self.column = column
        self.bins = bins
        self.series = series
        self.groupColumn = groupColumn
        self.density = density
    }

    /// The height of bin `index` of `series`: its count, or its density.
    public func height(_ series: Series, _ index: Int) -> Double {
        let count = Double(series.counts[index])
        guard density else { return count }
        let width = bins.edges[index + 1] - bins.edges[index]
        return count / (Double(max(series.total, 1)) * width)
    }

    /// Bars from 0 on a y axis starting at 0; one opaque series, or
    /// translucent series over each other with their outlines and a legend.
    public func figure(title: String?, width: Double, height: Double) -> Figure {
        let overlaid = series.count > 1
        var marks: [Mark] = []
        var legend: [LegendEntry] = []
        var top = 0.0
        for (number, one) in series.enumerated() {
            let color = Palette.color(number)
            let fill = overlaid ? color.opacity(0.35) : color
            var outline: [DataPoint] = []
            for index in 0..<bins.count {
                let value = self.height(one, index)
                top = max(top, value)
                outline += [DataPoint(bins.edges[index], value), DataPoint(bins.edges[index + 1], value)]
            }
            if !overlaid && bins.count <= 60 {
                // Few bars: each drawn with white edges, so they read as bars.
                for index in 0..<bins.count where one.counts[index] > 0 {
                    marks.append(.rect(from: DataPoint(bins.edges[index], 0), to: DataPoint(bins.edges[index + 1], self.height(one, index)),
                                       fill: fill, stroke: Stroke(.white, width: 0.5)))
                }
            } else {
                // Many bars, or several histograms over each other: one
                // shape each, outlined when overlaid so each stays readable
                // where they cross.
                marks.append(.area(outline, baseline: 0, fill: fill, stroke: overlaid ? Stroke(color, width: 1.5) : nil))
            }
            if overlaid || groupColumn != nil {
                legend.append(LegendEntry("\(groupColumn ?? "") = \(one.name) (\(NumberText.count(one.total)))", .patch(fill, stroke: Stroke(color, width: 1.5))))
            }
        }
        let x = Axis.numeric(column, from: bins.first, to: bins.last, margin: 0.02)
        let y = Axis.numeric(density ? "density" : "count", from: 0, to: top, floor: 0)
        let defaultTitle = groupColumn.map { "\(column) by \($0)" } ?? "Histogram of \(column)"
        let panel = Panel(x: x, y: y, marks: marks, legend: legend)
        return Figure(title: title ?? defaultTitle, panels: [panel], width: width, height: height)
    }
}
