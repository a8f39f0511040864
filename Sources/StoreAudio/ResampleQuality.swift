import CSampleRate

/// The resampler used when a file's rate differs from the target rate:
/// libsamplerate's sinc converters, or libsoxr's high-quality one.
///
/// librosa 0.11 resamples with soxr ("soxr_hq"), so `soxr` gives librosa's
/// values (MFCCs within 6.1e-5 dB on resampled speech, bench/audio-compare)
/// and is the fastest. Measured on 3 s of speech (see bench/audio-compare.md):
/// libsamplerate's `best` costs 60–120 ms per file, more than all of librosa;
/// `medium` 15–27 ms, `fast` 8–14 ms, each further from librosa's values.
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
