/// `librosa.feature.zero_crossing_rate(y, frame_length=n_fft, hop_length=hop, center=True)`:
/// per frame, the fraction of adjacent sample pairs whose signs differ, as a
/// `1 × frames` matrix.
///
/// (1) The signal is padded by n_fft/2 copies of its first and last sample
///     (`np.pad(mode="edge")`); frame t covers padded samples t·hop ..< t·hop + n_fft.
/// (2) Values within ±1e-10 count as zero, and zero counts as positive
///     (`zero_crossings(threshold=1e-10, zero_pos=True)`): a crossing is a change of
///     "value < −1e-10" between neighbours.
/// (3) The first sample of a frame is never a crossing (`pad=False`); the rate is
///     crossings / n_fft.
/// (4) An empty signal has no frames.
struct ZeroCrossingRate: Sendable {
    let frameLength: Int
    let hop: Int

    func rates(of y: [Float]) -> [Float] {
        let n = y.count
        if n == 0 { return [] }
        let half = frameLength / 2
        let padded = n + 2 * half
        if padded < frameLength { return [] }
        let frames = 1 + (padded - frameLength) / hop
        let threshold = -Float(1e-10)
        // crossingsBefore[j] = crossings at padded positions 1 ..< j.
        var crossingsBefore = [Int32](repeating: 0, count: padded + 1)
        y.withUnsafeBufferPointer { samples in
            var previous = samples[0] < threshold
            var running: Int32 = 0
            crossingsBefore[0] = 0
            crossingsBefore[1] = 0
            for j in 1..<padded {
                let negative = samples[min(max(j - half, 0), n - 1)] < threshold
                if negative != previous { running += 1 }
                previous = negative
                crossingsBefore[j + 1] = running
            }
        }
        let length = Float(frameLength)
        return (0..<frames).map { frame in
            let start = frame * hop
            let count = crossingsBefore[start + frameLength] - crossingsBefore[start + 1]
            return Float(count) / length
        }
    }
}
