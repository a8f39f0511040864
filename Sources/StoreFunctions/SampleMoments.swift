/// The count, mean and sum of squared deviations of a sample, computed in
/// two passes (the mean, then Σ(x − mean)² with the first pass's rounding
/// taken back out), as numpy's `mean` and `var` compute them.
struct SampleMoments {
    let count: Int
    let mean: Double
    /// Σ(x − mean)².
    let sumOfSquares: Double

    init<Values: Collection>(_ values: Values) where Values.Element == Double {
        count = values.count
        var sum = CompensatedSum()
        for value in values { sum.add(value) }
        let mean = count > 0 ? sum.value / Double(count) : .nan
        var squares = CompensatedSum()
        var deviations = CompensatedSum()
        for value in values {
            let deviation = value - mean
            deviations.add(deviation)
            squares.add(deviation * deviation)
        }
        // The corrected two-pass formula: Σd² − (Σd)²/n, where Σd is 0 but
        // for the rounding of the mean.
        let residual = deviations.value
        self.mean = mean
        let sumOfSquares = count > 0 ? squares.value - residual * residual / Double(count) : .nan
        // Never below 0 from rounding; NaN (an infinite value) stays NaN.
        self.sumOfSquares = sumOfSquares < 0 ? 0 : sumOfSquares
    }

    var n: Double { Double(count) }

    /// The sample variance (ddof = 1); NaN below 2 values.
    var variance: Double {
        count > 1 ? sumOfSquares / Double(count - 1) : .nan
    }
}
