import Foundation

/// `librosa.estimate_tuning(S=power, sr, n_fft, bins_per_octave=12)` as
/// `librosa.feature.chroma_stft` calls it: the deviation from A440 tuning, in
/// fractions of a semitone between −0.5 and 0.49, of the spectral peaks.
///
/// (1) Peaks are `librosa.piptrack` defaults applied to the power spectrogram
///     (which chroma_stft passes as S): bins with 150 ≤ f < min(4000, sr/2) that
///     are local maxima of S·(S > 0.1·frame max), refined by parabolic interpolation.
/// (2) Only peaks whose interpolated magnitude is at least the median of all
///     peak magnitudes are kept.
/// (3) Each kept pitch's distance to the nearest semitone, 12·log2(f/27.5) mod 1
///     folded into [−0.5, 0.5), is counted in a histogram with bins of 0.01; the
///     answer is the left edge of the fullest bin (the first one on ties).
/// (4) No peaks give 0.
///
/// Float32 and float64 steps follow librosa's own (numba and numpy) types.
struct TuningEstimator: Sendable {
    let sampleRate: Int
    let nFFT: Int

    func tuning(of spectrogram: Spectrogram) -> Double {
        let bins = spectrogram.bins
        let frames = spectrogram.frames
        let sr = Double(sampleRate)
        let fmax = min(4000.0, sr / 2)
        let binWidth = 1.0 / (Double(nFFT) * (1.0 / sr))
        let candidates = (0..<bins).filter { bin in
            let frequency = Double(bin) * binWidth
            return 150 <= frequency && frequency < fmax
        }
        guard let firstBin = candidates.first, let lastBin = candidates.last else { return 0 }
        var pitches: [Float] = []
        var magnitudes: [Float] = []
        spectrogram.power.withUnsafeBufferPointer { power in
            for frame in 0..<frames {
                let s = UnsafeBufferPointer(rebasing: power[(frame * bins)..<((frame + 1) * bins)])
                var loudest: Float = -.infinity
                for value in s { loudest = max(loudest, value) }
                let reference = Float(0.1) * loudest
                func thresholded(_ bin: Int) -> Float { s[bin] > reference ? s[bin] : 0 }
                for bin in firstBin...lastBin {
                    let x = thresholded(bin)
                    let isPeak: Bool
                    if bin == 0 {
                        isPeak = false
                    } else if bin == bins - 1 {
                        isPeak = x > thresholded(bin - 1)
                    } else {
                        isPeak = x > thresholded(bin - 1) && x >= thresholded(bin + 1)
                    }
                    if !isPeak { continue }
                    let shift = Self.parabolicShift(s, at: bin)
                    let slope: Float
                    if bin == 0 {
                        slope = s[1] - s[0]
                    } else if bin == bins - 1 {
                        slope = s[bin] - s[bin - 1]
                    } else {
                        slope = (s[bin + 1] - s[bin - 1]) / 2
                    }
                    let skew = Float(0.5) * slope * shift
                    let pitch = Float((Double(bin) + Double(shift)) * sr / Double(nFFT))
                    if pitch > 0 {
                        pitches.append(pitch)
                        magnitudes.append(s[bin] + skew)
                    }
                }
            }
        }
        if pitches.isEmpty { return 0 }
        let threshold = Self.median(magnitudes)
        var residuals: [Float] = []
        for (pitch, magnitude) in zip(pitches, magnitudes) where magnitude >= threshold {
            let octaves = log2f(pitch / Float(27.5))
            var residual = Self.floorModulo(Float(12) * octaves)
            if residual >= 0.5 { residual -= 1 }
            residuals.append(residual)
        }
        return Self.histogramPeak(residuals)
    }

    /// librosa's `_parabolic_interpolation` at one bin: −b/a with
    /// a = s[i+1] + s[i−1] − 2s[i] and b = (s[i+1] − s[i−1])/2, 0 at the edges
    /// and when |b| ≥ |a|. Computed in numba's types (float32 sums, float64 rest).
    static func parabolicShift(_ s: UnsafeBufferPointer<Float>, at bin: Int) -> Float {
        if bin == 0 || bin == s.count - 1 { return 0 }
        let a = Double(s[bin + 1] + s[bin - 1]) - 2 * Double(s[bin])
        let b = Double(s[bin + 1] - s[bin - 1]) / 2
        if abs(b) >= abs(a) { return 0 }
        return Float(-b / a)
    }

    /// `np.median` of float32 values: the middle value, or the Float32 mean of the two middle values.
    static func median(_ values: [Float]) -> Float {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `np.mod(x, 1.0)` for Float32: the remainder with the sign of the divisor.
    static func floorModulo(_ x: Float) -> Float {
        var remainder = x.truncatingRemainder(dividingBy: 1)
        if remainder < 0 { remainder += 1 }
        return remainder
    }

    /// `np.histogram(residuals, np.linspace(-0.5, 0.5, 101))`'s fullest bin's left edge.
    static func histogramPeak(_ residuals: [Float]) -> Double {
        let edges = linspace(from: -0.5, to: 0.5, count: 101)
        var counts = [Int](repeating: 0, count: edges.count - 1)
        for residual in residuals {
            let value = Double(residual)
            if value < edges[0] || value > edges[edges.count - 1] { continue }
            // The last bin is closed on the right; the others are half-open.
            var lower = 0
            var upper = edges.count - 1
            while upper - lower > 1 {
                let middle = (lower + upper) / 2
                if edges[middle] <= value { lower = middle } else { upper = middle }
            }
            counts[lower] += 1
        }
        var best = 0
        for index in counts.indices where counts[index] > counts[best] { best = index }
        return edges[best]
    }
}
