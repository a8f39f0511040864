/// Correlation coefficients of paired samples, as pandas' `Series.corr`
/// (and `DataFrame.corr`) computes them.
///
/// (1) Pearson: Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²), with the means
///     taken first (two passes, as pandas' `nancorr` and numpy's
///     `corrcoef`); clipped to [-1, 1].
/// (2) Spearman: Pearson of the ranks, ties given their average rank
///     (scipy's `rankdata(method="average")`, pandas' `method="spearman"`).
/// (3) Pairs where either value is missing (nil) are dropped before anything
///     else, pair by pair, as pandas does for each column pair.
/// (4) nil with fewer than 2 pairs, when either side is constant, or (Pearson)
///     when a value is infinite (pandas gives NaN in all three cases).
public enum CorrelationMethod: String, Sendable, CaseIterable, Codable {
    case pearson, spearman

    /// The coefficient of `x` and `y` (same length) by rules (1)–(4), with
    /// the number of complete pairs it used.
    public func coefficient(_ x: [Double?], _ y: [Double?]) -> (value: Double?, pairs: Int) {
        var xs: [Double] = []
        var ys: [Double] = []
        xs.reserveCapacity(x.count)
        ys.reserveCapacity(y.count)
        for (a, b) in zip(x, y) {
            if let a, let b {
                xs.append(a)
                ys.append(b)
            }
        }
        switch self {
        case .pearson: return (Self.pearson(xs, ys), xs.count)
        case .spearman: return (Self.pearson(Self.averageRanks(xs), Self.averageRanks(ys)), xs.count)
        }
    }

    /// Rule (1) on complete pairs.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count >= 2, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            let dx = a - meanX, dy = b - meanY
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return min(1, max(-1, sxy / (sxx * syy).squareRoot()))
    }

    /// Ranks 1…n, ties sharing the mean of the ranks they span (rule 2).
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }
}
