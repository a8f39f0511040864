/// Tests of variances: the two-sample F-test and Levene's test.
enum VarianceTests {
    /// F = s₁²/s₂², the ratio of the sample variances (ddof = 1) of the first
    /// and second sample, with df1 = n₁ − 1 and df2 = n₂ − 1: `p_greater` is
    /// the upper tail, scipy `f.sf(F, df1, df2)`, and `p` the two-sided
    /// 2·min(`f.cdf`, `f.sf`). Needs 2 values in each sample; F is null when
    /// infinite (s₂² = 0 < s₁²; p is 0 then) or undefined (both 0).
    static func ratio(_ first: GroupedSamples.Sample, _ second: GroupedSamples.Sample) -> TestResult {
        let a = SampleMoments(first.values)
        let b = SampleMoments(second.values)
        var f = Double.nan
        var p = Double.nan
        var greater = Double.nan
        let df1 = a.n - 1
        let df2 = b.n - 1
        if df1 > 0 && df2 > 0 {
            f = a.variance / b.variance
            if !f.isNaN {
                greater = Probability.fSF(f, df1, df2)
                p = min(1, 2 * min(Probability.fCDF(f, df1, df2), greater))
            }
        }
        var result = TestResult()
        result.set("F", f)
        result.set("df1", df1 > 0 ? df1 : nil)
        result.set("df2", df2 > 0 ? df2 : nil)
        result.set("p", p)
        result.set("p_greater", greater)
        result.set("groups", groups: [first.group, second.group])
        result.set("n", integers: [a.count, b.count])
        result.set("mean", numbers: [a.mean, b.mean])
        result.set("var", numbers: [a.variance, b.variance])
        return result
    }

    /// Levene's test of equal variances of k ≥ 2 samples: scipy
    /// `levene(*samples, center=...)`: W is the one-way ANOVA F of the
    /// absolute deviations |x − center| of each sample, p from
    /// F(k − 1, N − k).
    static func levene(_ samples: [GroupedSamples.Sample], center: LeveneCenter) -> TestResult {
        let deviations = samples.map { sample -> ArraySlice<Double> in
            let middle = center.of(sample.values)
            return ArraySlice(sample.values.map { abs($0 - middle) })
        }
        let oneWay = MeanTests.OneWay(deviations)
        let moments = samples.map { SampleMoments($0.values) }
        var result = TestResult()
        result.set("W", oneWay.f)
        result.set("p", oneWay.p)
        result.set("df_between", oneWay.dfBetween)
        result.set("df_within", oneWay.dfWithin)
        result.set("groups", groups: samples.map(\.group))
        result.set("n", integers: moments.map(\.count))
        result.set("mean", numbers: moments.map(\.mean))
        result.set("var", numbers: moments.map(\.variance))
        return result
    }
}
