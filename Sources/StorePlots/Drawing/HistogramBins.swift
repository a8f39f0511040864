import Foundation

/// How many bins a histogram gets: a number, or one of numpy's rules.
public enum BinChoice: Sendable, Equatable {
    case count(Int)
    case rule(BinRule)

    /// `"auto"`, `"fd"`, … or a positive integer; nil for anything else.
    public init?(_ text: String) {
        if let rule = BinRule(rawValue: text) {
            self = .rule(rule)
        } else if let count = Int(text), count > 0 {
            self = .count(count)
        } else {
            return nil
        }
    }
}

/// numpy's bin-width rules (`numpy.histogram_bin_edges(x, bins=NAME)`,
/// numpy 2.4 `lib/_histograms_impl.py`), n values, ptp = max − min:
///
/// - `sturges`: ptp / (log2 n + 1)
/// - `sqrt`: ptp / √n
/// - `rice`: ptp / (2 n^(1/3))
/// - `scott`: (24 √π / n)^(1/3) · σ (population standard deviation)
/// - `fd` (Freedman–Diaconis): 2 · IQR · n^(−1/3), IQR from numpy's linear percentiles
/// - `doane`: ptp / (1 + log2 n + log2(1 + |g1| / σg1)), g1 the
///   population skewness, σg1 = √(6 (n − 2) / ((n + 1)(n + 3))); 0 for
///   n ≤ 2 or σ = 0
/// - `auto`: min(max(fd, sqrt / 2), sturges), numpy 2's rule (numpy 1.x
///   took min(fd, sturges), with sturges when fd is 0)
///
/// (`stone`, which cross-validates, is not offered.)
public enum BinRule: String, Sendable, CaseIterable {
    case auto, fd, sturges, sqrt, rice, scott, doane
}

/// What a bin rule needs to know about the values: their count, range,
/// quartiles (for `fd` and `auto`) and moments (for `scott` and `doane`).
public struct ValueSummary: Sendable {
    public var count: Int
    public var minimum: Double
    public var maximum: Double
    /// numpy's `percentile(x, [25, 75])`, when a rule needs them.
    public var quartiles: (lower: Double, upper: Double)?
    /// Population standard deviation (numpy `std`, ddof 0), when needed.
    public var standardDeviation: Double?
    /// Population skewness (mean of cubed standardized values), when needed.
    public var skewness: Double?
    /// Every value is an integer: numpy's integer arrays get bins at least 1 wide.
    public var integers: Bool

    public init(count: Int, minimum: Double, maximum: Double, quartiles: (lower: Double, upper: Double)? = nil,
                standardDeviation: Double? = nil, skewness: Double? = nil, integers: Bool = false) {
        self.count = count
        self.minimum = minimum
        self.maximum = maximum
        self.quartiles = quartiles
        self.standardDeviation = standardDeviation
        self.skewness = skewness
        self.integers = integers
    }

    /// The summary of `values` (not empty, finite) with what `choice`
    /// needs: quartiles by selection, moments in one pass. `values` is
    /// reordered when quartiles are needed.
    public static func of(_ values: inout [Double], for choice: BinChoice) -> ValueSummary {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var integers = true
        for value in values {
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
            if integers && value != value.rounded(.towardZero) { integers = false }
        }
        var summary = ValueSummary(count: values.count, minimum: minimum, maximum: maximum, integers: integers)
        guard case .rule(let rule) = choice else { return summary }
        if rule == .fd || rule == .auto {
            let quartiles = OrderStatistics.quantiles(&values, [0.25, 0.75])
            summary.quartiles = (quartiles[0], quartiles[1])
        }
        if rule == .scott || rule == .doane {
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            var m2 = 0.0
            var m3 = 0.0
            for value in values {
                let d = value - mean
                m2 += d * d
                m3 += d * d * d
            }
            let sigma = (m2 / n).squareRoot()
            summary.standardDeviation = sigma
            summary.skewness = sigma > 0 ? (m3 / n) / (sigma * sigma * sigma) : 0
        }
        return summary
    }
}

/// Equal-width bin edges and the bin of a value, exactly as
/// `numpy.histogram` finds them (numpy 2.4 `_get_outer_edges`,
/// `_get_bin_edges` and the equal-bins branch of `histogram`).
///
/// (1) The range is [min, max] of the values; an empty range (all values
///     equal) becomes [v − 0.5, v + 0.5].
/// (2) With a rule, the bin count is ⌈ptp / width⌉, at least 1 (a width of
///     0, as `fd` gives for a zero IQR, means one bin); for integer values
///     the width is at least 1.
/// (3) Edge i is first + i · (last − first) / bins, the last edge exactly
///     `last` (`numpy.linspace`).
/// (4) A value's bin is ⌊(v − first) / (last − first) · bins⌋, corrected by
///     one against the edges as numpy corrects it; the last bin includes
///     its right edge, the others do not.
public struct HistogramBins: Sendable, Equatable {
    public let edges: [Double]

    public var count: Int { edges.count - 1 }
    public var first: Double { edges[0] }
    public var last: Double { edges[edges.count - 1] }

    /// The edges for values with `summary` (an empty `summary.count` gives
    /// numpy's [0, 1] range).
    public init(_ summary: ValueSummary, choice: BinChoice) {
        var first = summary.count == 0 ? 0 : summary.minimum
        var last = summary.count == 0 ? 1 : summary.maximum
        if first == last {
            first -= 0.5
            last += 0.5
        }
        var bins = 1
        switch choice {
        case .count(let count):
            bins = max(1, count)
        case .rule(let rule):
            if summary.count > 0, var width = Self.width(rule, summary), width > 0 {
                if summary.integers && width < 1 { width = 1 }
                bins = max(1, Int(((last - first) / width).rounded(.up)))
            }
        }
        self.init(first: first, last: last, bins: bins)
    }

    /// `numpy.linspace(first, last, bins + 1)`.
    public init(first: Double, last: Double, bins: Int) {
        let step = (last - first) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + first }
        edges[bins] = last
        self.edges = edges
    }

    /// The bin width of a rule (numpy's `_hist_bin_*`).
    static func width(_ rule: BinRule, _ summary: ValueSummary) -> Double? {
        let n = Double(summary.count)
        let ptp = summary.maximum - summary.minimum
        switch rule {
        case .sturges:
            return ptp / (log2(n) + 1)
        case .sqrt:
            return ptp / n.squareRoot()
        case .rice:
            return ptp / (2 * pow(n, 1.0 / 3))
        case .scott:
            guard let sigma = summary.standardDeviation else { return nil }
            return pow(24 * Double.pi.squareRoot() / n, 1.0 / 3) * sigma
        case .fd:
            guard let quartiles = summary.quartiles else { return nil }
            return 2 * (quartiles.upper - quartiles.lower) * pow(n, -1.0 / 3)
        case .doane:
            guard summary.count > 2, let sigma = summary.standardDeviation, sigma > 0, let g1 = summary.skewness else { return 0 }
            let sg1 = (6 * (n - 2) / ((n + 1) * (n + 3))).squareRoot()
            return ptp / (1 + log2(n) + log2(1 + abs(g1) / sg1))
        case .auto:
            guard let fd = width(.fd, summary), let sturges = width(.sturges, summary), let sqrt = width(.sqrt, summary) else { return nil }
            return min(max(fd, sqrt / 2), sturges)
        }
    }

    /// The bin of `value`, which lies in [first, last] (rule 4).
    @inline(__always)
    public func index(of value: Double) -> Int {
        let bins = edges.count - 1
        var index = Int((value - first) / (last - first) * Double(bins))
        if index >= bins { index = bins - 1 }
        if value < edges[index] {
            index -= 1
        } else if index != bins - 1 && value >= edges[index + 1] {
            index += 1
        }
        return index
    }

    /// Counts per bin of `values`; values outside [first, last] are skipped,
    /// as numpy skips them.
    public func counts(_ values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: count)
        counts.withUnsafeMutableBufferPointer { counts in
            for value in values where value >= first && value <= last {
                counts[index(of: value)] += 1
            }
        }
        return counts
    }
}
