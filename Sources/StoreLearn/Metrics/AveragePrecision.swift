/// The average precision of a binary problem: class 1 is positive and its
/// score is column 1 of `probabilities`, as scikit-learn's
/// `average_precision_score(actual, probabilities[:, 1])`.
///
/// ```swift
/// let probabilities = Matrix([[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])
/// try averagePrecision(actual: [0, 0, 1, 1], probabilities: probabilities)   // 5/6
/// try averagePrecision(actual: [0, 0, 0, 0], probabilities: probabilities)   // 0
/// ```
///
/// It is Σ (recall gained at a threshold) × (precision at it) over the
/// precision-recall curve, without interpolation. With no positive examples
/// it is 0, as scikit-learn (which warns). `probabilities` must have exactly
/// two columns; see `averagePrecisionOneVsRest` for more classes.
public func averagePrecision(actual: [Int], probabilities: Matrix) throws -> Double {
    guard probabilities.columns == 2 else {
        throw MetricError("average_precision: probabilities has \(probabilities.columns) columns; the binary average precision needs 2. Use averagePrecisionOneVsRest for more classes.")
    }
    return try PrecisionRecallCurve(actual: actual, probabilities: probabilities).averagePrecision
}

/// The mean over classes of each class's average precision against the rest,
/// as scikit-learn's `average_precision_score(np.eye(classCount)[actual],
/// probabilities, average='macro')` on the one-hot matrix of `actual`; when
/// every class occurs in `actual` this is `average_precision_score(actual,
/// probabilities)`.
///
/// ```swift
/// let probabilities = Matrix([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7]])
/// try averagePrecisionOneVsRest(actual: [0, 1, 2], probabilities: probabilities)   // 1
/// try averagePrecisionOneVsRest(actual: [0, 1, 1], probabilities: probabilities)   // (1 + 5/6 + 0) / 3
/// ```
///
/// A class that never occurs in `actual` counts with average precision 0, as
/// in scikit-learn on the one-hot matrix (scikit-learn's multiclass call
/// itself refuses such input).
public func averagePrecisionOneVsRest(actual: [Int], probabilities: Matrix) throws -> Double {
    try checkProbabilities(probabilities, actual: actual, metric: "average_precision_macro")
    let sum = (0..<probabilities.columns).reduce(0.0) { sum, label in
        sum + PrecisionRecallCurve(BinaryScores(actual: actual, probabilities: probabilities, positiveClass: label)).averagePrecision
    }
    return sum / Double(probabilities.columns)
}
