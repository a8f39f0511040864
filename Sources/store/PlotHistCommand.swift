import ArgumentParser
import StoreCore
import StorePlots

struct PlotHistCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "hist",
        abstract: "A histogram of a numeric column, on numpy's bins; with --by one translucent histogram per group.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var data: PlotDataOptions

    @Option(help: ArgumentHelp("The numeric column (default: the only column of --sql's result).", valueName: "column"))
    var column: String?

    @Option(help: ArgumentHelp("One histogram per value of this column (at most 8 values), on the same bins.", valueName: "column"))
    var by: String?

    @Option(help: ArgumentHelp("A number of bins, or numpy's rule: auto, fd, sturges, sqrt, rice, scott, doane.", valueName: "n|rule"))
    var bins = "auto"

    @Flag(help: "Heights are densities (each histogram's area is 1), as numpy's density=True: for groups of different sizes.")
    var density = false

    @OptionGroup var output: PlotOutputOptions

    func validate() throws {
        guard BinChoice(bins) != nil else {
            throw ValidationError("--bins takes a positive number or one of \(BinRule.allCases.map(\.rawValue).joined(separator: ", ")), not '\(bins)'.")
        }
    }

    func run() throws {
        let file = try store.open()
        let start = ContinuousClock.now
        let source = try data.source()
        let choice = BinChoice(bins) ?? .rule(.auto)
        let reading = try file.queue.read { db in
            try Histogram.read(source, column: try column ?? onlyColumn(source, in: db), by: by, bins: choice, density: density, in: db)
        }
        let read = PlotOutputOptions.seconds(since: start)
        let histogram = reading.histogram
        let nulls = reading.nulls > 0 ? ", \(counted(reading.nulls, "NULL")) left out" : ""
        try output.write(histogram.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "\(counted(reading.values, "value")) of \(histogram.column) in \(counted(histogram.bins.count, "bin"))\(histogram.groupColumn.map { " per \($0)" } ?? "")\(nulls), read in \(read)")
    }
}
