/// How recordings are loaded (librosa.load), trimmed (librosa.effects.trim) and
/// analysed (librosa.feature.*): every knob the analyzer has, with librosa's
/// defaults except where noted.
///
/// `try AudioSettings().validated()` returns the defaults: 22050 Hz, the first
/// 3 s, trimmed at 20 dB below the loudest frame, 40 MFCCs from 128 mel bands of
/// a 2048-point Hann STFT with hop 512.
public struct AudioSettings: Sendable, Equatable, Codable {
    /// The target rate in Hz; files at another rate are resampled.
    public var sampleRate: Int = 22050
    /// Seconds skipped at the start (librosa.load `offset`).
    public var offset: Double = 0
    /// Seconds kept after the offset (librosa.load `duration`); nil keeps everything.
    public var duration: Double? = 3.0
    /// librosa.effects.trim `top_db`; nil keeps leading and trailing silence.
    public var trimDB: Double? = 20
    /// The matrices to compute, in this order.
    public var features: [AudioFeatureKind] = [.mfcc]
    /// MFCC rows (librosa `n_mfcc`).
    public var mfccCount: Int = 40
    /// FFT length and window length in samples (librosa `n_fft`).
    public var nFFT: Int = 2048
    /// Samples between frames (librosa `hop_length`).
    public var hop: Int = 512
    /// Mel bands (librosa `n_mels`).
    public var nMels: Int = 128
    /// The STFT window.
    public var window: AudioWindow = .hann
    /// When set, every matrix is zero-padded on the right or truncated to this many frames.
    public var frames: Int? = nil
    /// The resampler for files at another rate: libsoxr's HQ by default, the
    /// one librosa uses, which gives librosa's values and is the fastest.
    public var resampleQuality: ResampleQuality = .soxr

    public init() {}

    /// The settings themselves when they make sense, or an error that says which
    /// setting is wrong and what would work.
    public func validated() throws(AudioError) -> AudioSettings {
        if sampleRate <= 0 {
            throw AudioError("sample rate must be a positive number of Hz, got \(sampleRate)")
        }
        if !offset.isFinite || offset < 0 {
            throw AudioError("offset must be zero or a positive number of seconds, got \(offset)")
        }
        if let duration, !(duration.isFinite && duration > 0) {
            throw AudioError("duration must be a positive number of seconds (or unset to keep everything), got \(duration)")
        }
        if let trimDB, !(trimDB.isFinite && trimDB > 0) {
            throw AudioError("trim threshold must be a positive number of dB (or unset for no trimming), got \(trimDB)")
        }
        if features.isEmpty {
            throw AudioError("no features requested; choose one or more of \(AudioFeatureKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if nFFT < 2 {
            throw AudioError("FFT length must be at least 2 samples, got \(nFFT)")
        }
        if hop < 1 {
            throw AudioError("hop length must be at least 1 sample, got \(hop)")
        }
        if nMels < 1 {
            throw AudioError("the number of mel bands must be at least 1, got \(nMels)")
        }
        if features.contains(.mfcc) && !(1...nMels).contains(mfccCount) {
            throw AudioError("the number of MFCCs must be between 1 and the number of mel bands (\(nMels)), got \(mfccCount)")
        }
        if let frames, frames < 1 {
            throw AudioError("frames must be at least 1 (or unset to keep every frame), got \(frames)")
        }
        if features.contains(.contrast) && Double(sampleRate) <= 2 * SpectralContrast.highestBandEdge {
            throw AudioError("spectral contrast needs a sample rate above \(Int(2 * SpectralContrast.highestBandEdge)) Hz (its top band starts at \(Int(SpectralContrast.highestBandEdge)) Hz), got \(sampleRate)")
        }
        return self
    }
}
