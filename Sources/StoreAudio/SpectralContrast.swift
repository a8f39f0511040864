/// `librosa.feature.spectral_contrast(y, sr, n_fft, hop_length, window)` with its
/// defaults (n_bands=6, fmin=200, quantile=0.02, linear=False): per octave band,
/// the dB difference between the mean of the loudest and the quietest 2 % of the
/// band's magnitudes, as a `7 × frames` matrix.
///
/// (1) Band edges are 0, 200, 400, …, 12800 Hz; band k holds the bins with
///     edge k ≤ f ≤ edge k+1, plus the bin below for k > 0, plus every bin
///     above for the top band; bands below the top one drop their last bin.
/// (2) Each band averages its `max(1, rint(0.02 · bins in the band))` smallest
///     (valley) and largest (peak) magnitudes in Float32, summed in ascending
///     order as librosa sums its sorted slices; only those few values are kept
///     sorted, instead of sorting the band (a third of the time of all features).
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
        let largestTaken = bands.map(\.taken).max() ?? 1
        var lowest = ExtremeValues(capacity: largestTaken)
        var highest = ExtremeValues(capacity: largestTaken)
        spectrogram.magnitude.withUnsafeBufferPointer { magnitude in
            for frame in 0..<frames {
                let base = frame * spectrogram.bins
                for (row, band) in bands.enumerated() {
                    let taken = min(band.taken, band.bins.count)
                    lowest.reset(keeping: taken, largest: false)
                    highest.reset(keeping: taken, largest: true)
                    for bin in band.bins {
                        lowest.offer(magnitude[base + bin])
                        highest.offer(magnitude[base + bin])
                    }
                    valleys[row * frames + frame] = Double(lowest.ascendingSum() / Float(taken))
                    peaks[row * frames + frame] = Double(highest.ascendingSum() / Float(taken))
                }
            }
        }
        Decibels.powerToDB(&peaks)
        Decibels.powerToDB(&valleys)
        return (0..<(rows * frames)).map { Float(peaks[$0] - valleys[$0]) }
    }
}

/// The `count` smallest (or largest) values offered so far, kept sorted
/// ascending in a fixed buffer: a partial sort for a handful of values.
private struct ExtremeValues {
    private var values: [Float]
    private var count = 0
    private var capacity = 0
    private var largest = false

    init(capacity: Int) {
        values = [Float](repeating: 0, count: max(1, capacity))
    }

    mutating func reset(keeping capacity: Int, largest: Bool) {
        count = 0
        self.capacity = capacity
        self.largest = largest
    }

    /// Keeps `value` if it is among the extremes so far (NaN is never kept).
    mutating func offer(_ value: Float) {
        if capacity == 0 { return }
        if count == capacity {
            if largest {
                // A new large value pushes out the smallest kept one, the first.
                guard value > values[0] else { return }
                for index in 0..<(count - 1) { values[index] = values[index + 1] }
            } else {
                // A new small value pushes out the largest kept one, the last.
                guard value < values[count - 1] else { return }
            }
            count -= 1
        }
        var index = count
        while index > 0 && values[index - 1] > value {
            values[index] = values[index - 1]
            index -= 1
        }
        values[index] = value
        count += 1
    }

    /// The kept values summed from the smallest up, in Float32.
    func ascendingSum() -> Float {
        var sum: Float = 0
        for index in 0..<count { sum += values[index] }
        return sum
    }
}
