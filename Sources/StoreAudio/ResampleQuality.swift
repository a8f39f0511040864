import CSampleRate

/// The libsamplerate converter used when a file's rate differs from the target rate.
///
/// librosa 0.11 resamples with soxr ("soxr_hq"); libsamplerate's sinc converters
/// are the closest band-limited equivalents available here.
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
