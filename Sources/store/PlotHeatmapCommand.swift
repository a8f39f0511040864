import ArgumentParser
import StorePlots

struct PlotHeatmapCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "heatmap",
        abstract: "The Pearson correlation matrix of the numeric columns, coloured from −1 (blue) through 0 (white) to +1 (red), values in the cells.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var data: PlotDataOptions

    @Option(help: ArgumentHelp("Only these columns, comma-separated (default: every numeric column but row_id).", valueName: "a,b"))
    var columns: String?

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        let file = try store.open()
        let source = try data.source()
        let requested = columns?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let heatmap = try file.queue.read { db in try MatrixHeatmap.correlation(source, columns: requested, in: db) }
        try output.write(heatmap.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "Pearson correlation of \(counted(heatmap.columns.count, "column")): \(heatmap.columns.joined(separator: ", "))")
    }
}
