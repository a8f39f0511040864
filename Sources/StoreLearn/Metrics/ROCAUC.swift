/// How one-vs-rest scores of several classes are averaged into one.
public enum OneVsRestAverage: String, Sendable {
    /// The plain mean of each class's score against the rest.
    case macro
    /// One score over every (example, class) cell of the one-hot matrix.
    case micro
}

/// The area under the ROC curve of a binary problem: class 1 is positive and
/// its score is column 1 of `probabilities`, as scikit-learn's
/// `roc_auc_score(actual, probabilities[:, 1])`.
///
/// ```swift
/// let probabilities = Matrix([[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])
/// try rocAUC(actual: [0, 0, 1, 1], probabilities: probabilities)   // 0.75
/// try rocAUC(actual: [1, 1, 1, 1], probabilities: probabilities)   // nil
/// ```
///
/// Tied scores count half, as the trapezoid over distinct thresholds does.
/// When `actual` holds only one class the area is undefined and the result is
/// nil (scikit-learn warns and gives NaN). `probabilities` must have exactly
/// two columns; see `rocAUCOneVsRest` for more classes.
public func rocAUC(actual: [Int], probabilities: Matrix) throws -> Double? {
    guard probabilities.columns == 2 else {
        throw MetricError("roc_auc: probabilities has \(probabilities.columns) columns; the binary ROC AUC needs 2. Use rocAUCOneVsRest for more classes.")
    }
    return try ROCCurve(actual: actual, probabilities: probabilities).area
}

/// The area under the ROC curve of each class against the rest, averaged, as
/// scikit-learn's `roc_auc_score(np.eye(classCount)[actual], probabilities,
/// average=...)` on the one-hot matrix of `actual`. For three or more classes
/// `.macro` is the same as `roc_auc_score(actual, probabilities,
/// multi_class='ovr', average='macro')`, and `.micro` is the area of one
/// curve over every (example, class) cell.
///
/// ```swift
/// let probabilities = Matrix([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7]])
/// try rocAUCOneVsRest(actual: [0, 1, 2], probabilities: probabilities, average: .macro)   // 1
/// try rocAUCOneVsRest(actual: [0, 1, 1], probabilities: probabilities, average: .macro)   // nil
/// ```
///
/// The macro average is nil when some class never occurs in `actual` (or is
/// every example): its own area is undefined, and scikit-learn gives NaN.
/// The micro average is always defined. Probabilities are used as scores as
/// given (scikit-learn also refuses rows that do not sum to 1).
public func rocAUCOneVsRest(actual: [Int], probabilities: Matrix, average: OneVsRestAverage) throws -> Double? {
    try checkProbabilities(probabilities, actual: actual, metric: "roc_auc_ovr_\(average.rawValue)")
    switch average {
    case .micro:
        return ROCCurve(BinaryScores(oneHotCellsOf: actual, probabilities: probabilities)).area
    case .macro:
        var sum = 0.0
        for label in 0..<probabilities.columns {
            guard let area = ROCCurve(BinaryScores(actual: actual, probabilities: probabilities, positiveClass: label)).area else {
                return nil
            }
            sum += area
        }
        return sum / Double(probabilities.columns)
    }
}
