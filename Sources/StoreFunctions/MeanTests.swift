/// Tests of means and proportions: Student's and Welch's t-tests (two
/// independent samples, one sample, paired), the two-sample z-test of means,
/// the two-proportion z-test and one-way ANOVA. The statistics and p-values
/// follow scipy 1.17 and statsmodels 0.15, named at each function.
enum MeanTests {
    /// The two-sided p-value of t with `df` degrees of freedom: 0 when t is
    /// infinite (every value equal within its sample, means apart), as scipy.
    static func twoSidedT(_ t: Double, _ df: Double) -> Double {
        if t.isInfinite { return 0 }
        guard t.isFinite, df.isFinite, df > 0 else { return .nan }
        return 2 * Probability.tSF(abs(t), df)
    }

    /// The two-sided p-value of a standard normal z.
    static func twoSidedZ(_ z: Double) -> Double {
        z.isNaN ? .nan : 2 * Probability.normalSF(abs(z))
    }

    /// Cohen's d of two samples: the difference of means over the pooled
    /// standard deviation √((SS₁ + SS₂)/(n₁ + n₂ − 2)), as pingouin 0.5's
    /// `compute_effsize(x, y, eftype='cohen')`. NaN without a pooled variance.
    static func cohensD(_ a: SampleMoments, _ b: SampleMoments) -> Double {
        let df = a.n + b.n - 2
        guard df > 0 else { return .nan }
        return (a.mean - b.mean) / ((a.sumOfSquares + b.sumOfSquares) / df).squareRoot()
    }

    /// Two independent samples, first minus second: scipy
    /// `ttest_ind(a, b, equal_var=...)`. Student's test (equal variances)
    /// pools the variances, df = n₁ + n₂ − 2, and needs df ≥ 1 (a sample of
    /// one value adds nothing to the pooled variance, as in scipy); Welch's
    /// has the Welch–Satterthwaite df and needs 2 values in each sample.
    static func independent(_ first: GroupedSamples.Sample, _ second: GroupedSamples.Sample, equalVariances: Bool) -> TestResult {
        let a = SampleMoments(first.values)
        let b = SampleMoments(second.values)
        var t = Double.nan
        var df = Double.nan
        if equalVariances {
            df = a.n + b.n - 2
            if df > 0 {
                let pooled = (a.sumOfSquares + b.sumOfSquares) / df
                t = (a.mean - b.mean) / (pooled * (1 / a.n + 1 / b.n)).squareRoot()
            }
        } else if a.count > 1 && b.count > 1 {
            let shareA = a.variance / a.n
            let shareB = b.variance / b.n
            df = (shareA + shareB) * (shareA + shareB) / (shareA * shareA / (a.n - 1) + shareB * shareB / (b.n - 1))
            t = (a.mean - b.mean) / (shareA + shareB).squareRoot()
        }
        var result = TestResult()
        result.set("t", t)
        result.set("df", df)
        result.set("p", twoSidedT(t, df))
        result.set("d", cohensD(a, b))
        result.set("groups", groups: [first.group, second.group])
        result.set("n", integers: [a.count, b.count])
        result.set("mean", numbers: [a.mean, b.mean])
        return result
    }

    /// One sample against a hypothesized mean `mu`: scipy `ttest_1samp(x, mu)`,
    /// df = n − 1, with Cohen's d = (mean − mu)/s.
    static func oneSample<Values: Collection>(_ values: Values, mu: Double) -> TestResult where Values.Element == Double {
        let moments = SampleMoments(values)
        var t = Double.nan
        var d = Double.nan
        let df = moments.n - 1
        if moments.count > 1 {
            let deviation = moments.variance.squareRoot()
            t = (moments.mean - mu) / (deviation / moments.n.squareRoot())
            d = (moments.mean - mu) / deviation
        }
        var result = TestResult()
        result.set("t", t)
        result.set("df", moments.count > 0 ? df : nil)
        result.set("p", twoSidedT(t, df))
        result.set("d", d)
        result.set("n", integer: moments.count)
        result.set("mean", moments.mean)
        return result
    }

    /// Two samples, first minus second, with the pooled variance:
    /// statsmodels `ztest(x1, x2)` (usevar='pooled', ddof=1):
    /// z = (x̄₁ − x̄₂) / √((SS₁ + SS₂)/(n₁ + n₂ − 2) · (1/n₁ + 1/n₂)).
    static func z(_ first: GroupedSamples.Sample, _ second: GroupedSamples.Sample) -> TestResult {
        let a = SampleMoments(first.values)
        let b = SampleMoments(second.values)
        var z = Double.nan
        let df = a.n + b.n - 2
        if df > 0 {
            let pooled = (a.sumOfSquares + b.sumOfSquares) / df
            z = (a.mean - b.mean) / (pooled * (1 / a.n + 1 / b.n)).squareRoot()
        }
        var result = TestResult()
        result.set("z", z)
        result.set("p", twoSidedZ(z))
        result.set("d", cohensD(a, b))
        result.set("groups", groups: [first.group, second.group])
        result.set("n", integers: [a.count, b.count])
        result.set("mean", numbers: [a.mean, b.mean])
        return result
    }

    /// Two proportions of successes (values 0 or 1), first minus second,
    /// with the pooled proportion: statsmodels
    /// `proportions_ztest(count, nobs)`: z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)),
    /// p̂ = (c₁ + c₂)/(n₁ + n₂). Undefined (null) when every value is 0 or every one 1.
    static func proportions(_ first: GroupedSamples.Sample, _ second: GroupedSamples.Sample) -> TestResult {
        let counts = [first.values.reduce(0, +), second.values.reduce(0, +)]
        let sizes = [Double(first.values.count), Double(second.values.count)]
        let shares = [counts[0] / sizes[0], counts[1] / sizes[1]]
        let pooled = (counts[0] + counts[1]) / (sizes[0] + sizes[1])
        let z = (shares[0] - shares[1]) / (pooled * (1 - pooled) * (1 / sizes[0] + 1 / sizes[1])).squareRoot()
        var result = TestResult()
        result.set("z", z)
        result.set("p", twoSidedZ(z))
        result.set("groups", groups: [first.group, second.group])
        result.set("count", integers: counts.map { Int($0) })
        result.set("nobs", integers: sizes.map { Int($0) })
        result.set("prop", numbers: shares)
        return result
    }

    /// The one-way analysis of variance of k ≥ 2 samples: scipy
    /// `f_oneway(*samples)`. F = (SSB/(k − 1)) / (SSW/(N − k)), p from
    /// F(k − 1, N − k), and η² = SSB/(SSB + SSW). F is null when undefined
    /// (N = k, or every value equal) or infinite (every sample constant,
    /// means apart; p is 0 then, as scipy).
    static func anova(_ samples: [GroupedSamples.Sample]) -> TestResult {
        let oneWay = OneWay(samples.map(\.values))
        var result = TestResult()
        result.set("F", oneWay.f)
        result.set("p", oneWay.p)
        result.set("df_between", oneWay.dfBetween)
        result.set("df_within", oneWay.dfWithin)
        result.set("eta_squared", oneWay.sumOfSquaresBetween / (oneWay.sumOfSquaresBetween + oneWay.sumOfSquaresWithin))
        result.set("groups", groups: samples.map(\.group))
        result.set("n", integers: oneWay.moments.map(\.count))
        result.set("mean", numbers: oneWay.moments.map(\.mean))
        return result
    }

    /// The sums of squares of a one-way layout and its F statistic, shared
    /// by ANOVA and Levene's test (which is the ANOVA of absolute deviations).
    struct OneWay {
        let moments: [SampleMoments]
        let sumOfSquaresBetween: Double
        let sumOfSquaresWithin: Double
        let dfBetween: Double
        let dfWithin: Double

        init(_ samples: [ArraySlice<Double>]) {
            moments = samples.map { SampleMoments($0) }
            let total = moments.reduce(0) { $0 + $1.n }
            var sum = CompensatedSum()
            for sample in samples {
                for value in sample { sum.add(value) }
            }
            let grandMean = sum.value / total
            var between = CompensatedSum()
            var within = CompensatedSum()
            for moment in moments {
                between.add(moment.n * (moment.mean - grandMean) * (moment.mean - grandMean))
                within.add(moment.sumOfSquares)
            }
            sumOfSquaresBetween = between.value
            sumOfSquaresWithin = within.value
            dfBetween = Double(samples.count - 1)
            dfWithin = total - Double(samples.count)
        }

        var f: Double {
            guard dfWithin > 0 else { return .nan }
            return (sumOfSquaresBetween / dfBetween) / (sumOfSquaresWithin / dfWithin)
        }

        var p: Double {
            let f = self.f
            if f.isInfinite { return 0 }
            guard f.isFinite else { return .nan }
            return Probability.fSF(f, dfBetween, dfWithin)
        }
    }
}
