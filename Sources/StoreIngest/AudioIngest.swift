import Foundation
import GRDB
import StoreAudio
import StoreCore

/// The options of `store ingest audio` beyond the folder and the table.
public struct AudioIngestOptions: Sendable {
    public var settings = AudioSettings()
    /// Where labels come from; nil for no label columns.
    public var labels: FileLabels?
    /// Also store the trimmed samples, as a float32 tensor of shape [samples].
    public var keepAudio = false
    public var skipBad = false

    public init() {}

    /// `--duration`: seconds as a number, or "all" for the whole file (nil).
    public static func duration(from text: String) throws -> Double? {
        if text.lowercased() == "all" { return nil }
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
            throw StoreError("--duration '\(text)' is not a positive number of seconds nor 'all'.")
        }
        return seconds
    }

    /// `--features mfcc,mel`: the feature kinds, in order, each once.
    public static func features(from text: String) throws -> [AudioFeatureKind] {
        var kinds: [AudioFeatureKind] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let kind = AudioFeatureKind(rawValue: name) else {
                throw StoreError("--features: '\(name)' is not a feature; choose from \(AudioFeatureKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else {
            throw StoreError("--features is empty; choose from \(AudioFeatureKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return kinds
    }

    /// The options as sorted-key JSON, for the catalog.
    var catalogJSON: String {
        struct Recorded: Encodable {
            let settings: AudioSettings
            let labels: String?
            let keep_audio: Bool
            let skip_bad: Bool
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let recorded = Recorded(settings: settings, labels: labels?.text, keep_audio: keepAudio, skip_bad: skipBad)
        return (try? encoder.encode(recorded)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Ingests a folder of recordings into a table of features, one row per file:
/// `librosa.load` + `librosa.effects.trim` + librosa's features, on every
/// core, written once and atomically by `FolderIngest`.
///
/// Columns after `row_id`: `path` (relative to the folder), the label columns
/// of `FileLabels`, `sha256` (of the file), `sample_rate` and `channels` (the
/// file's own), `seconds_before_trim` and `seconds_after_trim` (at the target
/// rate), then one float32 tensor per feature in the order asked (coefficients
/// × frames, see `AudioSettings`), then `audio` with `keepAudio`.
public enum AudioIngest {
    /// The extensions read: what libsndfile decodes.
    public static let extensions: Set<String> = ["wav", "wave", "flac", "ogg", "oga", "aif", "aiff", "au", "snd", "caf", "w64"]

    public static func run(
        folder: String, table: String, options: AudioIngestOptions, mode: IngestMode, into store: StoreFile,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> FolderIngestOutcome {
        let settings: AudioSettings
        do {
            settings = try options.settings.validated()
        } catch {
            throw StoreError(error.description)
        }
        let analyzer: AudioAnalyzer
        do {
            analyzer = try AudioAnalyzer(settings: settings)
        } catch {
            throw StoreError("cannot prepare the audio analysis: \(error.description)")
        }
        let source = try FolderSource.scan(folder: folder, extensions: extensions, what: "audio files")
        let labels = options.labels
        var columns = [FolderColumn("path", "TEXT")] + (labels?.columns ?? [])
        columns += [FolderColumn("sha256", "TEXT"), FolderColumn("sample_rate", "INTEGER"), FolderColumn("channels", "INTEGER"),
                    FolderColumn("seconds_before_trim", "REAL"), FolderColumn("seconds_after_trim", "REAL")]
        columns += settings.features.map { FolderColumn($0.rawValue, "BLOB") }
        if options.keepAudio { columns.append(FolderColumn("audio", "BLOB")) }
        let plan = FolderIngestPlan(kind: "audio", table: table, mode: mode, skipBad: options.skipBad,
                                    options: options.catalogJSON, columns: columns)
        let keepAudio = options.keepAudio
        return try FolderIngest.run(source: source, plan: plan, into: store, progress: progress) { file throws(FileRejection) in
            let labelValues = try labels?.values(for: file.relativePath) ?? []
            let recording: AudioRecording
            do throws(AudioError) {
                recording = try analyzer.analyze(path: file.absolutePath)
            } catch {
                throw FileRejection(error.description)
            }
            var values: [DatabaseValue] = [file.relativePath.databaseValue] + labelValues
            values += [file.sha256.databaseValue, recording.originalSampleRate.databaseValue, recording.channels.databaseValue,
                       recording.secondsBeforeTrim.databaseValue, recording.secondsAfterTrim.databaseValue]
            for matrix in recording.features {
                values.append(try blob(shape: [matrix.rows, matrix.frames], matrix.values))
            }
            if keepAudio { values.append(try blob(shape: [recording.samples.count], recording.samples)) }
            return values
        }
    }

    private static func blob(shape: [Int], _ values: [Float]) throws(FileRejection) -> DatabaseValue {
        do throws(TensorFormatError) {
            return Data(try Tensor(shape: shape, float32: values).blob).databaseValue
        } catch {
            throw FileRejection("its features do not make a tensor: \(error.description)")
        }
    }
}
