import Foundation

/// How many rows hold each value of a column (pandas' `value_counts`,
/// drawn as seaborn's `countplot`): the class balance of a target.
public struct ValueCounts: Sendable {
    public let column: String
    /// The values' labels and counts, in the order drawn.
    public let values: [(label: String, count: Int)]
    /// Values left out (beyond the most frequent shown), and their rows.
    public let otherValues: Int
    public let otherRows: Int

    public init(column: String, values: [(label: String, count: Int)], otherValues: Int = 0, otherRows: Int = 0) {
        self.column = column
        self.values = values
        self.otherValues = otherValues
        self.otherRows = otherRows
    }

    /// One bar per value, the count and share printed over it.
    public func figure(title: String?, width: Double, height: Double) -> Figure {
        let total = values.reduce(0) { $0 + $1.count } + otherRows
        let top = Double(values.map(\.count).max() ?? 1)
        var marks: [Mark] = []
        let annotate = values.count <= 12
        for (index, value) in values.enumerated() {
            let color = values.count <= Palette.count ? Palette.color(index) : Palette.color(0)
            marks.append(.rect(from: DataPoint(Double(index) - 0.4, 0), to: DataPoint(Double(index) + 0.4, Double(value.count)),
                               fill: color, stroke: nil))
            if annotate {
                let share = total > 0 ? 100 * Double(value.count) / Double(total) : 0
                marks.append(.text("\(NumberText.count(value.count)) (\(NumberText.fixed(share, decimals: 1)) %)",
                                   at: DataPoint(Double(index), Double(value.count)), dy: -4, style: .annotation, color: .ink,
                                   horizontal: .middle, vertical: .bottom))
            }
        }
        let x = Axis(title: column, kind: .categories(values.map(\.label)), grid: false)
        let y = Axis.numeric("rows", from: 0, to: top * (annotate ? 1.08 : 1), floor: 0)
        var defaultTitle = "Rows per value of \(column)"
        if otherValues > 0 {
            defaultTitle += " (the \(values.count) most frequent; \(NumberText.count(otherValues)) more values left out)"
        }
        return Figure(title: title ?? defaultTitle, panels: [Panel(x: x, y: y, marks: marks)], width: width, height: height)
    }
}
