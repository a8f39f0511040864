import Foundation

/// The mean negative natural logarithm of the probability given to each
/// example's actual class, as scikit-learn's `log_loss(actual, probabilities,
/// labels=range(classCount))`.
///
/// ```swift
/// let probabilities = Matrix([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
/// try logLoss(actual: [0, 1, 1], probabilities: probabilities)   // -(ln 0.9 + ln 0.8 + ln 0.4) / 3
/// ```
///
/// (1) Probabilities are clipped to [ε, 1 − ε] with ε = 2.220446049250313e-16,
///     the machine epsilon of a double (`np.finfo(np.float64).eps`), so a
///     probability of 0 for the actual class costs −ln ε ≈ 36.04, not infinity.
/// (2) Rows are not renormalized: scikit-learn 1.9 only warns when a row does
///     not sum to 1 and uses the values as given (older releases divided each
///     row by its sum).
/// (3) Only the actual class's column counts (the others are multiplied by 0).
/// (4) A probability below 0, above 1, NaN or infinite, fewer than two
///     columns, empty input and mismatched lengths are a `MetricError`, as
///     scikit-learn refuses them.
public func logLoss(actual: [Int], probabilities: Matrix) throws -> Double {
    try checkProbabilities(probabilities, actual: actual, metric: "log_loss")
    if let index = probabilities.values.firstIndex(where: { !(0...1).contains($0) }) {
        throw MetricError("log_loss: probabilities holds \(probabilities.values[index]) at row \(index / probabilities.columns), column \(index % probabilities.columns); probabilities must lie between 0 and 1.")
    }
    let epsilon = Double.ulpOfOne
    let total = actual.enumerated().reduce(0.0) { sum, example in
        let (row, label) = example
        return sum - log(min(max(probabilities[row, label], epsilon), 1 - epsilon))
    }
    return total / Double(actual.count)
}
