import Foundation

/// "Nice" tick positions on a numeric axis: multiples of 1, 2 or 5 times a
/// power of ten, at most `bins + 1` of them, spanning the range.
///
/// ```swift
/// TickLocator(bins: 9).ticks(from: 0.3, to: 97.2)   // [0, 10, 20, …, 100]
/// TickLocator(bins: 5).ticks(from: -1, to: 1)       // [-1, -0.5, 0, 0.5, 1]
/// ```
///
/// This is matplotlib's `MaxNLocator(nbins=bins, steps=[1, 2, 5, 10])
/// .tick_values(vmin, vmax)` (matplotlib 3.11, ticker.py `_raw_ticks`,
/// `scale_range`, `_Edge_integer`; transforms.py `_nonsingular`), step for
/// step, with Python's float `divmod`: the first and last tick may lie just
/// outside the range (matplotlib keeps them for its "round_numbers" limits;
/// an axis drops them). A range near a large value (|mean| ≥ 100 × span) is
/// ticked relative to a power-of-ten offset, as matplotlib does, so ticks
/// stay exact. An empty or non-finite range is widened first (±1e-13 of the
/// value, or ±1e-13 around 0).
public struct TickLocator: Sendable {
    /// The most intervals between ticks (matplotlib's `nbins`), at least 1.
    public let bins: Int
    /// The fewest ticks inside the range (matplotlib's `min_n_ticks`).
    public let minimumTicks = 2

    /// Multiples of a power of ten the step may take: `_staircase([1, 2, 5, 10])`.
    static let steps: [Double] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20]

    public init(bins: Int) {
        self.bins = max(1, bins)
    }

    /// The tick values for a range, ascending.
    public func ticks(from lower: Double, to upper: Double) -> [Double] {
        let (vmin, vmax) = Self.nonsingular(lower, upper, expander: 1e-13, tiny: 1e-14)
        let n = Double(bins)
        let (scale, offset) = Self.scaleRange(vmin, vmax, n)
        let low = vmin - offset
        let high = vmax - offset
        let steps = Self.steps.map { $0 * scale }
        let rawStep = (high - low) / n
        let firstLarge = steps.firstIndex { $0 >= rawStep } ?? steps.count - 1
        var ticks: [Double] = []
        for step in steps[...firstLarge].reversed() {
            let best = Self.floorDivide(low, step) * step
            let edge = Edge(step: step, offset: offset)
            let first = edge.largestMultiple(atMost: low - best)
            let last = edge.smallestMultiple(atLeast: high - best)
            ticks = stride(from: first, through: last, by: 1).map { $0 * step + best }
            let inside = ticks.filter { $0 <= high && $0 >= low }.count
            if inside >= minimumTicks { break }
        }
        return ticks.map { $0 + offset }
    }

    /// The step between the ticks `ticks(from:to:)` returns (0 with fewer than two).
    public static func step(of ticks: [Double]) -> Double {
        ticks.count >= 2 ? ticks[1] - ticks[0] : 0
    }

    /// matplotlib's `scale_range`: the power of ten below the raw step, and
    /// an offset when the range sits far from zero.
    static func scaleRange(_ vmin: Double, _ vmax: Double, _ n: Double) -> (scale: Double, offset: Double) {
        let span = abs(vmax - vmin)
        let mean = (vmax + vmin) / 2
        var offset = 0.0
        if abs(mean) / span >= 100 {
            offset = copysign(pow(10, pythonFloor(log10(abs(mean)))), mean)
        }
        return (pow(10, pythonFloor(log10(span / n))), offset)
    }

    /// `x // 1` for a float, as Python computes it.
    static func pythonFloor(_ x: Double) -> Double {
        floorDivide(x, 1)
    }

    /// Python's float `divmod(x, y)` (CPython `float_divmod`).
    static func divmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var remainder = fmod(x, y)
        var quotient = (x - remainder) / y
        if remainder != 0 {
            if (y < 0) != (remainder < 0) {
                remainder += y
                quotient -= 1
            }
        } else {
            remainder = copysign(0, y)
        }
        var floored: Double
        if quotient != 0 {
            floored = quotient.rounded(.down)
            if quotient - floored > 0.5 { floored += 1 }
        } else {
            floored = copysign(0, x / y)
        }
        return (floored, remainder)
    }

    /// Python's float `x // y`.
    static func floorDivide(_ x: Double, _ y: Double) -> Double {
        divmod(x, y).quotient
    }

    /// matplotlib's `_Edge_integer`: multiples of a step, allowing for the
    /// rounding of values far from zero.
    struct Edge {
        let step: Double
        let offset: Double

        init(step: Double, offset: Double) {
            self.step = step
            self.offset = abs(offset)
        }

        func isClose(_ ms: Double, to edge: Double) -> Bool {
            var tolerance = 1e-10
            if offset > 0 {
                let digits = log10(offset / step)
                tolerance = min(0.4999, max(1e-10, pow(10, digits - 12)))
            }
            return abs(ms - edge) < tolerance
        }

        /// The largest n with n·step ≤ x.
        func largestMultiple(atMost x: Double) -> Double {
            let (d, m) = TickLocator.divmod(x, step)
            return isClose(m / step, to: 1) ? d + 1 : d
        }

        /// The smallest n with n·step ≥ x.
        func smallestMultiple(atLeast x: Double) -> Double {
            let (d, m) = TickLocator.divmod(x, step)
            return isClose(m / step, to: 0) ? d : d + 1
        }
    }

    /// matplotlib's `transforms._nonsingular`: a range widened when it is
    /// empty, too narrow for doubles, or not finite.
    public static func nonsingular(_ lower: Double, _ upper: Double, expander: Double, tiny: Double) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite else { return (-expander, expander) }
        var vmin = min(lower, upper)
        var vmax = max(lower, upper)
        let largest = max(abs(vmin), abs(vmax))
        if largest < (1e6 / tiny) * Double.leastNormalMagnitude {
            return (-expander, expander)
        }
        if vmax - vmin <= largest * tiny {
            if vmax == 0 && vmin == 0 {
                return (-expander, expander)
            }
            vmin -= expander * abs(vmin)
            vmax += expander * abs(vmax)
        }
        return (vmin, vmax)
    }
}
