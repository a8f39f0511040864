/// The axes shared by ROC, precision–recall and calibration plots: 0 to 1
/// with a little room, ticks every 0.2.
private func unitAxis(_ title: String) -> Axis {
    Axis(title: title, kind: .numeric(lower: -0.02, upper: 1.02))
}

/// ROC curves of a classifier, one per class against the rest (one for the
/// positive class of a binary one), as scikit-learn's `RocCurveDisplay`
/// draws `roc_curve`, with the chance diagonal and each curve's AUC in the
/// legend.
public struct ROCCurves: Sendable {
    public struct Curve: Sendable {
        public let label: String
        /// (false positive rate, true positive rate), in the curve's order.
        public let points: [DataPoint]

        public init(label: String, points: [DataPoint]) {
            self.label = label
            self.points = points
        }

        /// The area under the curve by the trapezoidal rule, as
        /// scikit-learn's `auc(fpr, tpr)` (which `roc_auc_score` equals on
        /// the same points).
        public var area: Double {
            zip(points, points.dropFirst()).reduce(0) { sum, pair in
                sum + (pair.1.x - pair.0.x) * (pair.1.y + pair.0.y) / 2
            }
        }
    }

    public let model: String
    public let split: String
    public let curves: [Curve]

    public init(model: String, split: String, curves: [Curve]) {
        self.model = model
        self.split = split
        self.curves = curves
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        let chance = Stroke(.reference, width: 1.2, dash: [5, 4])
        var marks: [Mark] = [.line([DataPoint(0, 0), DataPoint(1, 1)], chance, marker: nil)]
        var legend: [LegendEntry] = []
        for (index, curve) in curves.enumerated() {
            let stroke = Stroke(Palette.color(index), width: 2)
            marks.append(.line(curve.points, stroke, marker: nil))
            legend.append(LegendEntry("\(curve.label) (AUC = \(NumberText.fixed(curve.area, decimals: 3)))", .line(stroke, marker: nil)))
        }
        legend.append(LegendEntry("chance (AUC = 0.5)", .line(chance, marker: nil)))
        let panel = Panel(x: unitAxis("false positive rate"), y: unitAxis("true positive rate"), marks: marks, legend: legend)
        return Figure(title: title ?? "ROC curves of \(model) (\(split))", panels: [panel], width: width, height: height)
    }
}

/// Precision–recall curves of a classifier per class (the positive class of
/// a binary one), drawn as scikit-learn's `PrecisionRecallDisplay` draws
/// them (steps after each point), with each curve's average precision in
/// the legend and the class's share of rows as the chance level.
public struct PrecisionRecallCurves: Sendable {
    public struct Curve: Sendable {
        public let label: String
        /// (recall, precision), in `precision_recall_curve`'s order
        /// (recall falling to 0).
        public let points: [DataPoint]
        /// The share of rows in the class: a random ranking's precision.
        public let prevalence: Double?

        public init(label: String, points: [DataPoint], prevalence: Double?) {
            self.label = label
            self.points = points
            self.prevalence = prevalence
        }

        /// Average precision, Σ (Rₙ − Rₙ₊₁) Pₙ over the points, as
        /// scikit-learn's `average_precision_score` sums it (`-np.sum(np.diff(recall) * precision[:-1])`).
        public var averagePrecision: Double {
            -zip(points, points.dropFirst()).reduce(0) { sum, pair in sum + (pair.1.x - pair.0.x) * pair.0.y }
        }

        /// The points with the steps drawn: (rₙ, pₙ) → (rₙ₊₁, pₙ) → (rₙ₊₁, pₙ₊₁).
        var steps: [DataPoint] {
            guard let first = points.first else { return [] }
            var result = [first]
            for (a, b) in zip(points, points.dropFirst()) {
                result.append(DataPoint(b.x, a.y))
                result.append(b)
            }
            return result
        }
    }

    public let model: String
    public let split: String
    public let curves: [Curve]

    public init(model: String, split: String, curves: [Curve]) {
        self.model = model
        self.split = split
        self.curves = curves
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        var marks: [Mark] = []
        var legend: [LegendEntry] = []
        for (index, curve) in curves.enumerated() {
            let color = Palette.color(index)
            let stroke = Stroke(color, width: 2)
            if let prevalence = curve.prevalence {
                marks.append(.line([DataPoint(0, prevalence), DataPoint(1, prevalence)], Stroke(color.opacity(0.7), width: 1.2, dash: [5, 4]), marker: nil))
            }
            marks.append(.line(curve.steps, stroke, marker: nil))
            legend.append(LegendEntry("\(curve.label) (AP = \(NumberText.fixed(curve.averagePrecision, decimals: 3)))", .line(stroke, marker: nil)))
        }
        if curves.contains(where: { $0.prevalence != nil }) {
            legend.append(LegendEntry("chance (share of the class)", .line(Stroke(.reference, width: 1.2, dash: [5, 4]), marker: nil)))
        }
        let panel = Panel(x: unitAxis("recall"), y: unitAxis("precision"), marks: marks, legend: legend)
        return Figure(title: title ?? "Precision–recall curves of \(model) (\(split))", panels: [panel], width: width, height: height)
    }
}

/// Reliability curves: in bins of predicted probability, the mean
/// prediction against the share of rows that are the class, as
/// scikit-learn's `calibration_curve(y, p, n_bins, strategy="uniform")`
/// computes them (empty bins left out), with the diagonal of perfect
/// calibration.
public struct CalibrationCurves: Sendable {
    public struct Curve: Sendable {
        public let label: String
        /// (mean predicted probability, fraction of the class), per non-empty bin.
        public let points: [DataPoint]
        public let rows: Int

        public init(label: String, points: [DataPoint], rows: Int) {
            self.label = label
            self.points = points
            self.rows = rows
        }

        /// scikit-learn's `calibration_curve` with uniform bins: bin k of
        /// `bins` holds the probabilities p with edgeₖ < p ≤ edgeₖ₊₁ (the
        /// first also 0, `np.searchsorted(edges[1:-1], p)`), and each
        /// non-empty bin gives (mean p, mean y).
        public static func points(actual: [Bool], probability: [Double], bins: Int) -> [DataPoint] {
            let edges = (0...bins).map { Double($0) / Double(bins) }
            let inner = Array(edges[1..<bins])
            var sums = [Double](repeating: 0, count: bins)
            var positives = [Double](repeating: 0, count: bins)
            var counts = [Int](repeating: 0, count: bins)
            for (isClass, p) in zip(actual, probability) {
                // searchsorted(side='left'): the number of inner edges < p.
                var bin = 0
                while bin < inner.count && inner[bin] < p { bin += 1 }
                sums[bin] += p
                positives[bin] += isClass ? 1 : 0
                counts[bin] += 1
            }
            return (0..<bins).filter { counts[$0] > 0 }.map {
                DataPoint(sums[$0] / Double(counts[$0]), positives[$0] / Double(counts[$0]))
            }
        }
    }

    public let model: String
    public let split: String
    public let curves: [Curve]

    public init(model: String, split: String, curves: [Curve]) {
        self.model = model
        self.split = split
        self.curves = curves
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        let perfect = Stroke(.reference, width: 1.2, dash: [5, 4])
        var marks: [Mark] = [.line([DataPoint(0, 0), DataPoint(1, 1)], perfect, marker: nil)]
        var legend: [LegendEntry] = []
        for (index, curve) in curves.enumerated() {
            let stroke = Stroke(Palette.color(index), width: 2)
            marks.append(.line(curve.points, stroke, marker: 3.5))
            legend.append(LegendEntry("\(curve.label) (\(NumberText.count(curve.rows)) rows)", .line(stroke, marker: 3.5)))
        }
        legend.append(LegendEntry("perfectly calibrated", .line(perfect, marker: nil)))
        let panel = Panel(x: unitAxis("mean predicted probability"), y: unitAxis("fraction of the class"), marks: marks, legend: legend)
        return Figure(title: title ?? "Calibration of \(model) (\(split))", panels: [panel], width: width, height: height)
    }
}
