/// How far a regressor's predictions are from the actual values: the mean
/// squared error, its root, the mean absolute error and R², as scikit-learn's
/// `mean_squared_error`, `root_mean_squared_error`, `mean_absolute_error`
/// and `r2_score`.
///
/// ```swift
/// let metrics = try RegressionMetrics(actual: [3, -0.5, 2, 7], predicted: [2.5, 0, 2, 8])
/// metrics.meanSquaredError       // 0.375
/// metrics.rootMeanSquaredError   // 0.6123724356957945
/// metrics.meanAbsoluteError      // 0.5
/// metrics.r2                     // 0.9486081370449679
/// ```
///
/// (1) R² is 1 − Σ(actual − predicted)² / Σ(actual − mean)².
/// (2) When `actual` is constant, R² is 1 if every prediction is exact and 0
///     otherwise, as scikit-learn's default `force_finite=True`.
/// (3) With fewer than two examples R² is nil (scikit-learn warns and gives NaN).
/// (4) Empty input, mismatched lengths and NaN or infinite values are a
///     `MetricError`, as scikit-learn refuses them.
public struct RegressionMetrics: Sendable, Equatable {
    public let meanSquaredError: Double
    public let rootMeanSquaredError: Double
    public let meanAbsoluteError: Double
    public let r2: Double?

    public init(actual: [Double], predicted: [Double]) throws {
        try checkSameCount(actual.count, "actual", predicted.count, "predicted", metric: "regression metrics")
        guard !actual.isEmpty else {
            throw MetricError("regression metrics: actual is empty; there are no examples to evaluate.")
        }
        for (name, values) in [("actual", actual), ("predicted", predicted)] {
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                throw MetricError("regression metrics: \(name) holds \(values[row]) at row \(row); values must be finite numbers.")
            }
        }
        let count = Double(actual.count)
        let squaredErrorSum = zip(actual, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        meanSquaredError = squaredErrorSum / count
        rootMeanSquaredError = meanSquaredError.squareRoot()
        meanAbsoluteError = zip(actual, predicted).reduce(0.0) { $0 + abs($1.1 - $1.0) } / count
        if actual.count < 2 {
            r2 = nil
        } else {
            let mean = actual.reduce(0, +) / count
            let totalSquares = actual.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
            if squaredErrorSum == 0 {
                r2 = 1
            } else if totalSquares == 0 {
                r2 = 0
            } else {
                r2 = 1 - squaredErrorSum / totalSquares
            }
        }
    }
}
