import ArgumentParser
import StoreCore
import StoreLearn

struct ModelsCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the trained models, every version, with the headline measure on the test rows.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let file = try store.open()
        let listing = try file.queue.read { db in try ModelCatalog.list(in: db) }
        var writer = output.writer(.table)
        writer.write(columns: listing.columns, rows: listing.rows)
    }
}
