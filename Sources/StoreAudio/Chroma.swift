/// `librosa.feature.chroma_stft(y, sr, n_fft, hop_length, window)` with its
/// defaults: pitch-class energies of the power spectrogram under a chroma
/// filterbank tuned by `estimate_tuning`, each frame divided by its largest
/// value, as a `12 × frames` matrix.
///
/// (1) The tuning is estimated per recording (`TuningEstimator`), so the filterbank is built per call.
/// (2) Raw chroma is the filterbank times the power spectrogram, summed in double
///     and rounded to Float32 (librosa: a float32 `einsum`); a plain loop for the
///     reason given in `MFCC`.
/// (3) A frame whose largest value is below the smallest normal Float32 is left
///     as is (all zeros), as `librosa.util.normalize` leaves it.
/// (4) No frames give an empty matrix.
struct Chroma: Sendable {
    let sampleRate: Int
    let nFFT: Int

    func chroma(of spectrogram: Spectrogram) -> [Float] {
        let frames = spectrogram.frames
        let classes = ChromaFilterbank.classes
        var raw = [Float](repeating: 0, count: classes * frames)
        if frames == 0 { return raw }
        let tuning = TuningEstimator(sampleRate: sampleRate, nFFT: nFFT).tuning(of: spectrogram)
        let filterbank = ChromaFilterbank(sampleRate: sampleRate, nFFT: nFFT, tuning: tuning)
        let bins = filterbank.bins
        spectrogram.power.withUnsafeBufferPointer { power in
            filterbank.weights.withUnsafeBufferPointer { weights in
                for frame in 0..<frames {
                    let spectrum = UnsafeBufferPointer(rebasing: power[(frame * bins)..<((frame + 1) * bins)])
                    for c in 0..<classes {
                        let filter = UnsafeBufferPointer(rebasing: weights[(c * bins)..<((c + 1) * bins)])
                        raw[c * frames + frame] = Float(doubleDot(filter, spectrum, over: 0..<bins))
                    }
                }
            }
        }
        for frame in 0..<frames {
            var largest: Float = 0
            for c in 0..<classes { largest = max(largest, abs(raw[c * frames + frame])) }
            if largest < Float.leastNormalMagnitude { continue }
            for c in 0..<classes {
                raw[c * frames + frame] = Float(Double(raw[c * frames + frame]) / Double(largest))
            }
        }
        return raw
    }
}
