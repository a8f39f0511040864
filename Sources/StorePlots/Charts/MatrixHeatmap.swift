/// A matrix drawn as coloured cells with their values printed: a
/// correlation matrix (diverging red–blue map over −1…1, centred at 0) or a
/// confusion matrix (reversed viridis from 0 to the largest count, so the
/// largest count is the darkest cell).
public struct MatrixHeatmap: Sendable {
    public let rowTitle: String
    public let columnTitle: String
    public let rows: [String]
    public let columns: [String]
    /// `values[row][column]`; nil cells (an undefined correlation) are grey.
    public let values: [[Double?]]
    public let map: ColorMap
    public let lower: Double
    public let upper: Double
    /// Decimals of the printed values (0 for counts, grouped by thousands).
    public let decimals: Int
    public let defaultTitle: String

    public init(rowTitle: String, columnTitle: String, rows: [String], columns: [String], values: [[Double?]],
                map: ColorMap, lower: Double, upper: Double, decimals: Int, defaultTitle: String) {
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.rows = rows
        self.columns = columns
        self.values = values
        self.map = map
        self.lower = lower
        self.upper = upper
        self.decimals = decimals
        self.defaultTitle = defaultTitle
    }

    /// The Pearson correlation matrix of `names` (`values[i][j]` = corr of
    /// names i and j).
    public static func correlation(_ names: [String], _ values: [[Double?]]) -> MatrixHeatmap {
        MatrixHeatmap(rowTitle: "", columnTitle: "", rows: names, columns: names, values: values, map: .redBlue,
                      lower: -1, upper: 1, decimals: 2, defaultTitle: "Pearson correlation")
    }

    /// The colour of a value.
    public func color(_ value: Double?) -> Color {
        guard let value else { return Color(hex: 0xEEEEEE) }
        return map.color(upper > lower ? (value - lower) / (upper - lower) : 1)
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        var marks: [Mark] = []
        let cellGuess = min(width - 260, height - 160) / Double(max(rows.count, columns.count, 1))
        let printValues = cellGuess >= 26
        let style = TextStyle(size: cellGuess >= 44 ? 13 : 10)
        for (i, row) in values.enumerated() {
            for (j, value) in row.enumerated() {
                let fill = color(value)
                marks.append(.rect(from: DataPoint(Double(j) - 0.5, Double(i) - 0.5), to: DataPoint(Double(j) + 0.5, Double(i) + 0.5),
                                   fill: fill, stroke: Stroke(.white, width: 1)))
                if printValues {
                    let text = value.map { decimals == 0 ? NumberText.count(Int($0.rounded())) : NumberText.fixed($0, decimals: decimals) } ?? "–"
                    marks.append(.text(text, at: DataPoint(Double(j), Double(i)), style: style, color: fill.textColor,
                                       horizontal: .middle, vertical: .middle))
                }
            }
        }
        let x = Axis(title: columnTitle, kind: .categories(columns), grid: false)
        let y = Axis(title: rowTitle, kind: .categories(rows), reversed: true, grid: false)
        let panel = Panel(x: x, y: y, marks: marks, colorBar: ColorBar(map: map, lower: lower, upper: upper), squareCells: true)
        return Figure(title: title ?? defaultTitle, panels: [panel], width: width, height: height)
    }
}

extension MatrixHeatmap {
    /// The confusion matrix of a classifier: `counts[actual][predicted]`,
    /// rows normalized to sum to 1 when `normalized` (scikit-learn's
    /// `confusion_matrix(normalize="true")`; a class with no rows stays 0).
    public static func confusion(model: String, split: String, classes: [String], counts: [[Int]], normalized: Bool) -> MatrixHeatmap {
        let values: [[Double?]] = counts.map { row in
            let total = Double(row.reduce(0, +))
            return row.map { count in normalized ? (total > 0 ? Double(count) / total : 0) : Double(count) }
        }
        let largest = normalized ? 1 : Double(counts.flatMap { $0 }.max() ?? 1)
        return MatrixHeatmap(rowTitle: "actual", columnTitle: "predicted", rows: classes, columns: classes, values: values,
                             map: ColorMap.viridis.reversed, lower: 0, upper: max(largest, 1), decimals: normalized ? 2 : 0,
                             defaultTitle: "Confusion matrix of \(model) (\(split)\(normalized ? ", normalized by row" : ""))")
    }
}
