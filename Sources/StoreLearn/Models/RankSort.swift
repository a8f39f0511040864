/// Sorts a node's rows by their rank in one feature, in place and without
/// allocating: the sort inside every split search of tree growth.
///
/// A key is `rank << 32 | row`. Keys are unique (rows are), so the order they
/// end in is fixed by the keys alone except between equal ranks, whose order
/// the split search never looks at.
///
/// Large nodes take an LSD radix sort on the rank bits (relative to the
/// smallest rank in the node, so deep nodes need fewer passes); small ones an
/// introsort on the whole key.
struct RankSort {
    /// Room for the largest digit's histogram.
    static let histogramSize = 1 << maxDigitBits
    private static let maxDigitBits = 11
    private static let insertionLimit = 24

    /// Sorts `keys[0..<count]`, whose ranks lie in `lowest...lowest + span`,
    /// using `scratch` (room for `count` keys) and `histogram` (room for
    /// `histogramSize` counts).
    static func sort(
        _ keys: UnsafeMutablePointer<UInt64>, count: Int, lowest: UInt32, span: UInt32,
        scratch: UnsafeMutablePointer<UInt64>, histogram: UnsafeMutablePointer<Int>
    ) {
        let rankBits = UInt32.bitWidth - span.leadingZeroBitCount
        let passes = (rankBits + maxDigitBits - 1) / maxDigitBits
        let digitBits = (rankBits + passes - 1) / max(passes, 1)
        // A pass costs the histogram plus two sweeps over the keys; a
        // comparison sort about log₂(count) sweeps.
        let radixCost = passes * (2 * count + (1 << digitBits))
        let comparisonCost = count * (Int.bitWidth - count.leadingZeroBitCount)
        if count > insertionLimit, radixCost < comparisonCost {
            radixSort(keys, count: count, lowest: lowest, passes: passes, digitBits: digitBits, scratch: scratch, histogram: histogram)
        } else {
            introsort(keys, count: count, depthLimit: 2 * (Int.bitWidth - count.leadingZeroBitCount))
        }
    }

    private static func radixSort(
        _ keys: UnsafeMutablePointer<UInt64>, count: Int, lowest: UInt32, passes: Int, digitBits: Int,
        scratch: UnsafeMutablePointer<UInt64>, histogram: UnsafeMutablePointer<Int>
    ) {
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        let base = UInt64(lowest)
        var source = keys
        var target = scratch
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            histogram.update(repeating: 0, count: buckets)
            for index in 0..<count {
                let digit = Int((((source[index] >> 32) &- base) >> shift) & mask)
                histogram[digit] += 1
            }
            var offset = 0
            for bucket in 0..<buckets {
                let size = histogram[bucket]
                histogram[bucket] = offset
                offset += size
            }
            for index in 0..<count {
                let key = source[index]
                let digit = Int((((key >> 32) &- base) >> shift) & mask)
                target[histogram[digit]] = key
                histogram[digit] += 1
            }
            swap(&source, &target)
        }
        if source != keys {
            keys.update(from: source, count: count)
        }
    }

    private static func introsort(_ keys: UnsafeMutablePointer<UInt64>, count: Int, depthLimit: Int) {
        var low = 0
        var high = count
        var depth = depthLimit
        while high - low > insertionLimit {
            if depth == 0 {
                heapsort(keys + low, count: high - low)
                return
            }
            depth -= 1
            let middle = low + (high - low) / 2
            let pivot = medianOfThree(keys[low], keys[middle], keys[high - 1])
            var left = low
            var right = high - 1
            while true {
                while keys[left] < pivot { left += 1 }
                while keys[right] > pivot { right -= 1 }
                if left >= right { break }
                keys.swapAt(left, right)
                left += 1
                right -= 1
            }
            // keys[low...right] ≤ pivot ≤ keys[right + 1..<high]: recurse into the smaller part.
            if right + 1 - low < high - right - 1 {
                introsort(keys + low, count: right + 1 - low, depthLimit: depth)
                low = right + 1
            } else {
                introsort(keys + right + 1, count: high - right - 1, depthLimit: depth)
                high = right + 1
            }
        }
        insertionSort(keys + low, count: high - low)
    }

    private static func medianOfThree(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        if a < b {
            return b < c ? b : (a < c ? c : a)
        }
        return a < c ? a : (b < c ? c : b)
    }

    private static func insertionSort(_ keys: UnsafeMutablePointer<UInt64>, count: Int) {
        guard count > 1 else { return }
        for index in 1..<count {
            let key = keys[index]
            var hole = index
            while hole > 0, keys[hole - 1] > key {
                keys[hole] = keys[hole - 1]
                hole -= 1
            }
            keys[hole] = key
        }
    }

    private static func heapsort(_ keys: UnsafeMutablePointer<UInt64>, count: Int) {
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end, keys[child] < keys[child + 1] { child += 1 }
                if keys[root] >= keys[child] { return }
                keys.swapAt(root, child)
                root = child
            }
        }
        var start = count / 2
        while start > 0 {
            start -= 1
            siftDown(start, count)
        }
        var end = count
        while end > 1 {
            end -= 1
            keys.swapAt(0, end)
            siftDown(0, end)
        }
    }
}

private extension UnsafeMutablePointer where Pointee == UInt64 {
    func swapAt(_ i: Int, _ j: Int) {
        let held = self[i]
        self[i] = self[j]
        self[j] = held
    }
}
