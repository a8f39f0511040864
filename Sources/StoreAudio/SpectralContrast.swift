/// `librosa.feature.spectral_contrast(y, sr, n_fft, hop_length, window)` with its
/// defaults (n_bands=6, fmin=200, quantile=0.02, linear=False): per octave band,
/// the dB difference between the mean of the loudest and the quietest 2 % of the
/// band's magnitudes, as a `7 × frames` matrix.
///
/// (1) Band edges are 0, 200, 400, …, 12800 Hz; band k holds the bins with
///     edge k ≤ f ≤ edge k+1, plus the bin below for k > 0, plus every bin
///     above for the top band; bands below the top one drop their last bin.
/// (2) Each band averages its `max(1, rint(0.02 · bins in the band))` smallest
///     (valley) and largest (peak) magnitudes in Float32, in sorted order.
/// (3) Peaks and valleys each go through `power_to_db(ref=1, amin=1e-10, top_db=80)`
///     over the whole recording; the contrast is their difference.
/// (4) No frames give an empty matrix.
struct SpectralContrast: Sendable {
    static let bandCount = 6
    static let lowestEdge = 200.0
    /// Where the top band starts: librosa refuses rates whose Nyquist frequency is at or below it.
    static let highestBandEdge = lowestEdge * Double(1 << (bandCount - 1))
    static let quantile = 0.02

    /// Per band, the bins it reads and how many of the extremes it averages.
    private let bands: [(bins: Range<Int>, taken: Int)]

    var rows: Int { bands.count }

    init(sampleRate: Int, nFFT: Int) throws(AudioError) {
        let binCount = nFFT / 2 + 1
        let sr = Double(sampleRate)
        let frequencies = (0..<binCount).map { Double($0) * (1.0 / (Double(nFFT) * (1.0 / sr))) }
        var edges = [0.0]
        for k in 0...Self.bandCount { edges.append(Self.lowestEdge * Double(1 << k)) }
        var bands: [(bins: Range<Int>, taken: Int)] = []
        for k in 0...Self.bandCount {
            let inside = frequencies.indices.filter { frequencies[$0] >= edges[k] && frequencies[$0] <= edges[k + 1] }
            guard let first = inside.first, let last = inside.last else {
                throw AudioError("spectral contrast: an FFT length of \(nFFT) at \(sampleRate) Hz leaves the \(Int(edges[k]))–\(Int(edges[k + 1])) Hz band without a frequency bin; use a longer FFT")
            }
            let lower = k > 0 ? first - 1 : first
            let upper = k == Self.bandCount ? binCount : last + 1
            let members = upper - lower
            let taken = max(1, Int((Self.quantile * Double(members)).rounded(.toNearestOrEven)))
            let read = k < Self.bandCount ? lower..<(upper - 1) : lower..<upper
            bands.append((read, taken))
        }
        self.bands = bands
    }

    /// The contrast of a magnitude spectrogram, `rows × frames`, row-major.
    func contrast(of spectrogram: Spectrogram) -> [Float] {
        let frames = spectrogram.frames
        let rows = bands.count
        if frames == 0 { return [] }
        var peaks = [Double](repeating: 0, count: rows * frames)
        var valleys = [Double](repeating: 0, count: rows * frames)
        var sorted = [Float](repeating: 0, count: spectrogram.bins)
        spectrogram.magnitude.withUnsafeBufferPointer { magnitude in
            for frame in 0..<frames {
                let base = frame * spectrogram.bins
                for (row, band) in bands.enumerated() {
                    let count = band.bins.count
                    for (offset, bin) in band.bins.enumerated() { sorted[offset] = magnitude[base + bin] }
                    sorted[0..<count].sort()
                    let taken = min(band.taken, count)
                    var low: Float = 0
                    var high: Float = 0
                    for index in 0..<taken {
                        low += sorted[index]
                        high += sorted[count - taken + index]
                    }
                    valleys[row * frames + frame] = Double(low / Float(taken))
                    peaks[row * frames + frame] = Double(high / Float(taken))
                }
            }
        }
        Decibels.powerToDB(&peaks)
        Decibels.powerToDB(&valleys)
        return (0..<(rows * frames)).map { Float(peaks[$0] - valleys[$0]) }
    }
}
