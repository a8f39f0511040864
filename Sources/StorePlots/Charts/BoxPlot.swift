/// Box plots of one numeric column, one box per group: quartiles, whiskers
/// at the furthest values within 1.5 IQR of the box, and the values beyond
/// as outliers (matplotlib's `boxplot(whis=1.5)`, pandas' `DataFrame.boxplot`).
public struct BoxPlot: Sendable {
    /// One box.
    public struct Box: Sendable, Equatable {
        public let name: String
        public let count: Int
        public let q1: Double
        public let median: Double
        public let q3: Double
        /// The smallest value ≥ q1 − 1.5 IQR and the largest ≤ q3 + 1.5 IQR.
        public let lowerWhisker: Double
        public let upperWhisker: Double
        public let outliers: [Double]

        public init(name: String, count: Int, q1: Double, median: Double, q3: Double,
                    lowerWhisker: Double, upperWhisker: Double, outliers: [Double]) {
            self.name = name
            self.count = count
            self.q1 = q1
            self.median = median
            self.q3 = q3
            self.lowerWhisker = lowerWhisker
            self.upperWhisker = upperWhisker
            self.outliers = outliers
        }
    }

    public let column: String
    public let groupColumn: String?
    public let boxes: [Box]

    public init(column: String, groupColumn: String?, boxes: [Box]) {
        self.column = column
        self.groupColumn = groupColumn
        self.boxes = boxes
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        var marks: [Mark] = []
        var low = Double.infinity
        var high = -Double.infinity
        for (index, box) in boxes.enumerated() {
            let color = Palette.color(boxes.count <= Palette.count ? index : 0)
            let center = Double(index)
            let half = 0.3
            let line = Stroke(.ink, width: 1.2)
            marks.append(.line([DataPoint(center, box.q3), DataPoint(center, box.upperWhisker)], line, marker: nil))
            marks.append(.line([DataPoint(center, box.q1), DataPoint(center, box.lowerWhisker)], line, marker: nil))
            for end in [box.lowerWhisker, box.upperWhisker] {
                marks.append(.line([DataPoint(center - half / 2, end), DataPoint(center + half / 2, end)], line, marker: nil))
            }
            marks.append(.rect(from: DataPoint(center - half, box.q1), to: DataPoint(center + half, box.q3),
                               fill: color.opacity(0.35), stroke: Stroke(color, width: 1.5)))
            marks.append(.line([DataPoint(center - half, box.median), DataPoint(center + half, box.median)], Stroke(.ink, width: 2.5), marker: nil))
            if !box.outliers.isEmpty {
                marks.append(.points(box.outliers.map { DataPoint(center, $0) }, radius: 2.5, fill: nil, stroke: Stroke(color.opacity(0.6), width: 1)))
            }
            low = min(low, box.lowerWhisker, box.outliers.min() ?? .infinity)
            high = max(high, box.upperWhisker, box.outliers.max() ?? -.infinity)
        }
        let names = boxes.map { box in groupColumn == nil ? column : box.name }
        let x = Axis(title: groupColumn ?? "", kind: .categories(names), grid: false)
        let y = Axis.numeric(column, from: low, to: high)
        let defaultTitle = groupColumn.map { "\(column) by \($0)" } ?? "Box plot of \(column)"
        return Figure(title: title ?? defaultTitle, panels: [Panel(x: x, y: y, marks: marks)], width: width, height: height)
    }
}
