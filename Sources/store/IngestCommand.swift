import ArgumentParser
import StoreCore
import StoreIngest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load data into a table of the store: a CSV file, a folder of recordings or images, or a recipe (RECIPE.toml).",
        discussion: "An ingest is one transaction, recorded in the catalog (table ingests). Ingesting the same source with the same options again changes nothing.",
        subcommands: [IngestCSVCommand.self, IngestAudioCommand.self, IngestImagesCommand.self, IngestRecipeCommand.self],
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

/// Runs a folder ingest with a progress bar (files, files/s, ETA) on a
/// terminal and prints its summary.
enum FolderIngestReport {
    static func run(label: String, noun: String, _ body: (@escaping (Int, Int) -> Void) throws -> FolderIngestOutcome) throws {
        var bar = ProgressBar(label: label)
        let outcome = try body { done, total in
            bar.update(done: done, total: total, unit: "files")
        }
        bar.finish()
        for line in outcome.summary(noun: noun) { print(line) }
    }
}
