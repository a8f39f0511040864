import Foundation

/// `librosa.filters.chroma(sr, n_fft, tuning, n_chroma=12, ctroct=5, octwidth=2, norm=2, base_c=True)`:
/// Gaussian bumps mapping FFT bins to the 12 pitch classes (C first), as a
/// `12 × (nFFT/2 + 1)` Float32 matrix, row-major.
///
/// (1) Bin i > 0 sits at 12·log2(i·sr/n_fft / (A/16)) semitones with
///     A = 440·2^(tuning/12); bin 0 is put 18 semitones below bin 1.
/// (2) Each bin's weights are exp(−½·(2D/w)²) for its semitone distance D to the
///     class (folded into ±6) and its width w (distance to the next bin, at least 1),
///     normalised to unit L2 norm per bin, then weighted by a Gaussian of width
///     2 octaves centred on octave 5.
/// (3) Computed in double, rounded to Float32 at the end like librosa's `dtype`.
struct ChromaFilterbank: Sendable {
    static let classes = 12
    let bins: Int
    let weights: [Float]

    init(sampleRate: Int, nFFT: Int, tuning: Double) {
        let classes = Self.classes
        let chroma = Double(classes)
        let step = Double(sampleRate) / Double(nFFT)
        let a440 = 440.0 * pow(2.0, tuning / chroma)
        var semitones = [Double](repeating: 0, count: nFFT)
        for i in 1..<nFFT {
            semitones[i] = chroma * log2(Double(i) * step / (a440 / 16))
        }
        semitones[0] = (nFFT > 1 ? semitones[1] : 0) - 1.5 * chroma
        var widths = [Double](repeating: 1, count: nFFT)
        for i in 0..<(nFFT - 1) { widths[i] = max(semitones[i + 1] - semitones[i], 1.0) }
        let half = (chroma / 2).rounded(.toNearestOrEven)
        let bins = 1 + nFFT / 2
        var full = [Double](repeating: 0, count: classes * bins)
        for i in 0..<bins {
            var column = [Double](repeating: 0, count: classes)
            var squares = 0.0
            for c in 0..<classes {
                var d = (semitones[i] - Double(c) + half + 10 * chroma).truncatingRemainder(dividingBy: chroma)
                if d < 0 { d += chroma }
                d -= half
                let ratio = 2 * d / widths[i]
                let weight = exp(-0.5 * ratio * ratio)
                column[c] = weight
                squares += weight * weight
            }
            var length = squares.squareRoot()
            if length < Double.leastNormalMagnitude { length = 1 }
            let octave = (semitones[i] / chroma - 5) / 2
            let octaveWeight = exp(-0.5 * octave * octave)
            for c in 0..<classes {
                // base_c: np.roll(-3) puts class 3 (C, counted from A) in row 0.
                let row = (c + classes - 3) % classes
                full[row * bins + i] = column[c] / length * octaveWeight
            }
        }
        self.bins = bins
        self.weights = full.map { Float($0) }
    }
}
