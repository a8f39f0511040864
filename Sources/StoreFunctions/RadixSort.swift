/// Doubles in ascending order by an LSD radix sort over their bits: the
/// sort behind every median, quantile and `column_summary`, several times
/// faster than a comparison sort on a million values.
///
/// Each double is mapped to an unsigned key that orders as the doubles do
/// (flip every bit of a negative, only the sign bit of a positive), so −∞
/// sorts first, +∞ last, and −0.0 just before 0.0. The keys are sorted 16
/// bits at a time, skipping a pass when every key has the same digit (the
/// low mantissa bits of integers, for one), then mapped back. SQLite never
/// hands a function NaN, so there is none to order. Up to 2,048 values (a
/// sliding window's frame, say) a comparison sort is faster and is used.
enum RadixSort {
    static func sorted<Values: Collection>(_ values: Values) -> [Double] where Values.Element == Double {
        guard values.count > 2048 else { return values.sorted() }
        var keys = values.map(key)
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 4 << 16)
        counts.withUnsafeMutableBufferPointer { counts in
            for key in keys {
                for pass in 0..<4 {
                    counts[pass << 16 | Int(truncatingIfNeeded: key >> UInt64(16 * pass)) & 0xFFFF] += 1
                }
            }
            for pass in 0..<4 {
                let digits = UnsafeMutableBufferPointer(rebasing: counts[(pass << 16)..<((pass + 1) << 16)])
                if digits.contains(keys.count) { continue }
                var offset = 0
                for digit in 0..<digits.count {
                    let count = digits[digit]
                    digits[digit] = offset
                    offset += count
                }
                keys.withUnsafeBufferPointer { source in
                    scratch.withUnsafeMutableBufferPointer { target in
                        for key in source {
                            let digit = Int(truncatingIfNeeded: key >> UInt64(16 * pass)) & 0xFFFF
                            target[digits[digit]] = key
                            digits[digit] += 1
                        }
                    }
                }
                swap(&keys, &scratch)
            }
        }
        return keys.map(value)
    }

    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | 0x8000_0000_0000_0000
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & 0x7FFF_FFFF_FFFF_FFFF : ~key)
    }
}
