/// What Levene's test measures deviations from (scipy's `center`).
public enum LeveneCenter: String, CaseIterable, Sendable {
    /// The median: the Brown–Forsythe test, scipy's default.
    case median
    case mean
    /// The mean of the values left after cutting 5% from each end,
    /// scipy's `trim_mean(x, 0.05)`.
    case trimmed
}

extension LeveneCenter {
    /// The center of `values`, as numpy and scipy compute it.
    func of(_ values: ArraySlice<Double>) -> Double {
        switch self {
        case .mean:
            return SampleMoments(values).mean
        case .median:
            let sorted = values.sorted()
            let middle = sorted.count / 2
            // numpy's median: the mean of the two middle values when the count is even.
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        case .trimmed:
            let sorted = values.sorted()
            let cut = Int(0.05 * Double(sorted.count))
            return SampleMoments(sorted[cut..<(sorted.count - cut)]).mean
        }
    }
}
