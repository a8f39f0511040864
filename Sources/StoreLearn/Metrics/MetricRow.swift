/// One evaluation number as a row of the `metrics` table: the metric's name,
/// the class it is about (nil for the whole model) and its value (nil when
/// undefined, as a ROC AUC when `actual` holds one class).
///
/// ```swift
/// let rows = try MetricRow.classification(actual: [0, 1, 1], predicted: [0, 1, 0],
///                                         probabilities: Matrix([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]))
/// rows[0]   // MetricRow(name: "accuracy", classIndex: nil, value: 2/3)
/// rows[2]   // MetricRow(name: "precision", classIndex: 0, value: 0.5)
/// ```
public struct MetricRow: Sendable, Equatable {
    public let name: String
    public let classIndex: Int?
    public let value: Double?

    public init(_ name: String, classIndex: Int? = nil, _ value: Double?) {
        self.name = name
        self.classIndex = classIndex
        self.value = value
    }

    /// Every classification metric, in this order:
    ///
    /// 1. `accuracy`, `balanced_accuracy`;
    /// 2. for each class of the `ClassificationReport` (those in `actual` or
    ///    `predicted`): `precision`, `recall`, `f1`, `support`;
    /// 3. `precision_macro`, `recall_macro`, `f1_macro`, `precision_weighted`,
    ///    `recall_weighted`, `f1_weighted`;
    /// 4. with two classes `roc_auc` and `average_precision` (class 1 is
    ///    positive); with more `roc_auc_ovr_macro`, `roc_auc_ovr_micro` and
    ///    `average_precision_macro`;
    /// 5. `log_loss`.
    ///
    /// The class count is the number of columns of `probabilities`, at least
    /// two. Each value is that of the function or type named in its
    /// documentation (`ConfusionMatrix`, `ClassificationReport`, `rocAUC`,
    /// `rocAUCOneVsRest`, `averagePrecision`, `averagePrecisionOneVsRest`,
    /// `logLoss`); inputs they refuse are a `MetricError`. Sums run in example
    /// order where numpy sums pairwise, so on long inputs a value can differ
    /// from scikit-learn's in its last bits (2 units in the last place for a
    /// log loss over 13 rows in the tests).
    public static func classification(actual: [Int], predicted: [Int], probabilities: Matrix) throws -> [MetricRow] {
        try checkProbabilities(probabilities, actual: actual, metric: "classification metrics")
        let confusion = try ConfusionMatrix(actual: actual, predicted: predicted, classCount: probabilities.columns)
        let report = ClassificationReport(confusion)
        var rows = [
            MetricRow("accuracy", confusion.accuracy),
            MetricRow("balanced_accuracy", confusion.balancedAccuracy),
        ]
        for scores in report.classes {
            rows += [
                MetricRow("precision", classIndex: scores.label, scores.precision),
                MetricRow("recall", classIndex: scores.label, scores.recall),
                MetricRow("f1", classIndex: scores.label, scores.f1),
                MetricRow("support", classIndex: scores.label, Double(scores.support)),
            ]
        }
        rows += [
            MetricRow("precision_macro", report.macro.precision),
            MetricRow("recall_macro", report.macro.recall),
            MetricRow("f1_macro", report.macro.f1),
            MetricRow("precision_weighted", report.weighted.precision),
            MetricRow("recall_weighted", report.weighted.recall),
            MetricRow("f1_weighted", report.weighted.f1),
        ]
        if probabilities.columns == 2 {
            rows += [
                MetricRow("roc_auc", try rocAUC(actual: actual, probabilities: probabilities)),
                MetricRow("average_precision", try averagePrecision(actual: actual, probabilities: probabilities)),
            ]
        } else {
            rows += [
                MetricRow("roc_auc_ovr_macro", try rocAUCOneVsRest(actual: actual, probabilities: probabilities, average: .macro)),
                MetricRow("roc_auc_ovr_micro", try rocAUCOneVsRest(actual: actual, probabilities: probabilities, average: .micro)),
                MetricRow("average_precision_macro", try averagePrecisionOneVsRest(actual: actual, probabilities: probabilities)),
            ]
        }
        rows.append(MetricRow("log_loss", try logLoss(actual: actual, probabilities: probabilities)))
        return rows
    }

    /// Every regression metric of `RegressionMetrics`: `rmse`, `mae`, `mse`,
    /// `r2` (nil with fewer than two examples), all with no class.
    public static func regression(actual: [Double], predicted: [Double]) throws -> [MetricRow] {
        let metrics = try RegressionMetrics(actual: actual, predicted: predicted)
        return [
            MetricRow("rmse", metrics.rootMeanSquaredError),
            MetricRow("mae", metrics.meanAbsoluteError),
            MetricRow("mse", metrics.meanSquaredError),
            MetricRow("r2", metrics.r2),
        ]
    }
}
