/// Pearson's correlation and its test, as scipy 1.17's `pearsonr(x, y)`:
/// r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) (two-pass, kept within
/// [−1, 1]), and the two-sided p-value from r's exact distribution under
/// independent normal variables, a beta distribution on [−1, 1] with
/// a = b = n/2 − 1: p = 2·I_{(1 − |r|)/2}(n/2 − 1, n/2 − 1).
///
/// With 2 pairs r is exactly ±1 and p is 1, as scipy; with fewer, or a constant
/// variable, r and p are null (scipy raises an error or returns NaN).
enum CorrelationTest {
    static func pearson(_ xs: ArraySlice<Double>, _ ys: ArraySlice<Double>) -> TestResult {
        let x = SampleMoments(xs)
        let y = SampleMoments(ys)
        var cross = CompensatedSum()
        for (a, b) in zip(xs, ys) { cross.add((a - x.mean) * (b - y.mean)) }
        var r = Double.nan
        var p = Double.nan
        let n = xs.count
        if n >= 2 && x.sumOfSquares > 0 && y.sumOfSquares > 0 {
            r = cross.value / (x.sumOfSquares.squareRoot() * y.sumOfSquares.squareRoot())
            if r > 1 { r = 1 } else if r < -1 { r = -1 }
            if n == 2 {
                // Exactly ±1, as scipy sets it.
                r = r > 0 ? 1 : -1
                p = 1
            } else {
                let shape = Double(n) / 2 - 1
                p = min(1, 2 * Probability.betaIncomplete(shape, shape, (1 - abs(r)) / 2))
            }
        }
        var result = TestResult()
        result.set("r", r)
        result.set("p", p)
        result.set("n", integer: n)
        result.set("mean", numbers: [x.mean, y.mean])
        return result
    }
}
