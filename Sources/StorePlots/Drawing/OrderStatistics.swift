/// Quantiles of unsorted values by selection, in linear time: numpy's
/// `percentile(x, 100·p)` with its default `method='linear'` (virtual index
/// (n − 1)·p, interpolated with numpy's `_lerp`), as the store's `quantile`
/// SQL aggregate computes it, without sorting every value.
///
/// The values are reordered in place (a quickselect with a median-of-three
/// pivot, sorting outright after 64 rounds; Swift's standard library has no
/// `nth_element`). NaN must not
/// occur; infinities take their place in the order.
public enum OrderStatistics {
    /// The p-quantiles for each p in `probabilities` (each in 0...1); `values`
    /// must not be empty.
    public static func quantiles(_ values: inout [Double], _ probabilities: [Double]) -> [Double] {
        precondition(!values.isEmpty, "quantiles of no values")
        return values.withUnsafeMutableBufferPointer { buffer in
            probabilities.map { p in
                let position = Double(buffer.count - 1) * p
                let lower = min(Int(position.rounded(.down)), buffer.count - 1)
                let t = position - Double(lower)
                select(lower, in: buffer)
                let a = buffer[lower]
                if t == 0 { return a }
                // After selection everything right of `lower` is ≥ it: the
                // next order statistic is their minimum.
                var b = buffer[lower + 1]
                for index in (lower + 2)..<buffer.count where buffer[index] < b { b = buffer[index] }
                let difference = b - a
                return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
            }
        }
    }

    /// Reorders `values` so that `values[k]` is the k-th smallest, those
    /// before it no larger and those after it no smaller.
    static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Double>) {
        var low = 0
        var high = values.count - 1
        var rounds = 0
        while high > low {
            rounds += 1
            if high - low < 16 || rounds > 64 {
                // Small ranges, and inputs that defeat the pivot (introselect's
                // guard against quadratic time), are sorted outright.
                var range = UnsafeMutableBufferPointer(rebasing: values[low...high])
                range.sort()
                return
            }
            let middle = low + (high - low) / 2
            // Median of three as the pivot, which also bounds the scans below.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            // Hoare's partition: equal values split evenly between the sides.
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
