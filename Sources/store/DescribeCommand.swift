import ArgumentParser
import StoreCore

struct DescribeCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a table's or view's columns, types, NULL counts and where its rows came from.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The table or view.")
    var name: String

    func run() throws {
        let file = try store.open()
        let description = try file.queue.read { db in try TableDescription.describe(name, in: db) }
        var out = StandardOutput()
        description.write(format: output.resolved(.table), precision: output.digits.precision, to: &out)
    }
}
