import ArgumentParser
import StorePlots

struct PlotScatterCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "scatter",
        abstract: "A scatter plot of two numeric columns, coloured by --by, of a reproducible sample of a big table.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var data: PlotDataOptions

    @Option(help: ArgumentHelp("The column along x.", valueName: "column"))
    var x: String

    @Option(help: ArgumentHelp("The column along y.", valueName: "column"))
    var y: String

    @Option(help: ArgumentHelp("Colour the points by the value of this column (at most 8 values).", valueName: "column"))
    var by: String?

    @Option(help: "Draw at most this many rows, the same ones for the same --seed (0: all).")
    var sample = 10_000

    @Option(help: "The seed of the sample.")
    var seed: UInt64 = 0

    @OptionGroup var output: PlotOutputOptions

    func validate() throws {
        guard sample >= 0 else { throw ValidationError("--sample must be 0 (all rows) or more, not \(sample).") }
    }

    func run() throws {
        let file = try store.open()
        let source = try data.source()
        let reading = try file.queue.read { db in
            try ScatterPlot.read(source, x: x, y: y, by: by, sample: sample, seed: seed, in: db)
        }
        let sampled = reading.drawn < reading.rows ? "\(NumberText.count(reading.drawn)) of \(counted(reading.rows, "row")) (sample, seed \(seed))" : counted(reading.rows, "row")
        let nulls = reading.nulls > 0 ? ", \(counted(reading.nulls, "row")) with a NULL left out" : ""
        try output.write(reading.plot.figure(title: output.title, width: output.size.width, height: output.size.height), saying: "\(sampled)\(nulls)")
    }
}
