import ArgumentParser
import StoreCore
import StoreLearn

struct PredictCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score the rows of a view with a stored model and its stored preprocessing; print them or write a table.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Option(help: ArgumentHelp("The model's name.", valueName: "name"))
    var model: String

    @Option(help: "The version (default: the latest).")
    var version: Int?

    @Option(help: ArgumentHelp("The table or view of rows to score.", valueName: "view"))
    var view: String

    @Option(help: ArgumentHelp("Write the scores to this new table instead of printing them.", valueName: "table"))
    var into: String?

    func run() throws {
        let file = try store.open()
        if let into {
            let count = try file.queue.write { db -> Int in
                let rows = try Scoring.score(model: model, version: version, view: view, in: db)
                try Scoring.write(rows, into: into, in: db)
                return rows.count
            }
            print("Wrote \(ProgressBar.grouped(count)) scored rows to \(into) (key, predicted, score, probabilities).")
        } else {
            let rows = try file.queue.read { db in try Scoring.score(model: model, version: version, view: view, in: db) }
            var writer = output.writer(.table)
            writer.write(columns: Scoring.columns, rows: rows)
        }
    }
}
