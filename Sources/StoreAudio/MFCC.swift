import COpenBLAS
import Foundation

/// `librosa.feature.mfcc(y, sr, n_mfcc, n_fft, hop_length, n_mels, window)`:
/// the orthonormal DCT-II (`scipy.fft.dct(type=2, norm="ortho")`) over the mel
/// axis of the mel spectrogram in dB, first `count` coefficients, as a
/// `count × frames` Float32 matrix, row-major.
///
/// (1) Coefficient k of N bands is Σₙ x[n]·cos(πk(2n+1)/(2N)), scaled by √(1/N)
///     for k = 0 and √(2/N) otherwise, applied as one `cblas_sgemm`.
/// (2) No frames give an empty matrix.
struct MFCC: Sendable {
    let count: Int
    let bands: Int
    /// `count × bands`, row-major.
    let basis: [Float]

    init(count: Int, bands: Int) {
        self.count = count
        self.bands = bands
        var basis = [Float](repeating: 0, count: count * bands)
        let n = Double(bands)
        for k in 0..<count {
            let scale = k == 0 ? (1 / n).squareRoot() : (2 / n).squareRoot()
            for band in 0..<bands {
                basis[k * bands + band] = Float(scale * cos(Double.pi * Double(k) * Double(2 * band + 1) / (2 * n)))
            }
        }
        self.basis = basis
    }

    /// The MFCCs of a `bands × frames` dB mel matrix.
    func coefficients(ofMelDecibels mel: [Float], frames: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count * frames)
        if frames == 0 { return out }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans,
            Int32(count), Int32(frames), Int32(bands),
            1, basis, Int32(bands),
            mel, Int32(frames),
            0, &out, Int32(frames))
        return out
    }
}
