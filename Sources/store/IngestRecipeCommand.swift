import ArgumentParser
import StoreCore
import StoreIngest

struct IngestRecipeCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "recipe",
        abstract: "Run an ingest recipe (a TOML file, see ingest/README.md); `store ingest RECIPE.toml` for short.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The recipe file.")
    var recipe: String

    @Flag var mode: IngestModeFlag?

    func run() throws {
        let loaded = try IngestRecipe.load(path: recipe)
        let storeFile = try store.open()
        let override = mode?.ingestMode
        switch loaded.options {
        case .csv:
            try IngestReport.run(label: loaded.table) { progress in
                try loaded.run(into: storeFile, mode: override, progress: progress)
            }
        case .audio, .images:
            try FolderIngestReport.run(label: loaded.table, noun: loaded.kind == "audio" ? "recordings" : "images") { progress in
                try loaded.runFolder(into: storeFile, mode: override, progress: progress)
            }
        }
    }
}
