/// The fixed-point filter weights of one axis of a Pillow resize:
/// `precompute_coeffs` followed by `normalize_coeffs_8bpc` in Pillow's
/// libImaging/Resample.c, reproduced operation for operation so the results
/// are bit-identical.
///
/// (1) Output sample `i` is centred on `start + (i + 0.5) × scale` in input
///     pixels, with `scale = (end − start) / outputSize` computed from the
///     box's single-precision floats as Pillow's C code does.
/// (2) When shrinking, the filter's support (0.5 for BOX, 1 for BILINEAR) is
///     widened by `scale`, which is what makes both filters antialias.
/// (3) Taps outside the input are dropped and the remaining weights are
///     divided by their sum, then rounded to integers with 22 fractional
///     bits (`PRECISION_BITS = 32 − 8 − 2`).
struct ResampleCoefficients {
    /// Pillow's `PRECISION_BITS`.
    static let precisionBits = 22

    let outputSize: Int
    /// Slots reserved for each output sample's weights.
    let kernelSize: Int
    /// The first input pixel each output sample reads.
    let starts: [Int]
    /// How many input pixels each output sample reads.
    let counts: [Int]
    /// `outputSize × kernelSize` weights, scaled by 2²².
    let weights: [Int]

    init(inputSize: Int, start: Float, end: Float, outputSize: Int, filter: ResizeFilter) {
        let filterSupport = filter == .area ? 0.5 : 1.0
        let scale = Double(end - start) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = filterSupport * filterScale
        let kernelSize = Int(support.rounded(.up)) * 2 + 1
        var starts = [Int](repeating: 0, count: outputSize)
        var counts = [Int](repeating: 0, count: outputSize)
        var weights = [Int](repeating: 0, count: outputSize * kernelSize)
        var taps = [Double](repeating: 0, count: kernelSize)
        for output in 0..<outputSize {
            let center = Double(start) + (Double(output) + 0.5) * scale
            let inverseScale = 1.0 / filterScale
            let first = max(Int(center - support + 0.5), 0)
            let count = min(Int(center + support + 0.5), inputSize) - first
            var total = 0.0
            for tap in 0..<max(count, 0) {
                let weight = Self.filter(filter, (Double(tap + first) - center + 0.5) * inverseScale)
                taps[tap] = weight
                total += weight
            }
            for tap in 0..<max(count, 0) {
                let weight = total != 0 ? taps[tap] / total : taps[tap]
                let scaled = weight * Double(1 << Self.precisionBits)
                weights[output * kernelSize + tap] = weight < 0 ? Int(-0.5 + scaled) : Int(0.5 + scaled)
            }
            starts[output] = first
            counts[output] = max(count, 0)
        }
        self.outputSize = outputSize
        self.kernelSize = kernelSize
        self.starts = starts
        self.counts = counts
        self.weights = weights
    }

    /// Pillow's `box_filter` and `bilinear_filter`.
    private static func filter(_ filter: ResizeFilter, _ x: Double) -> Double {
        switch filter {
        case .area:
            return x > -0.5 && x <= 0.5 ? 1 : 0
        case .bilinear:
            let distance = abs(x)
            return distance < 1 ? 1 - distance : 0
        }
    }

    /// Pillow's `clip8`: a weighted sum back to a byte, clamped to 0…255.
    @inline(__always)
    static func clip8(_ sum: Int) -> UInt8 {
        UInt8(clamping: sum >> precisionBits)
    }
}
