import Foundation

/// The analysis window of the short-time Fourier transform, periodic as
/// `scipy.signal.get_window(name, n_fft, fftbins=True)` builds it for `librosa.stft`.
public enum AudioWindow: String, CaseIterable, Sendable, Codable {
    case hann, hamming

    /// The `length` window coefficients as scipy computes them: the symmetric
    /// window of `length + 1` points, `a + (1 − a)·cos(x)` for x = `np.linspace(−π, π, length + 1)`,
    /// without its last point; a = 0.5 (Hann) or 0.54 (Hamming).
    ///
    /// `AudioWindow.hann.coefficients(length: 4)` is `[0, 0.5, 1, 0.5]`; length 1 gives `[1]`.
    func coefficients(length: Int) -> [Double] {
        if length == 1 { return [1] }
        let a = self == .hann ? 0.5 : 0.54
        let angles = linspace(from: -Double.pi, to: Double.pi, count: length + 1)
        return (0..<length).map { k in a + (1 - a) * cos(angles[k]) }
    }
}
