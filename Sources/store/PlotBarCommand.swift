import ArgumentParser
import StorePlots

struct PlotBarCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "bar",
        abstract: "Rows per value of a column (a target's class balance), the counts printed on the bars.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var data: PlotDataOptions

    @Option(help: ArgumentHelp("The column (default: the only column of --sql's result).", valueName: "column"))
    var column: String?

    @Option(help: "With more values than this, draw the most frequent ones.")
    var top = 40

    @OptionGroup var output: PlotOutputOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be 1 or more, not \(top).") }
    }

    func run() throws {
        let file = try store.open()
        let source = try data.source()
        let counts = try file.queue.read { db in
            try ValueCounts.read(source, column: try column ?? onlyColumn(source, in: db), limit: top, in: db)
        }
        let rows = counts.values.reduce(0) { $0 + $1.count } + counts.otherRows
        let more = counts.otherValues > 0 ? " (\(NumberText.count(counts.otherValues)) less frequent values left out)" : ""
        try output.write(counts.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "\(counted(counts.values.count, "value")) of \(counts.column) over \(counted(rows, "row"))\(more)")
    }
}
