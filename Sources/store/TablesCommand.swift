import ArgumentParser
import GRDB
import StoreCore

struct TablesCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "List the tables and views with their row counts.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let file = try store.open()
        let tables = try file.queue.read { db in try StoreTables.list(in: db) }
        var writer = output.writer(.table)
        writer.write(
            columns: ["name", "kind", "rows"],
            rows: tables.map { [$0.name.databaseValue, $0.kind.rawValue.databaseValue, $0.rows.databaseValue] })
    }
}
