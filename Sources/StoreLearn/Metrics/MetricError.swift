/// Why a metric cannot be computed from the given labels, predictions or
/// probabilities, as a sentence that names the metric and the argument.
///
/// The metrics refuse what scikit-learn refuses (no examples, lengths that
/// differ, NaN or infinite values, probabilities outside [0, 1] for log loss)
/// and also class indices outside `0..<classCount`, which scikit-learn would
/// take as one more class.
public struct MetricError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Checks that `labels` is not empty and holds only indices in `0..<classCount`.
func checkLabels(_ labels: [Int], named name: String, classCount: Int, metric: String) throws {
    guard !labels.isEmpty else {
        throw MetricError("\(metric): \(name) is empty; there are no examples to evaluate.")
    }
    if let (row, label) = labels.enumerated().first(where: { $0.element < 0 || $0.element >= classCount }) {
        throw MetricError("\(metric): \(name) holds class \(label) at row \(row), outside the \(classCount) classes 0..<\(classCount).")
    }
}

/// Checks that two per-example arrays have one value per example each.
func checkSameCount(_ first: Int, _ firstName: String, _ second: Int, _ secondName: String, metric: String) throws {
    guard first == second else {
        throw MetricError("\(metric): \(firstName) has \(first) values but \(secondName) has \(second); give one per example.")
    }
}

/// Checks `actual` against `probabilities` (one row per example, one column
/// per class, at least two classes, every value finite).
func checkProbabilities(_ probabilities: Matrix, actual: [Int], metric: String) throws {
    guard probabilities.columns >= 2 else {
        throw MetricError("\(metric): probabilities has \(probabilities.columns) column(s); it needs one column per class and at least two classes.")
    }
    try checkSameCount(actual.count, "actual", probabilities.rows, "probabilities", metric: metric)
    try checkLabels(actual, named: "actual", classCount: probabilities.columns, metric: metric)
    if let index = probabilities.values.firstIndex(where: { !$0.isFinite }) {
        throw MetricError("\(metric): probabilities holds \(probabilities.values[index]) at row \(index / probabilities.columns), column \(index % probabilities.columns); scores must be finite numbers.")
    }
}
