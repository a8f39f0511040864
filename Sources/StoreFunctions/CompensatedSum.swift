/// A running sum with Neumaier's compensation: the rounding error of each
/// addition is kept apart and added back at the end, so the sum of many
/// doubles is as exact as if it were computed with twice the precision.
///
/// A sum that reaches an infinity is that infinity (+∞ and −∞ together give
/// NaN), as a plain sum would be.
struct CompensatedSum {
    /// The plain running sum.
    private(set) var sum = 0.0
    /// The rounding errors of the additions so far.
    private(set) var compensation = 0.0

    mutating func add(_ value: Double) {
        let next = sum + value
        compensation += abs(sum) >= abs(value) ? (sum - next) + value : (value - next) + sum
        sum = next
    }

    var value: Double {
        let total = sum + compensation
        return total.isNaN && !sum.isNaN ? sum : total
    }
}
