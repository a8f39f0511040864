import ArgumentParser
import Foundation
import StoreCore

struct SQLCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL (an argument, -f FILE, or standard input) and print what it returns.",
        discussion: "Several statements may be given; each result is printed in turn. The format defaults to table on a terminal and csv otherwise.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The SQL to run.")
    var sql: String?

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Read the SQL from this file.", valueName: "file"))
    var file: String?

    func validate() throws {
        if sql != nil && file != nil {
            throw ValidationError("Give the SQL either as an argument or with -f FILE, not both.")
        }
        if sql == nil && file == nil && isatty(STDIN_FILENO) != 0 {
            throw ValidationError("Give the SQL as an argument, with -f FILE, or on standard input.")
        }
    }

    func run() throws {
        let text: String
        if let sql {
            text = sql
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw StoreError("cannot read the SQL file \(file): no such file.")
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let storeFile = try store.open()
        let fallback: OutputFormat = isatty(STDOUT_FILENO) != 0 ? .table : .csv
        var writer = output.writer(fallback)
        try SQLScript.run(text, in: storeFile, writer: &writer)
    }
}
