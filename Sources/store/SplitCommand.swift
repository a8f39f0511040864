import ArgumentParser
import StoreCore
import StoreFunctions

struct SplitCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Write the view TABLE_split (key, split: train/validation/test) and print each part's class balance.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The table (or view) to split.")
    var table: String

    @Option(help: "The share of rows for test.")
    var test: Double = 0.2

    @Option(help: "The share of rows for validation.")
    var validation: Double = 0

    @Option(help: ArgumentHelp("Split each class of this column in the same proportions.", valueName: "column"))
    var stratify: String?

    @Option(help: "The seed; the same seed gives the same split.")
    var seed: Int64 = 42

    @Option(help: ArgumentHelp("The column that identifies a row.", valueName: "column"))
    var key: String = "row_id"

    func validate() throws {
        guard test > 0, test < 1, validation >= 0, test + validation < 1 else {
            throw ValidationError("--test must be between 0 and 1, and --test plus --validation below 1.")
        }
    }

    func run() throws {
        let file = try store.open()
        let split = try SplitView(table: table, key: key, stratify: stratify, test: test, validation: validation, seed: seed)
        let balance = try file.queue.write { db in try split.write(in: db) }
        var writer = output.writer(.table)
        if writer.format == .table {
            writer.output.write("Wrote the view \(split.viewName) (\(key), split).\n\n")
        }
        writer.write(columns: balance.columns, rows: balance.rows)
    }
}
