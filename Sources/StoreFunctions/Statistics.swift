import Foundation

/// Descriptive statistics: aggregates that are also window functions.
///
/// `median(x)`, `quantile(x, p)`, `q1(x)`, `q3(x)`, `iqr(x)`, `mode(x)`,
/// `mode_count(x)`, `variance(x)` = `var_samp(x)`, `var_pop(x)`,
/// `stddev(x)` = `stddev_samp(x)`, `stddev_pop(x)`, `skewness(x)`,
/// `kurtosis(x)`, `corr(x, y)`, `covar_samp(x, y)`, `covar_pop(x, y)`.
///
/// (1) NULLs are skipped, as SQL's own aggregates skip them.
/// (2) Values are read as SQLite reads numbers: INTEGER and REAL, and TEXT that
///     looks like a number ('3.5'). Other TEXT and BLOBs are skipped, so a
///     stray 'n/a' in a numeric column does not turn into 0 as it does for
///     `avg`. (`mode` is the exception: it counts text too.)
/// (3) With no values the result is NULL, and so it is with too few for the
///     statistic: 2 for the sample variance, standard deviation and covariance,
///     and for `corr`; 3 for `skewness`; 4 for `kurtosis`.
/// (4) Moments are accumulated online, as pandas 3.1 does (Welford's update
///     for the mean and second moment, Pébay's for the third and fourth), on
///     values shifted by the first one. A column near 1e9 with variance 1 loses
///     no digits to the offset.
/// (5) Every function works with `OVER (…)`. When a window frame slides,
///     moments remove the row that leaves (exact inverse updates); the order
///     statistics keep the frame's values and sort them again when asked.
/// (6) Where the statistic is undefined because the data are constant
///     (`skewness`, `kurtosis`, `corr` of a constant column) the result is
///     NULL, as pandas 3.1 returns NaN. So it is for the moments of values
///     that include an infinity; order statistics take infinities in order.
///
/// References: pandas 3.1 `Series.quantile` (numpy's linear interpolation
/// between order statistics), `median`, `mode()[0]`, `var`/`std` (ddof=1),
/// `skew`, `kurt`, `Series.corr` (Pearson) and `Series.cov`.
enum Statistics {
    static let all: [AggregateFunction] = [
        AggregateFunction("median", arguments: 1) { OrderStatistics(.fixed(0.5)) },
        AggregateFunction("quantile", arguments: 2) { OrderStatistics(.argument) },
        AggregateFunction("q1", arguments: 1) { OrderStatistics(.fixed(0.25)) },
        AggregateFunction("q3", arguments: 1) { OrderStatistics(.fixed(0.75)) },
        AggregateFunction("iqr", arguments: 1) { OrderStatistics(.interquartileRange) },
        AggregateFunction("mode", arguments: 1) { ModeCounter(result: .mode) },
        AggregateFunction("mode_count", arguments: 1) { ModeCounter(result: .count) },
        AggregateFunction("variance", arguments: 1) { MomentAccumulator(.varianceSample) },
        AggregateFunction("var_samp", arguments: 1) { MomentAccumulator(.varianceSample) },
        AggregateFunction("var_pop", arguments: 1) { MomentAccumulator(.variancePopulation) },
        AggregateFunction("stddev", arguments: 1) { MomentAccumulator(.deviationSample) },
        AggregateFunction("stddev_samp", arguments: 1) { MomentAccumulator(.deviationSample) },
        AggregateFunction("stddev_pop", arguments: 1) { MomentAccumulator(.deviationPopulation) },
        AggregateFunction("skewness", arguments: 1) { MomentAccumulator(.skewness) },
        AggregateFunction("kurtosis", arguments: 1) { MomentAccumulator(.kurtosis) },
        AggregateFunction("corr", arguments: 2) { CoMomentAccumulator(.correlation) },
        AggregateFunction("covar_samp", arguments: 2) { CoMomentAccumulator(.covarianceSample) },
        AggregateFunction("covar_pop", arguments: 2) { CoMomentAccumulator(.covariancePopulation) },
        AggregateFunction("column_summary", arguments: 1) { ColumnSummary() },
    ]
}

// MARK: - Moments of one variable

/// Count, mean and central moment sums (M2 = Σ(x−mean)², M3, M4) of a
/// multiset of values, with exact inverse updates, on values shifted by `shift`.
struct Moments {
    var count = 0.0
    var mean = 0.0
    var m2 = 0.0
    var m3 = 0.0
    var m4 = 0.0
    var shift: Double?
    /// Σ(x − shift), compensated, for an exact mean.
    private var shiftedSum = CompensatedSum()

    /// The mean from the compensated sum: exact for integers, and within an
    /// ulp or so of the true mean of the values otherwise (the running
    /// `mean` serves the moment updates).
    var compensatedMean: Double {
        // shift·count + Σ(x − shift), added with Knuth's two-sum so that for
        // integers (exact sums below 2^53) the one rounding is the division.
        let base = (shift ?? 0) * count
        let sum = shiftedSum.sum
        let total = base + sum
        let virtualBase = total - sum
        let error = (base - virtualBase) + (sum - (total - virtualBase))
        return (total + (error + shiftedSum.compensation)) / count
    }

    /// Adds `value` (Welford, Pébay; the update pandas 3.1 uses).
    mutating func add(_ value: Double) {
        let origin = shift ?? value
        shift = origin
        let x = value - origin
        shiftedSum.add(x)
        count += 1
        let n = count
        let delta = x - mean
        let deltaN = delta / n
        let term1 = delta * deltaN * (n - 1)
        m4 += deltaN * (-4 * m3 + deltaN * (6 * m2 + term1 * (n * n - 3 * n + 3)))
        m3 += deltaN * (term1 * (n - 2) - 3 * m2)
        m2 += term1
        mean += deltaN
    }

    /// Removes `value`, which must have been added: the merge formulas of
    /// Pébay (2008) solved for the part without it.
    mutating func remove(_ value: Double) {
        guard count > 1, let origin = shift else {
            self = Moments()
            return
        }
        let x = value - origin
        shiftedSum.add(-x)
        let n = count
        let rest = n - 1
        let restMean = (n * mean - x) / rest
        let delta = x - restMean
        let restM2 = m2 - delta * delta * rest / n
        let restM3 = m3 - delta * delta * delta * rest * (rest - 1) / (n * n) + 3 * delta * restM2 / n
        let restM4 = m4 - delta * delta * delta * delta * rest * (rest * rest - rest + 1) / (n * n * n)
            - 6 * delta * delta * restM2 / (n * n) + 4 * delta * restM3 / n
        count = rest
        mean = restMean
        m2 = max(0, restM2)
        m3 = restM3
        m4 = max(0, restM4)
    }
}

final class MomentAccumulator: Accumulator {
    enum Statistic {
        case varianceSample, variancePopulation, deviationSample, deviationPopulation, skewness, kurtosis
    }

    private let statistic: Statistic
    private var moments = Moments()
    /// Infinite values in the group: while there are any, the result is NULL
    /// (pandas gives NaN), and they stay out of the moments.
    private var infinite = 0

    init(_ statistic: Statistic) {
        self.statistic = statistic
    }

    func step(_ arguments: SQLArguments) {
        guard let value = arguments.number(0) else { return }
        if value.isFinite { moments.add(value) } else { infinite += 1 }
    }

    func inverse(_ arguments: SQLArguments) {
        guard let value = arguments.number(0) else { return }
        if value.isFinite { moments.remove(value) } else { infinite -= 1 }
    }

    func value() -> SQLResult {
        guard infinite == 0 else { return .null }
        let n = moments.count
        let m2 = moments.m2
        switch statistic {
        case .varianceSample:
            return n < 2 ? .null : .real(m2 / (n - 1))
        case .variancePopulation:
            return n < 1 ? .null : .real(m2 / n)
        case .deviationSample:
            return n < 2 ? .null : .real((m2 / (n - 1)).squareRoot())
        case .deviationPopulation:
            return n < 1 ? .null : .real((m2 / n).squareRoot())
        case .skewness:
            // pandas calc_skew: m3 / m2^1.5 · n √(n−1) / (n−2).
            guard n >= 3 else { return .null }
            let ratio = moments.m3 / (m2 * m2.squareRoot())
            return .number(ratio * (n * (n - 1).squareRoot()) / (n - 2))
        case .kurtosis:
            // pandas calc_kurt: (n−1)/((n−2)(n−3)) · (n(n+1) m4/m2² − 3(n−1)).
            guard n >= 4 else { return .null }
            let ratio = moments.m4 / (m2 * m2)
            let inner = n * (n + 1) * ratio - 3 * (n - 1)
            return .number((n - 1) / ((n - 2) * (n - 3)) * inner)
        }
    }
}

// MARK: - Co-moments of two variables

/// Count, means, M2 of each variable and the co-moment C = Σ(x−x̄)(y−ȳ) of
/// pairs where both values are numbers, with exact inverse updates, on values
/// shifted by the first pair.
struct CoMoments {
    var count = 0.0
    var meanX = 0.0
    var meanY = 0.0
    var m2X = 0.0
    var m2Y = 0.0
    var comoment = 0.0
    var shift: (x: Double, y: Double)?

    mutating func add(_ rawX: Double, _ rawY: Double) {
        let origin = shift ?? (rawX, rawY)
        shift = origin
        let x = rawX - origin.x
        let y = rawY - origin.y
        count += 1
        let deltaX = x - meanX
        let deltaY = y - meanY
        meanX += deltaX / count
        meanY += deltaY / count
        comoment += deltaX * (y - meanY)
        m2X += deltaX * (x - meanX)
        m2Y += deltaY * (y - meanY)
    }

    mutating func remove(_ rawX: Double, _ rawY: Double) {
        guard count > 1, let origin = shift else {
            self = CoMoments()
            return
        }
        let x = rawX - origin.x
        let y = rawY - origin.y
        let rest = count - 1
        let restMeanX = (count * meanX - x) / rest
        let restMeanY = (count * meanY - y) / rest
        comoment -= (x - restMeanX) * (y - meanY)
        m2X = max(0, m2X - (x - restMeanX) * (x - meanX))
        m2Y = max(0, m2Y - (y - restMeanY) * (y - meanY))
        count = rest
        meanX = restMeanX
        meanY = restMeanY
    }
}

final class CoMomentAccumulator: Accumulator {
    enum Statistic {
        case correlation, covarianceSample, covariancePopulation
    }

    private let statistic: Statistic
    private var moments = CoMoments()

    init(_ statistic: Statistic) {
        self.statistic = statistic
    }

    /// Pairs with an infinite value: while there are any, the result is NULL.
    private var infinite = 0

    func step(_ arguments: SQLArguments) {
        guard let x = arguments.number(0), let y = arguments.number(1) else { return }
        if x.isFinite && y.isFinite { moments.add(x, y) } else { infinite += 1 }
    }

    func inverse(_ arguments: SQLArguments) {
        guard let x = arguments.number(0), let y = arguments.number(1) else { return }
        if x.isFinite && y.isFinite { moments.remove(x, y) } else { infinite -= 1 }
    }

    func value() -> SQLResult {
        guard infinite == 0 else { return .null }
        let n = moments.count
        switch statistic {
        case .covarianceSample:
            return n < 2 ? .null : .real(moments.comoment / (n - 1))
        case .covariancePopulation:
            return n < 1 ? .null : .real(moments.comoment / n)
        case .correlation:
            guard n >= 2, moments.m2X > 0, moments.m2Y > 0 else { return .null }
            let r = moments.comoment / (moments.m2X * moments.m2Y).squareRoot()
            return .real(min(1, max(-1, r)))
        }
    }
}

// MARK: - Order statistics

/// The values of the group or frame, kept in arrival order so the oldest can
/// leave, and sorted (once per change) when a quantile is asked for.
final class OrderStatistics: Accumulator {
    enum Statistic {
        case fixed(Double)
        /// The second argument gives the probability.
        case argument
        case interquartileRange
    }

    private let statistic: Statistic
    private var values: [Double] = []
    private var head = 0
    private var sorted: [Double]?
    private var probability: Double?

    init(_ statistic: Statistic) {
        self.statistic = statistic
    }

    func step(_ arguments: SQLArguments) throws {
        if case .argument = statistic {
            guard let p = arguments.number(1), p >= 0, p <= 1 else {
                throw SQLFunctionError("quantile(): second argument must be a number between 0 and 1")
            }
            probability = p
        }
        guard let value = arguments.number(0) else { return }
        values.append(value)
        sorted = nil
    }

    func inverse(_ arguments: SQLArguments) {
        guard arguments.number(0) != nil, head < values.count else { return }
        head += 1
        sorted = nil
        if head > 1024 && head * 2 > values.count {
            values.removeFirst(head)
            head = 0
        }
    }

    func value() -> SQLResult {
        let ordered: [Double]
        if let sorted {
            ordered = sorted
        } else {
            ordered = RadixSort.sorted(values[head...])
            sorted = ordered
        }
        guard !ordered.isEmpty else { return .null }
        switch statistic {
        case .fixed(let p):
            return .real(Self.quantile(ordered, p))
        case .argument:
            return .real(Self.quantile(ordered, probability ?? 0.5))
        case .interquartileRange:
            return .real(Self.quantile(ordered, 0.75) - Self.quantile(ordered, 0.25))
        }
    }

    /// The p-quantile of sorted values by linear interpolation between order
    /// statistics: numpy's default `method='linear'`, index h = (n − 1)·p,
    /// interpolated with numpy's `_lerp` (a + (b − a)·t, or b − (b − a)·(1 − t)
    /// when t ≥ 0.5), so results agree with numpy and pandas to the last bit.
    /// An exact order statistic (t = 0) is returned as it is, so an infinite
    /// neighbour does not turn it into NaN (pandas' `median` agrees; numpy's
    /// `quantile` arithmetic gives NaN there).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = Double(sorted.count - 1) * p
        let lower = min(Int(position.rounded(.down)), sorted.count - 1)
        let upper = min(lower + 1, sorted.count - 1)
        let t = position - Double(lower)
        let a = sorted[lower]
        if t == 0 { return a }
        let b = sorted[upper]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}

// MARK: - Mode

/// Counts of each distinct value (numbers and text); the most frequent, ties
/// going to the smallest as pandas' `Series.mode()[0]` (numbers before text,
/// as SQLite orders them; text by code points).
final class ModeCounter: Accumulator {
    enum Result {
        case mode, count
    }

    enum Key: Hashable {
        case integer(Int64)
        case real(Double)
        case text(String)

        var asNumber: Double? {
            switch self {
            case .integer(let value): return Double(value)
            case .real(let value): return value
            case .text: return nil
            }
        }

        static func before(_ left: Key, _ right: Key) -> Bool {
            switch (left.asNumber, right.asNumber) {
            case let (l?, r?): return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                if case .text(let l) = left, case .text(let r) = right {
                    return l.unicodeScalars.lexicographicallyPrecedes(r.unicodeScalars)
                }
                return false
            }
        }
    }

    private let result: Result
    private var counts: [Key: Int] = [:]

    init(result: Result) {
        self.result = result
    }

    /// Integral values that arrived as REAL at least once (1.0 in a REAL
    /// column): the mode is given back as REAL then, as pandas keeps a float
    /// column's dtype.
    private var seenAsReal: [Int64: Int] = [:]

    /// The key of an argument: integral numbers as integers (so 1 and 1.0 are
    /// one value), text as text; nil for NULL and BLOBs. `real` says whether
    /// an integral key came as a REAL.
    private func key(_ arguments: SQLArguments) -> (key: Key, real: Bool)? {
        if let integer = arguments.integer(0) { return (.integer(integer), false) }
        if let number = arguments.number(0) {
            if number == number.rounded(), abs(number) < 9.0e15 { return (.integer(Int64(number)), true) }
            return (.real(number), false)
        }
        return arguments.text(0).map { (.text($0), false) }
    }

    func step(_ arguments: SQLArguments) {
        guard let (key, real) = key(arguments) else { return }
        counts[key, default: 0] += 1
        if real, case .integer(let value) = key { seenAsReal[value, default: 0] += 1 }
    }

    func inverse(_ arguments: SQLArguments) {
        guard let (key, real) = key(arguments), let count = counts[key] else { return }
        counts[key] = count > 1 ? count - 1 : nil
        if real, case .integer(let value) = key, let reals = seenAsReal[value] {
            seenAsReal[value] = reals > 1 ? reals - 1 : nil
        }
    }

    func value() -> SQLResult {
        var best: (key: Key, count: Int)?
        for (key, count) in counts {
            if let current = best, count < current.count || (count == current.count && !Key.before(key, current.key)) {
                continue
            }
            best = (key, count)
        }
        guard let best else { return .null }
        switch result {
        case .count:
            return .integer(Int64(best.count))
        case .mode:
            switch best.key {
            case .integer(let value): return seenAsReal[value] == nil ? .integer(value) : .real(Double(value))
            case .real(let value): return .real(value)
            case .text(let value): return .text(value)
            }
        }
    }
}
