/// Σ a[i]·b[i] for i in `range`, each product and the sum in double precision,
/// with four partial sums so the loop pipelines (the order of additions differs
/// from a plain loop by at most a few double roundings).
///
/// `doubleDot([1, 2, 3], [4, 5, 6], over: 0..<3)` is 32; an empty range gives 0.
func doubleDot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, over range: Range<Int>) -> Double {
    var partial = SIMD4<Double>()
    var index = range.lowerBound
    while index + 4 <= range.upperBound {
        let x = SIMD4<Double>(Double(a[index]), Double(a[index + 1]), Double(a[index + 2]), Double(a[index + 3]))
        let y = SIMD4<Double>(Double(b[index]), Double(b[index + 1]), Double(b[index + 2]), Double(b[index + 3]))
        partial += x * y
        index += 4
    }
    var sum = partial.sum()
    while index < range.upperBound {
        sum += Double(a[index]) * Double(b[index])
        index += 1
    }
    return sum
}
