import Foundation

/// `librosa.filters.mel(sr, n_fft, n_mels, fmin=0, fmax=sr/2, htk=False, norm="slaney")`:
/// triangular filters on the Slaney mel scale, each scaled to unit area
/// (2 / bandwidth in Hz), as an `nMels × (nFFT/2 + 1)` Float32 matrix, row-major.
///
/// (1) Band edges are `mel_frequencies(n_mels + 2, 0, sr/2)`: evenly spaced on the
///     Slaney scale (linear below 1 kHz at 200/3 Hz per mel, logarithmic above
///     with step ln(6.4)/27), spaced as `np.linspace` spaces them.
/// (2) Bin frequencies are `np.fft.rfftfreq(n_fft, 1/sr)`.
/// (3) Weights are computed in double, rounded to Float32, multiplied by the
///     slaney factor in double and rounded again (librosa's in-place float32 product).
/// (4) Bands too narrow to hold a bin are all zero (librosa warns about them).
struct MelFilterbank: Sendable {
    let bands: Int
    let bins: Int
    let weights: [Float]
    /// Per band, the bins where its weight is not zero (empty for an empty band).
    let support: [Range<Int>]

    init(sampleRate: Int, nFFT: Int, bands: Int) {
        let bins = nFFT / 2 + 1
        let sr = Double(sampleRate)
        let fftFrequencies = (0..<bins).map { Double($0) * (1.0 / (Double(nFFT) * (1.0 / sr))) }
        let edges = Self.melFrequencies(count: bands + 2, fmin: 0, fmax: sr / 2)
        var weights = [Float](repeating: 0, count: bands * bins)
        for band in 0..<bands {
            let lowerWidth = edges[band + 1] - edges[band]
            let upperWidth = edges[band + 2] - edges[band + 1]
            let slaney = 2.0 / (edges[band + 2] - edges[band])
            for bin in 0..<bins {
                let lower = -(edges[band] - fftFrequencies[bin]) / lowerWidth
                let upper = (edges[band + 2] - fftFrequencies[bin]) / upperWidth
                let weight = Float(max(0, min(lower, upper)))
                weights[band * bins + bin] = Float(Double(weight) * slaney)
            }
        }
        self.bands = bands
        self.bins = bins
        self.weights = weights
        support = (0..<bands).map { band in
            let row = weights[(band * bins)..<((band + 1) * bins)]
            guard let first = row.firstIndex(where: { $0 != 0 }), let last = row.lastIndex(where: { $0 != 0 }) else {
                return 0..<0
            }
            return (first - band * bins)..<(last - band * bins + 1)
        }
    }

    /// `librosa.mel_frequencies(count, fmin, fmax, htk=False)`: `count` frequencies in Hz
    /// evenly spaced on the Slaney mel scale. `melFrequencies(count: 3, fmin: 0, fmax: 2000)`
    /// is about `[0, 836.06, 2000]`.
    static func melFrequencies(count: Int, fmin: Double, fmax: Double) -> [Double] {
        let low = hertzToMel(fmin)
        let high = hertzToMel(fmax)
        return linspace(from: low, to: high, count: count).map(melToHertz)
    }

    private static let minLogHertz = 1000.0
    private static let hertzPerMel = 200.0 / 3
    private static let minLogMel = minLogHertz / hertzPerMel
    private static let logStep = log(6.4) / 27.0

    /// `librosa.hz_to_mel(f, htk=False)`.
    static func hertzToMel(_ frequency: Double) -> Double {
        if frequency >= minLogHertz {
            return minLogMel + log(frequency / minLogHertz) / logStep
        }
        return frequency / hertzPerMel
    }

    /// `librosa.mel_to_hz(m, htk=False)`.
    static func melToHertz(_ mel: Double) -> Double {
        if mel >= minLogMel {
            return minLogHertz * exp(logStep * (mel - minLogMel))
        }
        return hertzPerMel * mel
    }
}

/// `np.linspace(start, stop, count)`: `start + i·step` with step (stop − start)/(count − 1),
/// the last value exactly `stop`. One value gives `[start]`; zero gives `[]`.
func linspace(from start: Double, to stop: Double, count: Int) -> [Double] {
    if count <= 0 { return [] }
    if count == 1 { return [start] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { Double($0) * step + start }
    values[count - 1] = stop
    return values
}
