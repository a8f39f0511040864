import Foundation

/// Numbers as plot labels: a fixed number of decimals, thousands grouped
/// with commas, and a true minus sign (U+2212, as matplotlib's
/// `axes.unicode_minus`).
///
/// ```swift
/// NumberText.fixed(1234567, decimals: 0)   // "1,234,567"
/// NumberText.fixed(-0.25, decimals: 2)     // "−0.25"
/// NumberText.ticks([0, 0.5, 1])            // ["0.0", "0.5", "1.0"]
/// ```
public enum NumberText {
    /// `value` rounded to `decimals` places, grouped. Negative zero and
    /// values that round to zero print as "0" (no sign). NaN prints "NaN",
    /// infinities "∞" and "−∞".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "−∞" : "∞") }
        let places = min(max(decimals, 0), 15)
        var text = String(format: "%.\(places)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        let parts = text.split(separator: ".", maxSplits: 1)
        text = grouped(String(parts[0])) + (parts.count > 1 ? "." + parts[1] : "")
        return value < 0 && !isZero ? "−" + text : text
    }

    /// An integer count, grouped: "80,123".
    public static func count(_ value: Int) -> String {
        (value < 0 ? "−" : "") + grouped(String(value.magnitude))
    }

    /// Labels for evenly spaced ticks: every tick with the decimals its step
    /// needs (step 0.2 → one decimal, step 5 → none).
    public static func ticks(_ ticks: [Double]) -> [String] {
        let decimals = decimals(forStep: TickLocator.step(of: ticks))
        return ticks.map { fixed($0, decimals: decimals) }
    }

    /// The decimals that show a multiple of `step` exactly: 0 for steps of 1
    /// and more, 1 for 0.1 to 0.5, 2 for 0.01 to 0.05, and so on.
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, Int(-(log10(step) + 1e-9).rounded(.down)))
    }

    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
