/// How much each feature matters to a model, as horizontal bars, the most
/// important on top, with ± one standard deviation for permutation
/// importance (scikit-learn's `permutation_importance`, plotted as its
/// examples plot `importances_mean` with `importances_std`).
public struct FeatureImportances: Sendable {
    public struct Feature: Sendable, Equatable {
        public let name: String
        public let importance: Double
        public let std: Double?

        public init(name: String, importance: Double, std: Double?) {
            self.name = name
            self.importance = importance
            self.std = std
        }
    }

    public let model: String
    /// 'permutation' or 'impurity'.
    public let method: String
    /// In the order drawn, top to bottom.
    public let features: [Feature]

    public init(model: String, method: String, features: [Feature]) {
        self.model = model
        self.method = method
        self.features = features
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        var marks: [Mark] = [.line([DataPoint(0, -0.5), DataPoint(0, Double(features.count) - 0.5)], Stroke(.mutedInk, width: 1), marker: nil)]
        var low = 0.0
        var high = 0.0
        let color = Palette.color(0)
        for (index, feature) in features.enumerated() {
            let row = Double(index)
            marks.append(.rect(from: DataPoint(0, row - 0.35), to: DataPoint(feature.importance, row + 0.35), fill: color, stroke: nil))
            low = min(low, feature.importance)
            high = max(high, feature.importance)
            if let std = feature.std, std > 0 {
                let line = Stroke(.ink, width: 1.2)
                marks.append(.line([DataPoint(feature.importance - std, row), DataPoint(feature.importance + std, row)], line, marker: nil))
                for end in [feature.importance - std, feature.importance + std] {
                    marks.append(.line([DataPoint(end, row - 0.15), DataPoint(end, row + 0.15)], line, marker: nil))
                }
                low = min(low, feature.importance - std)
                high = max(high, feature.importance + std)
            }
        }
        let xTitle = method == "permutation" ? "drop in the score when the feature is shuffled" : "mean decrease in impurity"
        var x = Axis.numeric(xTitle, from: low, to: high, margin: 0.04)
        if low >= 0, case .numeric(_, let upper) = x.kind { x.kind = .numeric(lower: 0, upper: upper) }
        let y = Axis(title: "", kind: .categories(features.map(\.name)), reversed: true, grid: false)
        return Figure(title: title ?? "Feature importance of \(model) (\(method))", panels: [Panel(x: x, y: y, marks: marks)],
                      width: width, height: height)
    }
}
