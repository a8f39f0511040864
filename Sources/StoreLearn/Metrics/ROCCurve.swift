/// The receiver operating characteristic of one class against the rest:
/// false and true positive rates at each threshold on that class's
/// probability, as scikit-learn's `roc_curve(actual == positiveClass,
/// probabilities[:, positiveClass], drop_intermediate=True)`.
///
/// ```swift
/// let probabilities = Matrix([[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])
/// let curve = try ROCCurve(actual: [0, 0, 1, 1], probabilities: probabilities)
/// curve.points.map(\.falsePositiveRate)   // [0, 0, 0.5, 0.5, 1]
/// curve.points.map(\.truePositiveRate)    // [0, 0.5, 0.5, 1, 1]
/// curve.points.map(\.threshold)           // [+inf, 0.8, 0.4, 0.35, 0.1]
/// curve.area                              // 0.75
/// ```
///
/// (1) Thresholds are the distinct scores, highest first; tied scores make
///     one point. A point is a score ≥ threshold counted as positive.
/// (2) The first point is (0, 0) at threshold +infinity, as scikit-learn ≥ 1.3.
/// (3) Points in the middle of a straight horizontal or vertical run are
///     dropped (`drop_intermediate=True`): a point stays when the change in
///     false or true positives differs before and after it.
/// (4) With no negative examples every false positive rate is NaN, with no
///     positive examples every true positive rate is NaN (scikit-learn
///     warns), and the area is nil.
/// (5) Probabilities are used as scores as given; they need not sum to 1.
///     NaN or infinite values, empty input and mismatched lengths are a
///     `MetricError`.
public struct ROCCurve: Sendable, Equatable {
    /// One point of the curve.
    public struct Point: Sendable, Equatable {
        public let falsePositiveRate: Double
        public let truePositiveRate: Double
        public let threshold: Double
    }

    public let points: [Point]

    /// The curve of class `positiveClass` (1 by default: the positive class of
    /// a binary problem) scored by its column of `probabilities`.
    public init(actual: [Int], probabilities: Matrix, positiveClass: Int = 1) throws {
        try checkProbabilities(probabilities, actual: actual, metric: "roc_curve")
        guard (0..<probabilities.columns).contains(positiveClass) else {
            throw MetricError("roc_curve: positive class \(positiveClass) is not one of the \(probabilities.columns) classes.")
        }
        self.init(BinaryScores(actual: actual, probabilities: probabilities, positiveClass: positiveClass))
    }

    init(_ binary: BinaryScores) {
        let counts = binary.countsAtThresholds()
        let last = counts.thresholds.count - 1
        let kept = (0...last).filter { index in
            guard index > 0, index < last else { return true }
            return Self.bends(counts.falsePositives, at: index) || Self.bends(counts.truePositives, at: index)
        }
        let negatives = Double(counts.falsePositives[last])
        let positives = Double(counts.truePositives[last])
        points = [Point(falsePositiveRate: negatives > 0 ? 0 : .nan, truePositiveRate: positives > 0 ? 0 : .nan, threshold: .infinity)]
            + kept.map { index in
                Point(
                    falsePositiveRate: negatives > 0 ? Double(counts.falsePositives[index]) / negatives : .nan,
                    truePositiveRate: positives > 0 ? Double(counts.truePositives[index]) / positives : .nan,
                    threshold: counts.thresholds[index])
            }
    }

    /// Whether `counts` changes by a different amount before and after
    /// `index`: scikit-learn's nonzero `np.diff(counts, 2)`.
    private static func bends(_ counts: [Int], at index: Int) -> Bool {
        counts[index + 1] - counts[index] != counts[index] - counts[index - 1]
    }

    /// The area under the curve by the trapezoidal rule, as scikit-learn's
    /// `auc(fpr, tpr)` and so `roc_auc_score`; nil when the actual labels are
    /// all positive or all negative (scikit-learn warns and gives NaN).
    public var area: Double? {
        guard let end = points.last, !end.falsePositiveRate.isNaN, !end.truePositiveRate.isNaN else { return nil }
        return zip(points, points.dropFirst()).reduce(0) { area, pair in
            let (left, right) = pair
            return area + (right.falsePositiveRate - left.falsePositiveRate) * (right.truePositiveRate + left.truePositiveRate) / 2
        }
    }
}
