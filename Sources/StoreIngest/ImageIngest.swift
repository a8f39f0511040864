import Foundation
import GRDB
import StoreCore
import StoreImages

/// The options of `store ingest images` beyond the folder and the table.
public struct ImageIngestOptions: Sendable {
    public var settings = ImageSettings()
    /// Labels from this manifest instead of the first folder level.
    public var manifest: String?
    /// Decode large JPEGs at 1/2, 1/4 or 1/8 scale, as Pillow's
    /// `Image.draft(mode, size)` does: much faster, pixels equal to Pillow's
    /// draft path rather than to its full decode.
    public var jpegDraft = false
    public var skipBad = false

    public init() {}

    /// `--size 64x64` (width x height) as numbers; one number is a square.
    public static func size(from text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1:
            if let side = parts[0] { return (side, side) }
        case 2:
            if let width = parts[0], let height = parts[1] { return (width, height) }
        default:
            break
        }
        throw StoreError("--size '\(text)' is not WIDTHxHEIGHT, such as 64x64.")
    }
}

/// Ingests a folder of PNG and JPEG images into a table of image tensors, one
/// row per image, as Keras' `flow_from_directory` reads such a folder, on
/// every core, written once and atomically by `FolderIngest`.
///
/// Columns after `row_id`: `path` (relative to the folder), `label` (the
/// first folder level, as Keras takes it, or the manifest's), `width`,
/// `height` and `channels` (the file's own; see `DecodedImage`), `sha256`
/// (of the file), `duplicate_of` (the `row_id` of the first image of this
/// ingest with the same SHA-256, else NULL), and `image`: a uint8 tensor of
/// height × width × channels (3 for rgb, 1 for gray) made by `ImagePreparation`.
///
/// An image directly in the folder, outside any class folder, has no label:
/// it is rejected (an error, or a reject with `skipBad`), never silently dropped.
public enum ImageIngest {
    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "jpe", "jfif"]

    public static func run(
        folder: String, table: String, options: ImageIngestOptions, mode: IngestMode, into store: StoreFile,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> FolderIngestOutcome {
        let settings: ImageSettings
        do {
            settings = try options.settings.validated()
        } catch {
            throw StoreError(error.description)
        }
        let manifest = try options.manifest.map { try ImageManifest.read(path: $0) }
        let source = try FolderSource.scan(
            folder: folder, extensions: extensions, what: "images",
            listed: manifest.map { manifest in { manifest.labels[$0] != nil } })
        try manifest?.checkListed(found: Set(source.files.map(\.relativePath)), folder: source.folder)
        var firstWithHash: [String: Int] = [:]
        for file in source.files where firstWithHash[file.sha256] == nil {
            firstWithHash[file.sha256] = file.position
        }
        let columns = [
            FolderColumn("path", "TEXT"), FolderColumn("label", "TEXT"), FolderColumn("width", "INTEGER"),
            FolderColumn("height", "INTEGER"), FolderColumn("channels", "INTEGER"), FolderColumn("sha256", "TEXT"),
            FolderColumn("duplicate_of", "INTEGER"), FolderColumn("image", "BLOB"),
        ]
        let plan = FolderIngestPlan(kind: "image", table: table, mode: mode, skipBad: options.skipBad,
                                    options: try catalogJSON(settings: settings, manifest: manifest, jpegDraft: options.jpegDraft, skipBad: options.skipBad),
                                    columns: columns)
        let labels = manifest?.labels
        let first = firstWithHash
        let channels = settings.mode == .gray ? 1 : 3
        let draft = options.jpegDraft
        return try FolderIngest.run(source: source, plan: plan, into: store, progress: progress) { file throws(FileRejection) in
            let label: String
            if let labels {
                label = labels[file.relativePath] ?? ""
            } else {
                let parts = file.relativePath.split(separator: "/")
                guard parts.count > 1 else {
                    throw FileRejection("it is not inside a class folder, so it has no label; move it into one (cats/, dogs/, …) or give a --manifest")
                }
                label = String(parts[0])
            }
            let bytes: [UInt8]
            do {
                bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.absolutePath)))
            } catch {
                throw FileRejection("cannot read the file (\(error.localizedDescription))")
            }
            let decoded: DecodedImage
            do throws(ImageError) {
                decoded = try draft ? ImageDecoder.decode(bytes, draftFor: settings) : ImageDecoder.decode(bytes)
            } catch {
                throw FileRejection(error.description)
            }
            let pixels = ImagePreparation.prepare(decoded, settings: settings)
            let tensor: Tensor
            do throws(TensorFormatError) {
                tensor = try Tensor(shape: [settings.height, settings.width, channels], uint8: pixels)
            } catch {
                throw FileRejection("its pixels do not make a tensor: \(error.description)")
            }
            let original = first[file.sha256].flatMap { $0 == file.position ? nil : $0 }
            return [
                file.relativePath.databaseValue, label.databaseValue, decoded.fileWidth.databaseValue,
                decoded.fileHeight.databaseValue, decoded.fileChannels.databaseValue, file.sha256.databaseValue,
                original.databaseValue, Data(tensor.blob).databaseValue,
            ]
        }
    }

    /// The options as sorted-key JSON, for the catalog: the settings, and the
    /// manifest's path and SHA-256 when there is one.
    static func catalogJSON(settings: ImageSettings, manifest: ImageManifest?, jpegDraft: Bool, skipBad: Bool) throws -> String {
        var object: [String: Any] = [
            "width": settings.width, "height": settings.height, "mode": settings.mode.rawValue,
            "resize": settings.resize.rawValue, "fit": settings.fit.rawValue, "skip_bad": skipBad,
        ]
        if jpegDraft { object["jpeg_draft"] = true }
        if let manifest {
            object["manifest"] = manifest.path
            object["manifest_sha256"] = try FolderSource.sha256(ofFile: manifest.path)
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
