import ArgumentParser
import StorePlots

struct PlotBoxCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "box",
        abstract: "Box plots of a numeric column: quartiles as pandas computes them, whiskers at 1.5 IQR, outliers as points; one box per --by group.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var data: PlotDataOptions

    @Option(help: ArgumentHelp("The numeric column (default: the only column of --sql's result).", valueName: "column"))
    var column: String?

    @Option(help: ArgumentHelp("One box per value of this column (at most 8 values).", valueName: "column"))
    var by: String?

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        let file = try store.open()
        let source = try data.source()
        let plot = try file.queue.read { db in
            try BoxPlot.read(source, column: try column ?? onlyColumn(source, in: db), by: by, in: db)
        }
        let outliers = plot.boxes.reduce(0) { $0 + $1.outliers.count }
        let values = plot.boxes.reduce(0) { $0 + $1.count }
        try output.write(plot.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "\(counted(plot.boxes.count, "box")) of \(plot.column) over \(counted(values, "value")), \(counted(outliers, "outlier"))")
    }
}
