/// What the analyzer made of one recording: its format, its length before and
/// after trimming, the trimmed mono samples and the requested features.
public struct AudioRecording: Sendable {
    /// The file's own sample rate in Hz (the `sampleRate` argument for in-memory samples).
    public let originalSampleRate: Int
    /// The file's channel count before the mix to mono.
    public let channels: Int
    /// The length after offset, duration and resampling, before trimming, in seconds at the target rate.
    public let secondsBeforeTrim: Double
    /// The length after `librosa.effects.trim`, in seconds at the target rate.
    public let secondsAfterTrim: Double
    /// The trimmed mono samples at the target rate.
    public let samples: [Float]
    /// One matrix per `AudioSettings.features`, in that order, fitted to `AudioSettings.frames` when set.
    public let features: [AudioFeatureMatrix]

    public init(
        originalSampleRate: Int, channels: Int, secondsBeforeTrim: Double, secondsAfterTrim: Double,
        samples: [Float], features: [AudioFeatureMatrix]
    ) {
        self.originalSampleRate = originalSampleRate
        self.channels = channels
        self.secondsBeforeTrim = secondsBeforeTrim
        self.secondsAfterTrim = secondsAfterTrim
        self.samples = samples
        self.features = features
    }

    /// The matrix of `kind`, or nil when it was not requested.
    public func feature(_ kind: AudioFeatureKind) -> AudioFeatureMatrix? {
        features.first { $0.kind == kind }
    }
}
