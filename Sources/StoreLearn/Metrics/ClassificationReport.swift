/// Precision, recall, F1 and support of each class, with their macro and
/// support-weighted averages and the accuracy, as scikit-learn's
/// `classification_report(actual, predicted, output_dict=True)` (and
/// `precision_recall_fscore_support` with `average=None`, `'macro'` and
/// `'weighted'`).
///
/// ```swift
/// let confusion = try ConfusionMatrix(actual: [0, 0, 1, 2], predicted: [0, 1, 1, 1], classCount: 3)
/// let report = ClassificationReport(confusion)
/// report.classes[1]    // class 1: precision 1/3, recall 1, f1 0.5, support 1
/// report.classes[2]    // class 2: precision 0 (never predicted), recall 0, f1 0, support 1
/// report.macro.f1      // (2/3 + 1/2 + 0) / 3
/// ```
///
/// (1) The classes reported are those that occur in `actual` or in
///     `predicted`, ascending, as scikit-learn's default `labels`; a class
///     that occurs in neither has no row and does not enter the averages.
/// (2) precision = tp / (tp + fp), recall = tp / (tp + fn),
///     F1 = 2·tp / (2·tp + fp + fn), as scikit-learn computes it.
/// (3) A ratio whose denominator is 0 (a class never predicted has no
///     precision) is 0, as scikit-learn's default `zero_division="warn"`.
/// (4) The macro average is the plain mean over the reported classes; the
///     weighted average weighs each class by its support.
public struct ClassificationReport: Sendable, Equatable {
    /// The scores of one class.
    public struct ClassScores: Sendable, Equatable {
        public let label: Int
        public let precision: Double
        public let recall: Double
        public let f1: Double
        /// How many examples there are of the class.
        public let support: Int
    }

    /// Precision, recall and F1 averaged over the reported classes.
    public struct Averages: Sendable, Equatable {
        public let precision: Double
        public let recall: Double
        public let f1: Double
    }

    public let classes: [ClassScores]
    public let accuracy: Double
    public let macro: Averages
    public let weighted: Averages

    public init(_ confusion: ConfusionMatrix) {
        classes = (0..<confusion.classCount).compactMap { label in
            let support = confusion.support(of: label)
            let predictions = confusion.predictions(of: label)
            guard support + predictions > 0 else { return nil }
            let truePositives = Double(confusion[actual: label, predicted: label])
            return ClassScores(
                label: label,
                precision: Self.ratio(truePositives, Double(predictions)),
                recall: Self.ratio(truePositives, Double(support)),
                f1: Self.ratio(2 * truePositives, Double(support + predictions)),
                support: support)
        }
        accuracy = confusion.accuracy
        let count = Double(classes.count)
        macro = Averages(
            precision: classes.reduce(0) { $0 + $1.precision } / count,
            recall: classes.reduce(0) { $0 + $1.recall } / count,
            f1: classes.reduce(0) { $0 + $1.f1 } / count)
        let totalSupport = Double(classes.reduce(0) { $0 + $1.support })
        weighted = Averages(
            precision: classes.reduce(0) { $0 + $1.precision * Double($1.support) } / totalSupport,
            recall: classes.reduce(0) { $0 + $1.recall * Double($1.support) } / totalSupport,
            f1: classes.reduce(0) { $0 + $1.f1 * Double($1.support) } / totalSupport)
    }

    /// `numerator / denominator`, or 0 when the denominator is 0 (rule 3).
    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator == 0 ? 0 : numerator / denominator
    }
}
