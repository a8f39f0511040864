import CSampleRate

/// The libsamplerate converter used when a file's rate differs from the target rate.
///
/// librosa 0.11 resamples with soxr ("soxr_hq"); libsamplerate's sinc converters
/// are the closest band-limited equivalents available here. Measured on 3 s of
/// speech (see bench/audio-compare.md): `best` is closest to soxr (mel bands
/// below the source's Nyquist frequency within 0.2 dB) but costs 60–120 ms per
/// file, more than all of librosa; `medium` 15–27 ms, `fast` 8–14 ms, each
/// further from librosa's values.
public enum ResampleQuality: String, CaseIterable, Sendable, Codable {
    /// `SRC_SINC_BEST_QUALITY`.
    case best
    /// `SRC_SINC_MEDIUM_QUALITY`.
    case medium
    /// `SRC_SINC_FASTEST`.
    case fast

    var converterType: Int32 {
        switch self {
        case .best: Int32(SRC_SINC_BEST_QUALITY)
        case .medium: Int32(SRC_SINC_MEDIUM_QUALITY)
        case .fast: Int32(SRC_SINC_FASTEST)
        }
    }
}
