import COpenBLAS

/// `librosa.feature.chroma_stft(y, sr, n_fft, hop_length, window)` with its
/// defaults: pitch-class energies of the power spectrogram under a chroma
/// filterbank tuned by `estimate_tuning`, each frame divided by its largest
/// value, as a `12 × frames` matrix.
///
/// (1) The tuning is estimated per recording (`TuningEstimator`), so the filterbank is built per call.
/// (2) Raw chroma is the filterbank times the power spectrogram (`cblas_sgemm`, Float32).
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
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans,
            Int32(classes), Int32(frames), Int32(filterbank.bins),
            1, filterbank.weights, Int32(filterbank.bins),
            spectrogram.power, Int32(spectrogram.bins),
            0, &raw, Int32(frames))
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
