import ArgumentParser
import Foundation
import GRDB
import StoreCore
import StorePlots

/// `--out`, `--title`, `--width`, `--height`, `--dpi`: the file every plot writes.
struct PlotOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The file to write, .png or .svg (the format follows the extension).", valueName: "file"))
    var out: String

    @Option(help: "The title over the plot (default: what is plotted).")
    var title: String?

    @Option(help: "Width in CSS pixels (1/96 inch); a PNG at the default --dpi has this many pixels.")
    var width = 800

    @Option(help: "Height in CSS pixels.")
    var height = 600

    @Option(help: "Resolution of a PNG: it is width × dpi/96 pixels wide, the same picture sharper (192 doubles the pixels). An SVG ignores it.")
    var dpi = 96.0

    func validate() throws {
        _ = try PlotFormat(path: out)
        guard (200...8000).contains(width), (150...8000).contains(height) else {
            throw ValidationError("--width must be 200 to 8000 and --height 150 to 8000 (CSS pixels), not \(width) × \(height).")
        }
        guard dpi >= 24, dpi <= 1200 else {
            throw ValidationError("--dpi must be between 24 and 1200, not \(dpi).")
        }
    }

    /// The figure's size in CSS pixels, for the chart builders.
    var size: (width: Double, height: Double) {
        (Double(width), Double(height))
    }

    /// Writes `figure` (whole or not at all) and prints `wrote FILE (800 ×
    /// 600 PNG, 12,345 bytes, drawn in 9 ms): WHAT`.
    func write(_ figure: Figure, saying what: String) throws {
        let written = try PlotFile.write(figure, to: out, dpi: dpi)
        let milliseconds = Int((written.drawSeconds * 1000).rounded())
        print("wrote \(written.path) (\(written.description), \(NumberText.count(written.bytes)) bytes, drawn in \(milliseconds) ms): \(what)")
    }
}

/// The rows to plot: a table or view, or `--sql`.
struct PlotDataOptions: ParsableArguments {
    @Argument(help: "The table or view (or give --sql).")
    var table: String?

    @Option(help: ArgumentHelp("Plot the rows of this SELECT instead of a table.", valueName: "select"))
    var sql: String?

    func validate() throws {
        _ = try source()
    }

    func source() throws -> PlotSource {
        do {
            return try PlotSource(table: table, sql: sql)
        } catch let error as StoreError {
            throw ValidationError(error.message.prefix(1).uppercased() + error.message.dropFirst())
        }
    }
}

/// `--model`, `--version`: the model a model plot draws.
struct PlotModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The model's name.", valueName: "name"))
    var model: String

    @Option(help: "The version (default: the latest).")
    var version: Int?

    func find(in file: StoreFile) throws -> ModelReference {
        try file.queue.read { db in try ModelReference.find(model, version: version, in: db) }
    }
}

/// "1 row", "2 rows", "1,000 rows"; "1 box", "2 boxes".
func counted(_ count: Int, _ noun: String) -> String {
    let plural = noun.hasSuffix("x") ? noun + "es" : noun + "s"
    return "\(NumberText.count(count)) \(count == 1 ? noun : plural)"
}

extension PlotOutputOptions {
    /// The seconds since `start`, for "read in" messages.
    static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return String(format: "%.2f s", seconds)
    }
}

/// The one column of `--sql`'s result, for commands whose column may be left out.
func onlyColumn(_ source: PlotSource, in db: Database) throws -> String {
    let columns = try source.resolve(in: db).columns
    guard columns.count == 1 else {
        throw StoreError("give the column with --column; the source has \(columns.count) columns (\(columns.joined(separator: ", "))).")
    }
    return columns[0]
}
