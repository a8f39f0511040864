import ArgumentParser
import StoreCore
import StoreImages
import StoreIngest

struct IngestImagesCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Ingest a folder of PNG and JPEG images (a folder per class) into a table of image tensors.",
        discussion: """
            Labels come from the first folder level (cats/, dogs/, …), as Keras' flow_from_directory \
            reads them, or from a CSV manifest (path,label). Each image is decoded, its alpha composited \
            on white, converted to RGB or gray, fitted and resized, on every core; one row per image with \
            a uint8 tensor of height × width × channels.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The folder of images (read recursively).")
    var folder: String

    @Option(help: "The table to create (or replace, or append to).")
    var table: String

    @Option(help: ArgumentHelp("The stored size, width x height.", valueName: "WxH"))
    var size: String = "64x64"

    @Option(help: "rgb (3 channels) or gray (1).")
    var mode: ColorMode = .rgb

    @Option(help: "area (averages source pixels: Pillow's BOX) or bilinear (Pillow's BILINEAR).")
    var resize: ResizeFilter = .area

    @Option(help: "stretch (ignore the aspect ratio), crop (centre crop to it) or pad (fit inside, pad with white).")
    var fit: FitMode = .stretch

    @Option(help: ArgumentHelp("A CSV file with the columns path,label (paths relative to the folder).", valueName: "file.csv"))
    var manifest: String?

    @Flag(help: "Decode large JPEGs at 1/2, 1/4 or 1/8 scale as Pillow's Image.draft does: faster, pixels as Pillow's draft path.")
    var jpegDraft = false

    @Flag(help: "Set unreadable images aside in ingest_rejects instead of failing.")
    var skipBad = false

    @Flag var ingestMode: IngestModeFlag?

    func run() throws {
        var options = ImageIngestOptions()
        (options.settings.width, options.settings.height) = try ImageIngestOptions.size(from: size)
        options.settings.mode = mode
        options.settings.resize = resize
        options.settings.fit = fit
        options.manifest = manifest
        options.jpegDraft = jpegDraft
        options.skipBad = skipBad
        let storeFile = try store.open()
        let chosen = ingestMode?.ingestMode ?? .create
        try FolderIngestReport.run(label: table, noun: "images") { progress in
            try ImageIngest.run(folder: folder, table: table, options: options, mode: chosen, into: storeFile, progress: progress)
        }
    }
}

extension ColorMode: ExpressibleByArgument {}
extension ResizeFilter: ExpressibleByArgument {}
extension FitMode: ExpressibleByArgument {}
