/// Turns recordings into librosa 0.11's features: decodes (libsndfile), loads as
/// `librosa.load(path, sr, mono=True, offset, duration)` does, trims as
/// `librosa.effects.trim(top_db)` does, and computes the requested matrices.
///
/// ```swift
/// let analyzer = try AudioAnalyzer(settings: AudioSettings())
/// let speech = try analyzer.analyze(path: "hello.wav")
/// speech.features[0].rows   // 40 MFCCs
/// ```
///
/// Everything that depends only on the settings (filterbanks, DCT basis, window,
/// FFTW plan) is built once in `init`. Each `analyze` call borrows its own work
/// arrays from the analyzer's pool (one set per concurrent call, kept between
/// files) and executes the shared FFTW plan on them, so one analyzer may be used
/// from several threads at once.
///
/// (1) Channels are averaged to mono, then resampled to `settings.sampleRate`
///     when the source rate differs (see `Resampler` for the length rule).
/// (2) Trimming never empties a non-empty signal (the loudest frame is the reference).
/// (3) Features are computed on the trimmed signal, then fitted to `settings.frames` when set.
/// (4) No frames after the offset, a bad file or bad samples are `AudioError`s.
public final class AudioAnalyzer: Sendable {
    public let settings: AudioSettings
    private let stft: ShortTimeFourierTransform
    private let extractors: [FeatureExtractor]
    private let needsMagnitude: Bool
    private let resampler: Resampler
    private let trimmer: SilenceTrimmer?
    private let workspaces: WorkspacePool

    public init(settings: AudioSettings) throws(AudioError) {
        let settings = try settings.validated()
        self.settings = settings
        stft = try ShortTimeFourierTransform(nFFT: settings.nFFT, hop: settings.hop, window: settings.window)
        workspaces = WorkspacePool(fft: stft.fft)
        let mel = MelSpectrogram(filterbank: MelFilterbank(sampleRate: settings.sampleRate, nFFT: settings.nFFT, bands: settings.nMels))
        var extractors: [FeatureExtractor] = []
        for kind in settings.features {
            switch kind {
            case .mfcc: extractors.append(.mfcc(mel, MFCC(count: settings.mfccCount, bands: settings.nMels)))
            case .mel: extractors.append(.mel(mel))
            case .chroma: extractors.append(.chroma(Chroma(sampleRate: settings.sampleRate, nFFT: settings.nFFT)))
            case .contrast: extractors.append(.contrast(try SpectralContrast(sampleRate: settings.sampleRate, nFFT: settings.nFFT)))
            case .zcr: extractors.append(.zcr(ZeroCrossingRate(frameLength: settings.nFFT, hop: settings.hop)))
            }
        }
        self.extractors = extractors
        needsMagnitude = settings.features.contains(.contrast)
        resampler = Resampler(targetRate: settings.sampleRate, quality: settings.resampleQuality)
        trimmer = settings.trimDB.map { SilenceTrimmer(topDB: $0) }
    }

    /// Decodes the file at `path` and analyses it; errors say why without repeating the path.
    public func analyze(path: String) throws(AudioError) -> AudioRecording {
        let audio = try SoundFileReader.read(path: path, offset: settings.offset, duration: settings.duration)
        return try analyze(audio)
    }

    /// Analyses interleaved samples in [−1, 1] at `sampleRate` with `channels`
    /// channels, applying `offset` and `duration` exactly as for a file.
    public func analyze(samples: [Float], sampleRate: Int, channels: Int) throws(AudioError) -> AudioRecording {
        if sampleRate <= 0 {
            throw AudioError("sample rate must be a positive number of Hz, got \(sampleRate)")
        }
        if channels <= 0 {
            throw AudioError("channel count must be at least 1, got \(channels)")
        }
        if samples.count % channels != 0 {
            throw AudioError("\(samples.count) interleaved samples do not divide into \(channels) channels")
        }
        let total = samples.count / channels
        if total == 0 {
            throw AudioError("there are no audio frames")
        }
        if let bad = samples.first(where: { !$0.isFinite }) {
            throw AudioError("samples must be finite numbers, found \(bad)")
        }
        let start = settings.offset == 0 ? 0 : Int(settings.offset * Double(sampleRate))
        if start >= total {
            throw AudioError("offset \(settings.offset) s is at or past the end of the audio (\(Double(total) / Double(sampleRate)) s); nothing is left to analyse")
        }
        let wanted = min(total - start, settings.duration.map { Int($0 * Double(sampleRate)) } ?? Int.max)
        if wanted <= 0 {
            throw AudioError("duration \(settings.duration ?? 0) s is shorter than one sample at \(sampleRate) Hz; nothing is left to analyse")
        }
        let kept = Array(samples[(start * channels)..<((start + wanted) * channels)])
        return try analyze(InterleavedAudio(samples: kept, sampleRate: sampleRate, channels: channels))
    }

    private func analyze(_ audio: InterleavedAudio) throws(AudioError) -> AudioRecording {
        let target = settings.sampleRate
        let loaded = try resampler.resample(MonoMix.mix(audio), from: audio.sampleRate)
        let range = trimmer?.nonSilentRange(of: loaded) ?? loaded.indices
        let trimmed = range == loaded.indices ? loaded : Array(loaded[range])
        if trimmed.isEmpty {
            throw AudioError("no audio is left after loading (\(loaded.count) samples at \(target) Hz)")
        }
        let features = workspaces.withWorkspace { workspace in computeFeatures(of: trimmed, in: workspace) }.map { matrix in
            settings.frames.map { matrix.fitted(toFrames: $0) } ?? matrix
        }
        return AudioRecording(
            originalSampleRate: audio.sampleRate,
            channels: audio.channels,
            secondsBeforeTrim: Double(loaded.count) / Double(target),
            secondsAfterTrim: Double(trimmed.count) / Double(target),
            samples: trimmed,
            features: features)
    }

    private func computeFeatures(of y: [Float], in workspace: AnalysisWorkspace) -> [AudioFeatureMatrix] {
        let frames = stft.frameCount(samples: y.count)
        var spectrogram: Spectrogram?
        func spectrum() -> Spectrogram {
            if let spectrogram { return spectrogram }
            let computed = stft.spectrogram(of: y, keepMagnitude: needsMagnitude, in: workspace)
            spectrogram = computed
            return computed
        }
        var melDecibels: [Float]?
        func decibels(_ mel: MelSpectrogram) -> [Float] {
            if let melDecibels { return melDecibels }
            let computed = mel.decibels(of: spectrum())
            melDecibels = computed
            return computed
        }
        return extractors.map { extractor in
            switch extractor {
            case let .mfcc(mel, mfcc):
                let values = mfcc.coefficients(ofMelDecibels: decibels(mel), frames: frames)
                return AudioFeatureMatrix(kind: .mfcc, rows: mfcc.count, frames: frames, values: values)
            case let .mel(mel):
                return AudioFeatureMatrix(kind: .mel, rows: mel.filterbank.bands, frames: frames, values: decibels(mel))
            case let .chroma(chroma):
                return AudioFeatureMatrix(kind: .chroma, rows: ChromaFilterbank.classes, frames: frames, values: chroma.chroma(of: spectrum()))
            case let .contrast(contrast):
                return AudioFeatureMatrix(kind: .contrast, rows: contrast.rows, frames: frames, values: contrast.contrast(of: spectrum()))
            case let .zcr(zcr):
                return AudioFeatureMatrix(kind: .zcr, rows: 1, frames: frames, values: zcr.rates(of: y))
            }
        }
    }
}

/// The computation behind one requested feature, built once per analyzer.
private enum FeatureExtractor: Sendable {
    case mfcc(MelSpectrogram, MFCC)
    case mel(MelSpectrogram)
    case chroma(Chroma)
    case contrast(SpectralContrast)
    case zcr(ZeroCrossingRate)
}
