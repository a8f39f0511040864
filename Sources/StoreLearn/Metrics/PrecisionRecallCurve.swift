/// Precision and recall of one class against the rest at each threshold on
/// that class's probability, as scikit-learn's `precision_recall_curve(actual
/// == positiveClass, probabilities[:, positiveClass])` (`drop_intermediate=False`,
/// its default), and the average precision it gives.
///
/// ```swift
/// let probabilities = Matrix([[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])
/// let curve = try PrecisionRecallCurve(actual: [0, 0, 1, 1], probabilities: probabilities)
/// curve.points.map(\.precision)   // [0.5, 2/3, 0.5, 1, 1]
/// curve.points.map(\.recall)      // [1, 1, 0.5, 0.5, 0]
/// curve.points.map(\.threshold)   // [0.1, 0.35, 0.4, 0.8, nil]
/// curve.averagePrecision          // 5/6
/// ```
///
/// (1) Thresholds are the distinct scores, lowest first (recall decreasing);
///     tied scores make one point. A point is a score ≥ threshold counted as
///     positive.
/// (2) The last point is precision 1, recall 0 and has no threshold (nil), as
///     scikit-learn appends it without one.
/// (3) With no positive examples every recall but the last is 1 (scikit-learn
///     warns) and every precision but the last is 0.
/// (4) Probabilities are used as scores as given. NaN or infinite values,
///     empty input and mismatched lengths are a `MetricError`.
public struct PrecisionRecallCurve: Sendable, Equatable {
    /// One point of the curve; the final point has no threshold.
    public struct Point: Sendable, Equatable {
        public let precision: Double
        public let recall: Double
        public let threshold: Double?
    }

    public let points: [Point]

    /// The curve of class `positiveClass` (1 by default: the positive class of
    /// a binary problem) scored by its column of `probabilities`.
    public init(actual: [Int], probabilities: Matrix, positiveClass: Int = 1) throws {
        try checkProbabilities(probabilities, actual: actual, metric: "precision_recall_curve")
        guard (0..<probabilities.columns).contains(positiveClass) else {
            throw MetricError("precision_recall_curve: positive class \(positiveClass) is not one of the \(probabilities.columns) classes.")
        }
        self.init(BinaryScores(actual: actual, probabilities: probabilities, positiveClass: positiveClass))
    }

    init(_ binary: BinaryScores) {
        let counts = binary.countsAtThresholds()
        let positives = Double(binary.positiveCount)
        let ascending = zip(zip(counts.truePositives, counts.falsePositives), counts.thresholds).reversed()
        points = ascending.map { pair, threshold in
            let (truePositives, falsePositives) = pair
            return Point(
                precision: Double(truePositives) / Double(truePositives + falsePositives),
                recall: positives > 0 ? Double(truePositives) / positives : 1,
                threshold: threshold)
        } + [Point(precision: 1, recall: 0, threshold: nil)]
    }

    /// The precision at each threshold weighted by the recall gained there,
    /// −Σ (recall[i+1] − recall[i]) · precision[i], as scikit-learn's
    /// `average_precision_score` (no interpolation); never below 0. With no
    /// positive examples it is 0.
    public var averagePrecision: Double {
        let negated = zip(points, points.dropFirst()).reduce(0) { sum, pair in
            let (point, next) = pair
            return sum + (next.recall - point.recall) * point.precision
        }
        return -negated > 0 ? -negated : 0
    }
}
