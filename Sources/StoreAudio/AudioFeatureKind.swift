/// A feature matrix the analyzer can compute, each matching one librosa 0.11 function.
///
/// - `mfcc`: `librosa.feature.mfcc` (rows: `mfccCount`).
/// - `mel`: `librosa.power_to_db(librosa.feature.melspectrogram(...))` in dB (rows: `nMels`).
/// - `chroma`: `librosa.feature.chroma_stft` with estimated tuning (rows: 12).
/// - `contrast`: `librosa.feature.spectral_contrast` in dB (rows: 7).
/// - `zcr`: `librosa.feature.zero_crossing_rate` (rows: 1).
public enum AudioFeatureKind: String, CaseIterable, Sendable, Codable {
    case mfcc, mel, chroma, contrast, zcr
}
