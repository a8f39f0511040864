import Foundation
import StoreCore
import TOMLKit

/// A declarative ingest: a TOML file under ingest/ naming the source, the kind
/// (csv, audio or images), the table and the same options as the flags of
/// `store ingest csv|audio|images`, so a dataset's ingest is a file anyone can
/// rerun (see ingest/README.md).
///
/// ```toml
/// kind = "csv"
/// source = "../data/credit.csv"   # relative to this file
/// table = "credit"
/// null = ["NA", ""]
/// [types]
/// customer_id = "TEXT"
/// ```
///
/// Unknown keys are errors (a misspelt option must not be ignored silently).
public struct IngestRecipe: Sendable {
    static let commonKeys: Set<String> = ["kind", "source", "table", "mode", "skip_bad"]
    /// The keys each kind accepts.
    public static let keys: [String: Set<String>] = [
        "csv": commonKeys.union(["delimiter", "header", "encoding", "null", "types"]),
        "audio": commonKeys.union(["sample_rate", "offset", "duration", "trim_db", "features", "mfcc", "n_fft", "hop",
                                   "n_mels", "window", "frames", "resample", "labels", "keep_audio"]),
        "images": commonKeys.union(["size", "color", "resize", "fit", "manifest", "jpeg_draft"]),
    ]

    /// What the recipe reads, with its options.
    public enum Source: Sendable {
        case csv(CSVOptions)
        case audio(AudioIngestOptions)
        case images(ImageIngestOptions)
    }

    /// Absolute path of the recipe file.
    public let path: String
    public let kind: String
    /// Absolute path of the source.
    public let source: String
    public let table: String
    public let mode: IngestMode
    public let options: Source

    /// A TOML number written either way: `20` or `20.0`.
    private struct Number: Decodable {
        let value: Double

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let integer = try? container.decode(Int.self) {
                value = Double(integer)
            } else {
                value = try container.decode(Double.self)
            }
        }
    }

    private struct File: Decodable {
        var kind: String?
        var source: String?
        var table: String?
        var mode: String?
        var delimiter: String?
        var header: Bool?
        var encoding: String?
        var null: [String]?
        var types: [String: String]?
        var skip_bad: Bool?
        var sample_rate: Int?
        var offset: Number?
        var duration: String?
        var trim_db: Number?
        var features: [String]?
        var mfcc: Int?
        var n_fft: Int?
        var hop: Int?
        var n_mels: Int?
        var window: String?
        var frames: Int?
        var resample: String?
        var labels: String?
        var keep_audio: Bool?
        var size: String?
        var color: String?
        var resize: String?
        var fit: String?
        var manifest: String?
        var jpeg_draft: Bool?
    }

    /// Reads and checks the recipe at `path`.
    public static func load(path: String) throws -> IngestRecipe {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw StoreError("cannot read the recipe \(absolute): no such file.")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: String(decoding: data, as: UTF8.self))
        } catch let error as TOMLParseError {
            throw StoreError("\(absolute):\(error.source.begin.line): \(error.description). The recipe must be TOML; see ingest/README.md.")
        }
        let kind = table["kind"]?.string ?? "csv"
        guard let allowed = keys[kind] else {
            throw StoreError("\(absolute): kind '\(kind)' is not one of csv, audio, images.")
        }
        if let unknown = table.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw StoreError("\(absolute): unknown key '\(unknown)' for kind = \"\(kind)\". Its keys are: \(allowed.sorted().joined(separator: ", ")).")
        }
        let file: File
        do {
            file = try TOMLDecoder().decode(File.self, from: table)
        } catch {
            throw StoreError("\(absolute): a key has a value of the wrong kind (\(error)). See ingest/README.md for each key's type.")
        }
        guard let source = file.source, !source.isEmpty else {
            throw StoreError("\(absolute): the recipe needs a source (the path of the file or folder to ingest, relative to the recipe).")
        }
        guard let tableName = file.table, !tableName.isEmpty else {
            throw StoreError("\(absolute): the recipe needs a table (the name of the table to ingest into).")
        }
        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent()
        let sourcePath = source.hasPrefix("/") ? source : folder.appendingPathComponent(source).standardizedFileURL.path
        let mode: IngestMode
        if let name = file.mode {
            guard let parsed = IngestMode(rawValue: name) else {
                throw StoreError("\(absolute): mode '\(name)' is not one of create, replace, append.")
            }
            mode = parsed
        } else {
            mode = .create
        }
        let options: Source
        do {
            switch kind {
            case "audio": options = .audio(try audioOptions(file))
            case "images": options = .images(try imageOptions(file, folder: folder))
            default: options = .csv(try csvOptions(file))
            }
        } catch let error as StoreError {
            throw StoreError("\(absolute): \(error.message)")
        }
        return IngestRecipe(path: absolute, kind: kind, source: sourcePath, table: tableName, mode: mode, options: options)
    }

    private static func csvOptions(_ file: File) throws -> CSVOptions {
        var options = CSVOptions()
        if let delimiter = file.delimiter { options.delimiter = try CSVOptions.delimiter(named: delimiter) }
        if let header = file.header { options.header = header }
        if let name = file.encoding {
            guard let encoding = TextEncoding(name: name) else {
                throw StoreError("encoding '\(name)' is not one of utf-8, latin1, windows-1252.")
            }
            options.encoding = encoding
        }
        if let markers = file.null { options.nullMarkers = markers }
        if let types = file.types { options.types = try CSVOptions.types(from: types.map { "\($0.key)=\($0.value)" }) }
        if let skipBad = file.skip_bad { options.skipBad = skipBad }
        return options
    }

    private static func audioOptions(_ file: File) throws -> AudioIngestOptions {
        var options = AudioIngestOptions()
        if let value = file.sample_rate { options.settings.sampleRate = value }
        if let value = file.offset { options.settings.offset = value.value }
        if let value = file.duration { options.settings.duration = try AudioIngestOptions.duration(from: value) }
        if let value = file.trim_db { options.settings.trimDB = value.value > 0 ? value.value : nil }
        if let value = file.features { options.settings.features = try AudioIngestOptions.features(from: value.joined(separator: ",")) }
        if let value = file.mfcc { options.settings.mfccCount = value }
        if let value = file.n_fft { options.settings.nFFT = value }
        if let value = file.hop { options.settings.hop = value }
        if let value = file.n_mels { options.settings.nMels = value }
        if let value = file.window { options.settings.window = try choice(value, key: "window") }
        if let value = file.frames { options.settings.frames = value }
        if let value = file.resample { options.settings.resampleQuality = try choice(value, key: "resample") }
        if let value = file.labels { options.labels = try FileLabels(value) }
        if let value = file.keep_audio { options.keepAudio = value }
        if let value = file.skip_bad { options.skipBad = value }
        return options
    }

    private static func imageOptions(_ file: File, folder: URL) throws -> ImageIngestOptions {
        var options = ImageIngestOptions()
        if let value = file.size { (options.settings.width, options.settings.height) = try ImageIngestOptions.size(from: value) }
        if let value = file.color { options.settings.mode = try choice(value, key: "color") }
        if let value = file.resize { options.settings.resize = try choice(value, key: "resize") }
        if let value = file.fit { options.settings.fit = try choice(value, key: "fit") }
        if let value = file.manifest {
            options.manifest = value.hasPrefix("/") ? value : folder.appendingPathComponent(value).standardizedFileURL.path
        }
        if let value = file.jpeg_draft { options.jpegDraft = value }
        if let value = file.skip_bad { options.skipBad = value }
        return options
    }

    /// The case of `Choice` named `text`, or an error listing the choices.
    private static func choice<Choice: RawRepresentable & CaseIterable>(_ text: String, key: String) throws -> Choice where Choice.RawValue == String {
        guard let found = Choice(rawValue: text.lowercased()) else {
            throw StoreError("\(key) '\(text)' is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return found
    }

    /// The CSV options of a csv recipe; nil for the other kinds.
    public var csv: CSVOptions? {
        if case .csv(let options) = options { return options }
        return nil
    }

    /// Runs a csv recipe; `mode` overrides the recipe's own when given.
    public func run(into store: StoreFile, mode override: IngestMode? = nil, progress: ((IngestProgress) -> Void)? = nil) throws -> IngestOutcome {
        guard let csv else {
            throw StoreError("\(path) is a \(kind) recipe; run it with runFolder.")
        }
        return try CSVIngest.run(source: source, table: table, options: csv, mode: override ?? mode, into: store, progress: progress)
    }

    /// Runs an audio or images recipe; `mode` overrides the recipe's own when given.
    public func runFolder(into store: StoreFile, mode override: IngestMode? = nil, progress: ((Int, Int) -> Void)? = nil) throws -> FolderIngestOutcome {
        switch options {
        case .audio(let audio):
            return try AudioIngest.run(folder: source, table: table, options: audio, mode: override ?? mode, into: store, progress: progress)
        case .images(let images):
            return try ImageIngest.run(folder: source, table: table, options: images, mode: override ?? mode, into: store, progress: progress)
        case .csv:
            throw StoreError("\(path) is a csv recipe, not a folder ingest.")
        }
    }
}
