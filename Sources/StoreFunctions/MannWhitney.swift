/// The Mann–Whitney U test of two independent samples, two-sided, as scipy
/// 1.17's `mannwhitneyu(x, y)` computes it with its defaults
/// (`use_continuity=True`, `alternative='two-sided'`, `method='auto'`).
///
/// - U is the statistic of the first sample: R₁ − n₁(n₁ + 1)/2, R₁ the sum
///   of its ranks among all values (ties get the average of their ranks).
/// - `method='auto'` is scipy's rule: the exact distribution of U when
///   either sample has 8 values or fewer and no value is tied; otherwise the
///   normal approximation. The result's `method` says which was used.
/// - Exact: p = 2·P(U ≥ max(U₁, U₂)) under the null hypothesis (every
///   arrangement of the ranks equally likely), at most 1.
/// - Normal approximation: z = (max(U₁, U₂) − n₁n₂/2 − 0.5) / σ with the tie
///   correction σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))), t the size of
///   each run of tied values; p = 2·sf(z), at most 1 (and 1 when every value
///   is tied, σ = 0).
/// - The effect size `r` is the rank-biserial correlation 2U₁/(n₁n₂) − 1:
///   +1 when every value of the first sample is above every value of the
///   second, −1 when below, 0 at no difference.
enum MannWhitney {
    /// The largest size of the smaller sample for which scipy's 'auto' takes
    /// the exact distribution.
    static let exactLimit = 8

    static func test(_ first: GroupedSamples.Sample, _ second: GroupedSamples.Sample) -> TestResult {
        let n1 = first.values.count
        let n2 = second.values.count
        // Every value with whether it is from the first sample, in order.
        var pooled = first.values.map { ($0, true) } + second.values.map { ($0, false) }
        pooled.sort { $0.0 < $1.0 }
        var rankSum = 0.0
        var tieTerm = 0.0
        var start = 0
        while start < pooled.count {
            var end = start + 1
            while end < pooled.count && pooled[end].0 == pooled[start].0 { end += 1 }
            // Ranks start + 1 … end, averaged.
            let rank = Double(start + 1 + end) / 2
            for index in start..<end where pooled[index].1 { rankSum += rank }
            let run = Double(end - start)
            tieTerm += run * run * run - run
            start = end
        }
        let product = Double(n1) * Double(n2)
        let u1 = rankSum - Double(n1) * Double(n1 + 1) / 2
        let u = max(u1, product - u1)
        let exact = min(n1, n2) <= exactLimit && tieTerm == 0
        let p: Double
        if exact {
            // P(U ≥ u) = P(U ≤ n₁n₂ − u) by symmetry.
            p = min(1, 2 * cumulative(Int(product - u), n1, n2))
        } else {
            let n = Double(n1 + n2)
            let sigma = (product / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
            let z = (u - product / 2 - 0.5) / sigma
            p = min(1, 2 * Probability.normalSF(z))
        }
        var result = TestResult()
        result.set("U", u1)
        result.set("p", p)
        result.set("r", 2 * u1 / product - 1)
        result.set("method", text: exact ? "exact" : "asymptotic")
        result.set("groups", groups: [first.group, second.group])
        result.set("n", integers: [n1, n2])
        result.set("mean", numbers: [SampleMoments(first.values).mean, SampleMoments(second.values).mean])
        result.set("median", numbers: [LeveneCenter.median.of(first.values), LeveneCenter.median.of(second.values)])
        return result
    }

    /// P(U ≤ k) under the null hypothesis for samples of sizes n1 and n2.
    ///
    /// The number of arrangements with U = u is the coefficient of q^u in the
    /// Gaussian binomial coefficient [n1 + n2 choose m]_q = ∏ᵢ₌₁..ₘ (1 − q^(n+i)) / (1 − q^i)
    /// (m the smaller size, n the larger): each factor is applied to the
    /// coefficients up to degree k, a multiplication by 1 − q^s taking
    /// c[j] − c[j − s] and a division by 1 − q^i adding c[j − i] in ascending
    /// j. That is O(m·k) work and k + 1 doubles; scipy sums the same
    /// frequencies by another recursion. Below degree n + 1 only additions
    /// of positive counts occur, so the small tail probabilities are exact
    /// to rounding.
    static func cumulative(_ k: Int, _ n1: Int, _ n2: Int) -> Double {
        guard k >= 0 else { return 0 }
        let m = min(n1, n2)
        let n = max(n1, n2)
        if k >= m * n { return 1 }
        var counts = [Double](repeating: 0, count: k + 1)
        counts[0] = 1
        var total = 1.0
        for i in stride(from: 1, through: m, by: 1) {
            let shift = n + i
            if shift <= k {
                for j in stride(from: k, through: shift, by: -1) { counts[j] -= counts[j - shift] }
            }
            if i <= k {
                for j in i...k { counts[j] += counts[j - i] }
            }
            total = total * Double(shift) / Double(i)
        }
        var sum = CompensatedSum()
        for count in counts { sum.add(count) }
        return min(1, sum.value / total)
    }
}
