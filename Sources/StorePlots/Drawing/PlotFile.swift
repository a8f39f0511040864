import Foundation
import StoreCore

/// The two files a plot can be: PNG (cairo) or SVG (text).
public enum PlotFormat: String, Sendable {
    case png, svg

    /// The format named by the file's extension (any case); a `StoreError`
    /// for any other.
    public init(path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = PlotFormat(rawValue: ext) else {
            throw StoreError("--out \(path): a plot is written as .png or .svg; give a file name ending in one of them.")
        }
        self = format
    }
}

/// A written plot file and what it took.
public struct WrittenPlot: Sendable {
    public let path: String
    public let format: PlotFormat
    /// The image's size in pixels (the SVG's in CSS pixels).
    public let width: Int
    public let height: Int
    public let bytes: Int
    /// Layout, drawing and encoding, in seconds (not the data's reading).
    public let drawSeconds: Double

    /// "800 × 600 PNG", for messages.
    public var description: String {
        "\(width) × \(height) \(format.rawValue.uppercased())"
    }
}

/// Draws a figure and writes the file in one step: the whole file or none.
public enum PlotFile {
    /// Renders `figure` to the format of `path`'s extension and writes it
    /// atomically (a temporary file renamed over `path`), so an error leaves
    /// no file and a reader never sees half of one. `dpi` scales a PNG's
    /// pixels (96 gives `figure.width` × `figure.height` pixels).
    public static func write(_ figure: Figure, to path: String, dpi: Double = 96) throws -> WrittenPlot {
        let format = try PlotFormat(path: path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError("cannot write \(path): the folder \(folder) does not exist. Create it first, or give another --out.")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let (data, width, height) = try render(figure, format: format, dpi: dpi)
        let elapsed = clock.now - start
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw StoreError("cannot write \(path): \(error.localizedDescription)")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return WrittenPlot(path: path, format: format, width: width, height: height, bytes: data.count, drawSeconds: seconds)
    }

    /// The file's bytes and its size in pixels.
    public static func render(_ figure: Figure, format: PlotFormat, dpi: Double = 96) throws -> (Data, width: Int, height: Int) {
        let measurer = TextMeasurer()
        let scene = figure.scene(measurer: measurer)
        switch format {
        case .png:
            let scale = dpi / 96
            let bytes = try PNGRenderer.png(scene, scale: scale)
            return (Data(bytes), Int((scene.width * scale).rounded()), Int((scene.height * scale).rounded()))
        case .svg:
            let text = SVGRenderer(measurer: measurer).svg(scene)
            return (Data(text.utf8), Int(scene.width.rounded()), Int(scene.height.rounded()))
        }
    }
}
