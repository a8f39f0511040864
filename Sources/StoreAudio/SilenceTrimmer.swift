import Foundation

/// `librosa.effects.trim(y, top_db=…, ref=np.max, frame_length=2048, hop_length=512)`:
/// the range of samples between the first and last frame whose RMS is within
/// `topDB` decibels of the loudest frame.
///
/// (1) Frames are centred: frame t covers samples t·512 − 1024 ..< t·512 + 1024,
///     zeros outside the signal (librosa.feature.rms, pad_mode "constant").
/// (2) A frame is non-silent when 10·log10(max(1e-10, rms²)) − 10·log10(max(1e-10, max rms²)) > −topDB,
///     in Float32 as librosa computes it.
/// (3) The range starts at the first non-silent frame · 512 and ends at
///     min(n, (last non-silent frame + 1) · 512).
/// (4) The loudest frame is always non-silent, so a non-empty signal never trims to
///     nothing; an all-zero signal is kept whole (every frame is at the reference);
///     an empty signal gives the empty range.
struct SilenceTrimmer: Sendable {
    let topDB: Double
    let frameLength = 2048
    let hopLength = 512

    func nonSilentRange(of y: [Float]) -> Range<Int> {
        let n = y.count
        if n == 0 { return 0..<0 }
        let frameCount = 1 + n / hopLength
        let half = frameLength / 2
        // A frame is 4 hops: the sums of squares of hop-long blocks, in double,
        // add up to every frame's sum with one pass over the signal.
        let blocksPerFrame = frameLength / hopLength
        let blockCount = (n + hopLength - 1) / hopLength
        var blocks = [Double](repeating: 0, count: blockCount)
        y.withUnsafeBufferPointer { samples in
            for block in 0..<blockCount {
                var sum = 0.0
                for index in (block * hopLength)..<min(n, (block + 1) * hopLength) {
                    let value = Double(samples[index])
                    sum += value * value
                }
                blocks[block] = sum
            }
        }
        let rms = (0..<frameCount).map { frame in
            let firstBlock = frame - half / hopLength
            var sum = 0.0
            for block in max(0, firstBlock)..<min(blockCount, firstBlock + blocksPerFrame) { sum += blocks[block] }
            return Float(sum / Double(frameLength)).squareRoot()
        }
        let loudest = rms.max() ?? 0
        let reference = 10 * log10f(max(1e-10, loudest * loudest))
        let threshold = Float(-topDB)
        var first = -1
        var last = -1
        for frame in 0..<frameCount {
            let db = 10 * log10f(max(1e-10, rms[frame] * rms[frame])) - reference
            if db > threshold {
                if first < 0 { first = frame }
                last = frame
            }
        }
        if first < 0 { return 0..<0 }
        return (first * hopLength)..<min(n, (last + 1) * hopLength)
    }
}
