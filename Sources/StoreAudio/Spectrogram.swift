/// The power (and optionally magnitude) spectrogram of a mono signal, frame-major:
/// frame t's `bins` values are contiguous (`power[t * bins + f]`).
struct Spectrogram {
    let bins: Int
    let frames: Int
    /// `np.abs(librosa.stft(y)) ** 2`, Float32.
    let power: [Float]
    /// `np.abs(librosa.stft(y))`, Float32; empty unless asked for.
    let magnitude: [Float]
}

/// `librosa.stft(y, n_fft, hop_length, window, center=True, pad_mode="constant")`
/// reduced to magnitudes.
///
/// (1) The signal is zero-padded by n_fft/2 on both sides; frame t starts at
///     padded sample t·hop; there are 1 + (n + 2·(n_fft/2) − n_fft) / hop frames
///     (1 + n / hop for even n_fft).
/// (2) Each frame is multiplied by the periodic window in double precision and
///     transformed in double precision (as librosa does, its window being float64),
///     then rounded to complex64 as librosa stores it.
/// (3) Magnitudes are |X| rounded to Float32. Powers are that magnitude squared
///     in Float32 (`np.abs(S) ** 2` on librosa's complex64 matrix) when magnitudes
///     are kept, and |X|² rounded once otherwise, which skips a square root per
///     bin and differs by at most one Float32 rounding (4e-7 dB).
/// (4) An empty signal has no frames.
struct ShortTimeFourierTransform: Sendable {
    let nFFT: Int
    let hop: Int
    let window: [Double]
    let fft: RealFFT

    init(nFFT: Int, hop: Int, window: AudioWindow) throws(AudioError) {
        self.nFFT = nFFT
        self.hop = hop
        self.window = window.coefficients(length: nFFT)
        self.fft = try RealFFT(length: nFFT)
    }

    var bins: Int { nFFT / 2 + 1 }

    func frameCount(samples n: Int) -> Int {
        let padded = n + 2 * (nFFT / 2)
        return padded < nFFT || n == 0 ? 0 : 1 + (padded - nFFT) / hop
    }

    /// The spectrogram of `y`, computed in `workspace`'s arrays (every value is overwritten).
    func spectrogram(of y: [Float], keepMagnitude: Bool, in workspace: AnalysisWorkspace) -> Spectrogram {
        let frames = frameCount(samples: y.count)
        let bins = self.bins
        let buffers = workspace.fft
        workspace.power.resize(to: frames * bins)
        workspace.magnitude.resize(to: keepMagnitude ? frames * bins : 0)
        let n = y.count
        let half = nFFT / 2
        y.withUnsafeBufferPointer { samples in
            window.withUnsafeBufferPointer { window in
                workspace.power.withUnsafeMutableBufferPointer { power in
                    workspace.magnitude.withUnsafeMutableBufferPointer { magnitude in
                        let input = UnsafeMutableBufferPointer(start: buffers.input, count: nFFT)
                        let output = UnsafeMutableRawPointer(buffers.output).bindMemory(to: Double.self, capacity: 2 * bins)
                        let spectrum = UnsafeBufferPointer(start: output, count: 2 * bins)
                        for frame in 0..<frames {
                            let start = frame * hop - half
                            let first = min(max(0, -start), nFFT)
                            let end = max(min(nFFT, n - start), first)
                            input[0..<first].update(repeating: 0)
                            let windowed = UnsafeMutableBufferPointer(rebasing: input[first..<end])
                            let coefficients = UnsafeBufferPointer(rebasing: window[first..<end])
                            let segment = UnsafeBufferPointer(rebasing: samples[(start + first)..<(start + end)])
                            for k in 0..<windowed.count { windowed[k] = coefficients[k] * Double(segment[k]) }
                            input[end..<nFFT].update(repeating: 0)
                            fft.transform(buffers)
                            let row = UnsafeMutableBufferPointer(rebasing: power[(frame * bins)..<((frame + 1) * bins)])
                            if keepMagnitude {
                                let magnitudes = UnsafeMutableBufferPointer(rebasing: magnitude[(frame * bins)..<((frame + 1) * bins)])
                                for f in 0..<bins {
                                    let re = Double(Float(spectrum[2 * f]))
                                    let im = Double(Float(spectrum[2 * f + 1]))
                                    let value = Float((re * re + im * im).squareRoot())
                                    row[f] = value * value
                                    magnitudes[f] = value
                                }
                            } else {
                                for f in 0..<bins {
                                    let re = Double(Float(spectrum[2 * f]))
                                    let im = Double(Float(spectrum[2 * f + 1]))
                                    row[f] = Float(re * re + im * im)
                                }
                            }
                        }
                    }
                }
            }
        }
        return Spectrogram(bins: bins, frames: frames, power: workspace.power, magnitude: workspace.magnitude)
    }
}
