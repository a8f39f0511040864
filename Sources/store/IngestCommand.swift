import ArgumentParser
import StoreCore
import StoreIngest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load data into a table of the store: a CSV file, or a recipe (RECIPE.toml).",
        discussion: "An ingest is one transaction, recorded in the catalog (table ingests). Ingesting the same source with the same options again changes nothing.",
        subcommands: [IngestCSVCommand.self, IngestRecipeCommand.self],
        defaultSubcommand: IngestRecipeCommand.self)
}

/// Runs an ingest with a progress bar on a terminal and prints its summary.
enum IngestReport {
    static func run(label: String, _ body: (@escaping (IngestProgress) -> Void) throws -> IngestOutcome) throws {
        var bar = ProgressBar(label: label)
        let outcome = try body { progress in
            bar.update(done: progress.bytesDone, total: progress.bytesTotal, count: progress.records, unit: "rows \(progress.phase)")
        }
        bar.finish()
        print(outcome.summary)
    }
}
