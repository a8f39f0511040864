/// Points of two numeric columns, coloured by group.
public struct ScatterPlot: Sendable {
    public struct Series: Sendable {
        public let name: String
        public let points: [DataPoint]

        public init(name: String, points: [DataPoint]) {
            self.name = name
            self.points = points
        }
    }

    public let xColumn: String
    public let yColumn: String
    public let groupColumn: String?
    public let series: [Series]

    public init(xColumn: String, yColumn: String, groupColumn: String?, series: [Series]) {
        self.xColumn = xColumn
        self.yColumn = yColumn
        self.groupColumn = groupColumn
        self.series = series
    }

    /// Translucent markers (the more points, the fainter), each group in
    /// its colour with a legend.
    public func figure(title: String?, width: Double, height: Double) -> Figure {
        let all = series.flatMap(\.points)
        let opacity = all.count > 5000 ? 0.45 : (all.count > 500 ? 0.6 : 0.8)
        let radius = all.count > 5000 ? 2.0 : 3.0
        var marks: [Mark] = []
        var legend: [LegendEntry] = []
        for (index, one) in series.enumerated() {
            let color = Palette.color(index)
            marks.append(.points(one.points, radius: radius, fill: color.opacity(opacity), stroke: nil))
            if let groupColumn {
                legend.append(LegendEntry("\(groupColumn) = \(one.name) (\(NumberText.count(one.points.count)))", .marker(color)))
            }
        }
        let x = Axis.numeric(xColumn, from: all.map(\.x).min() ?? 0, to: all.map(\.x).max() ?? 1)
        let y = Axis.numeric(yColumn, from: all.map(\.y).min() ?? 0, to: all.map(\.y).max() ?? 1)
        return Figure(title: title ?? "\(yColumn) against \(xColumn)", panels: [Panel(x: x, y: y, marks: marks, legend: legend)],
                      width: width, height: height)
    }
}
