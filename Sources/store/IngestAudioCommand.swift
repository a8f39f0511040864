import ArgumentParser
import StoreAudio
import StoreCore
import StoreIngest

struct IngestAudioCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "audio",
        abstract: "Ingest a folder of recordings (WAV, FLAC, Ogg, …) into a table of MFCC and other feature matrices.",
        discussion: """
            Each file is loaded as librosa.load does (mono, resampled, offset and duration), trimmed as \
            librosa.effects.trim does, and turned into librosa's features, on every core. One row per file; \
            each feature is a float32 tensor of coefficients × frames.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The folder of recordings (read recursively).")
    var folder: String

    @Option(help: "The table to create (or replace, or append to).")
    var table: String

    @Option(help: "Resample every file to this rate, in Hz.")
    var sampleRate: Int = 22050

    @Option(help: "Seconds to skip at the start of each file.")
    var offset: Double = 0

    @Option(help: ArgumentHelp("Seconds to keep after the offset, or 'all'.", valueName: "seconds|all"))
    var duration: String = "3.0"

    @Option(help: "Trim leading and trailing audio quieter than this many dB below the loudest frame.")
    var trimDb: Double = 20

    @Flag(help: "Do not trim silence.")
    var noTrim = false

    @Option(help: ArgumentHelp("The features to compute, comma-separated: \(AudioFeatureKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "list"))
    var features: String = "mfcc"

    @Option(name: .customLong("mfcc"), help: "The number of MFCCs.")
    var mfccCount: Int = 40

    @Option(help: "The FFT window length, in samples.")
    var nFft: Int = 2048

    @Option(help: "The hop between frames, in samples.")
    var hop: Int = 512

    @Option(help: "The number of mel bands.")
    var nMels: Int = 128

    @Option(help: "The analysis window: hann or hamming.")
    var window: AudioWindow = .hann

    @Option(help: "Pad with zeros or truncate every feature matrix to this many frames.")
    var frames: Int?

    @Option(help: "The resampler: soxr (libsoxr HQ, as librosa resamples), or libsamplerate's best, medium or fast.")
    var resample: ResampleQuality = .soxr

    @Option(help: ArgumentHelp("Labels from file names: ravdess, tess, crema, savee, folder, or a regular expression with named groups.", valueName: "preset|regex"))
    var labels: String?

    @Flag(help: "Also store the trimmed samples as a float32 tensor (column audio).")
    var keepAudio = false

    @Flag(help: "Set unreadable files aside in ingest_rejects instead of failing.")
    var skipBad = false

    @Flag var mode: IngestModeFlag?

    func run() throws {
        var options = AudioIngestOptions()
        options.settings.sampleRate = sampleRate
        options.settings.offset = offset
        options.settings.duration = try AudioIngestOptions.duration(from: duration)
        options.settings.trimDB = noTrim ? nil : trimDb
        options.settings.features = try AudioIngestOptions.features(from: features)
        options.settings.mfccCount = mfccCount
        options.settings.nFFT = nFft
        options.settings.hop = hop
        options.settings.nMels = nMels
        options.settings.window = window
        options.settings.frames = frames
        options.settings.resampleQuality = resample
        options.labels = try labels.map(FileLabels.init)
        options.keepAudio = keepAudio
        options.skipBad = skipBad
        let storeFile = try store.open()
        let ingestMode = mode?.ingestMode ?? .create
        try FolderIngestReport.run(label: table, noun: "recordings") { progress in
            try AudioIngest.run(folder: folder, table: table, options: options, mode: ingestMode, into: storeFile, progress: progress)
        }
    }
}

extension AudioWindow: ExpressibleByArgument {}
extension ResampleQuality: ExpressibleByArgument {}
