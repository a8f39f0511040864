import COpenBLAS

/// `librosa.power_to_db(librosa.feature.melspectrogram(y, sr, n_fft, hop_length, n_mels, window))`:
/// mel band energies of the power spectrogram in dB (ref 1, amin 1e-10, top_db 80),
/// as a `nMels × frames` Float32 matrix, row-major.
///
/// (1) The mel filterbank multiplies the power spectrogram with one `cblas_sgemm`
///     (librosa's float32 `einsum`).
/// (2) The dB floor is 80 dB below the loudest band of the whole recording.
/// (3) A spectrogram with no frames gives an empty matrix.
struct MelSpectrogram: Sendable {
    let filterbank: MelFilterbank

    func decibels(of spectrogram: Spectrogram) -> [Float] {
        let bands = filterbank.bands
        let frames = spectrogram.frames
        var mel = [Float](repeating: 0, count: bands * frames)
        if frames == 0 { return mel }
        // mel (bands × frames) = weights (bands × bins) · powerᵀ (power is frames × bins).
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans,
            Int32(bands), Int32(frames), Int32(filterbank.bins),
            1, filterbank.weights, Int32(filterbank.bins),
            spectrogram.power, Int32(spectrogram.bins),
            0, &mel, Int32(frames))
        Decibels.powerToDB(&mel)
        return mel
    }
}
