import ArgumentParser
import StoreCore
import StoreIngest

struct IngestCSVCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Ingest a CSV file into a table, inferring column types over the whole file.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The table to create (or replace, or append to).")
    var table: String

    @Option(help: "The field separator: ',' ';' '|' or tab.")
    var delimiter: String = ","

    @Flag(help: "The first line is a record, not a header; columns are named column_1, column_2, ….")
    var noHeader = false

    @Option(help: "The file's encoding: utf-8, latin1 or windows-1252.")
    var encoding: String = "utf-8"

    @Option(name: .customLong("null"), help: ArgumentHelp("A value that reads as NULL; repeat for several. Replaces the default markers NA N/A NaN null NULL ?. Empty fields are always NULL.", valueName: "marker"))
    var nullMarkers: [String] = []

    @Option(name: .customLong("type"), help: ArgumentHelp("Set a column's type instead of inferring it; repeatable.", valueName: "column=INTEGER|REAL|TEXT"))
    var types: [String] = []

    @Flag(help: "Set ragged or undecodable records aside in ingest_rejects instead of failing.")
    var skipBad = false

    @Flag var mode: IngestModeFlag?

    func validate() throws {
        guard TextEncoding(name: encoding) != nil else {
            throw ValidationError("The encoding '\(encoding)' is not supported. Use utf-8, latin1 or windows-1252.")
        }
        do {
            _ = try CSVOptions.delimiter(named: delimiter)
            _ = try CSVOptions.types(from: types)
            try TableName.validate(table)
        } catch let error as StoreError {
            throw ValidationError(error.message.prefix(1).uppercased() + error.message.dropFirst())
        }
    }

    func run() throws {
        var options = CSVOptions()
        options.delimiter = try CSVOptions.delimiter(named: delimiter)
        options.header = !noHeader
        options.encoding = TextEncoding(name: encoding) ?? .utf8
        if !nullMarkers.isEmpty { options.nullMarkers = nullMarkers }
        options.types = try CSVOptions.types(from: types)
        options.skipBad = skipBad
        let ingestMode = mode?.ingestMode ?? .create
        let storeFile = try store.open()
        try IngestReport.run(label: table) { progress in
            try CSVIngest.run(source: file, table: table, options: options, mode: ingestMode, into: storeFile, progress: progress)
        }
    }
}
