import Foundation

/// One axis of a panel: its title and either a numeric range, ticked with
/// `TickLocator`, or categories, one band each.
public struct Axis: Sendable {
    public enum Kind: Sendable {
        /// Values from `lower` to `upper` (the ends of the drawn axis).
        case numeric(lower: Double, upper: Double)
        /// Bands centred at 0, 1, …, n − 1, labelled with the categories.
        case categories([String])
    }

    public var title: String
    public var kind: Kind
    /// Runs the other way: downwards for y (the first category on top),
    /// leftwards for x.
    public var reversed = false
    /// Grid lines across the panel at the ticks (numeric axes only).
    public var grid = true
    /// Only whole numbers get ticks (epochs), as matplotlib's
    /// `MaxNLocator(integer=True)` keeps them.
    public var integerTicks = false

    public init(title: String, kind: Kind, reversed: Bool = false, grid: Bool = true) {
        self.title = title
        self.kind = kind
        self.reversed = reversed
        self.grid = grid
    }

    /// A numeric axis over data from `low` to `high`, widened by `margin`
    /// of the span on each side (matplotlib's default 5 % margins), but not
    /// past `floor` (so bars from 0 start at the axis). An empty range is
    /// widened by 5 % of its value, or to ±0.05 around 0, as matplotlib's
    /// `Locator.nonsingular` does.
    public static func numeric(_ title: String, from low: Double, to high: Double, margin: Double = 0.05, floor: Double? = nil) -> Axis {
        var (lower, upper) = TickLocator.nonsingular(low, high, expander: 0.05, tiny: 1e-15)
        let pad = (upper - lower) * margin
        lower -= pad
        upper += pad
        if let floor, low >= floor { lower = max(lower, floor) }
        return Axis(title: title, kind: .numeric(lower: lower, upper: upper))
    }

    /// The range of the drawn axis in data units.
    public var domain: (lower: Double, upper: Double) {
        switch kind {
        case .numeric(let lower, let upper): return (lower, upper)
        case .categories(let names): return (-0.5, Double(max(names.count, 1)) - 0.5)
        }
    }

    public var isCategorical: Bool {
        if case .categories = kind { return true }
        return false
    }

    /// A tick: its value and its label.
    public struct Tick: Sendable, Equatable {
        public let value: Double
        public let label: String
    }

    /// The ticks for an axis `length` pixels long: for a numeric axis at
    /// most matplotlib's automatic `nbins` (the length over three label
    /// heights along x, two along y, between 1 and 9), fewer when the labels
    /// would touch along x; every category for categories.
    public func ticks(length: Double, horizontal: Bool, measurer: TextMeasurer) -> [Tick] {
        switch kind {
        case .categories(let names):
            return names.enumerated().map { Tick(value: Double($0.offset), label: Self.shortened($0.element)) }
        case .numeric(let lower, let upper):
            let perLabel = TextStyle.tick.size * (horizontal ? 3 : 2)
            var bins = min(9, max(1, Int(length / perLabel)))
            while true {
                var values = TickLocator(bins: bins).ticks(from: lower, to: upper)
                var labels = NumberText.ticks(values)
                if integerTicks {
                    values = values.filter { $0 == $0.rounded() }
                    labels = values.map { NumberText.fixed($0, decimals: 0) }
                }
                let tolerance = (upper - lower) * 1e-9
                let ticks = zip(values, labels).filter { $0.0 >= lower - tolerance && $0.0 <= upper + tolerance }
                    .map { Tick(value: $0.0, label: $0.1) }
                if !horizontal || bins == 1 || fits(ticks, length: length, lower: lower, upper: upper, measurer: measurer) {
                    return ticks
                }
                bins -= 1
            }
        }
    }

    /// Whether horizontal labels leave at least a gap of 12 px between them.
    private func fits(_ ticks: [Tick], length: Double, lower: Double, upper: Double, measurer: TextMeasurer) -> Bool {
        guard ticks.count > 1 else { return true }
        let spacing = (ticks[1].value - ticks[0].value) / (upper - lower) * length
        return measurer.widest(ticks.map(\.label), .tick) + 12 <= spacing
    }

    /// Labels longer than 28 characters end in "…".
    static func shortened(_ text: String) -> String {
        text.count > 28 ? String(text.prefix(27)) + "…" : text
    }
}
