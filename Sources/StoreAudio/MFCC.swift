import Foundation

/// `librosa.feature.mfcc(y, sr, n_mfcc, n_fft, hop_length, n_mels, window)`:
/// the orthonormal DCT-II (`scipy.fft.dct(type=2, norm="ortho")`) over the mel
/// axis of the mel spectrogram in dB, first `count` coefficients, as a
/// `count × frames` Float32 matrix, row-major.
///
/// (1) Coefficient k of N bands is Σₙ x[n]·cos(πk(2n+1)/(2N)), scaled by √(1/N)
///     for k = 0 and √(2/N) otherwise, summed in double precision: a Float32
///     product (`cblas_sgemm`) was 5e-4 dB off the exact DCT on speech (values
///     reach ±600), ten times librosa's own float32 error (4e-5). A plain loop
///     rather than `cblas_dgemm`: OpenBLAS spreads a product this size over its
///     own threads, which halves throughput when analyses already run in parallel.
/// (2) No frames give an empty matrix.
struct MFCC: Sendable {
    let count: Int
    let bands: Int
    /// `count × bands`, row-major.
    let basis: [Double]

    init(count: Int, bands: Int) {
        self.count = count
        self.bands = bands
        var basis = [Double](repeating: 0, count: count * bands)
        let n = Double(bands)
        for k in 0..<count {
            let scale = k == 0 ? (1 / n).squareRoot() : (2 / n).squareRoot()
            for band in 0..<bands {
                basis[k * bands + band] = scale * cos(Double.pi * Double(k) * Double(2 * band + 1) / (2 * n))
            }
        }
        self.basis = basis
    }

    /// The MFCCs of a `bands × frames` dB mel matrix.
    func coefficients(ofMelDecibels mel: [Float], frames: Int) -> [Float] {
        if frames == 0 { return [] }
        // Band by band: each dB row is converted to double once, then added into
        // every coefficient's row, so the sums run over bands in order as in (1)
        // and every inner loop is over contiguous frames.
        var sums = [Double](repeating: 0, count: count * frames)
        var bandRow = [Double](repeating: 0, count: frames)
        mel.withUnsafeBufferPointer { mel in
            basis.withUnsafeBufferPointer { basis in
                sums.withUnsafeMutableBufferPointer { sums in
                    bandRow.withUnsafeMutableBufferPointer { bandRow in
                        for band in 0..<bands {
                            let source = UnsafeBufferPointer(rebasing: mel[(band * frames)..<((band + 1) * frames)])
                            for frame in 0..<frames { bandRow[frame] = Double(source[frame]) }
                            for k in 0..<count {
                                let weight = basis[k * bands + band]
                                let target = UnsafeMutableBufferPointer(rebasing: sums[(k * frames)..<((k + 1) * frames)])
                                for frame in 0..<frames { target[frame] += weight * bandRow[frame] }
                            }
                        }
                    }
                }
            }
        }
        return sums.map(Float.init)
    }
}
