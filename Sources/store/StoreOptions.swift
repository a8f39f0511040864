import ArgumentParser
import StoreCore
import StoreFunctions
import StoreIngest
import StoreLearn

/// `--db`, shared by every command that opens a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file; created when missing.", valueName: "path"))
    var db: String = StoreFile.defaultPath()

    /// Opens (creating or migrating) the store with the store's SQL functions and predict().
    func open() throws -> StoreFile {
        try StoreFile.open(at: db, setup: ModelFunctions.setup)
    }
}

/// `--format`, shared by every command that prints rows.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "How to print rows: table, csv or json.")
    var format: OutputFormat?

    /// The chosen format, else `fallback`.
    func resolved(_ fallback: OutputFormat) -> OutputFormat {
        format ?? fallback
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension IngestModeFlag: EnumerableFlag {}

/// `--replace` or `--append`.
enum IngestModeFlag: String {
    case replace, append

    /// The library's mode for this flag.
    var ingestMode: IngestMode {
        self == .replace ? .replace : .append
    }

    static func help(for value: IngestModeFlag) -> ArgumentHelp? {
        switch value {
        case .replace: return "Replace the table's rows if it exists (one atomic swap)."
        case .append: return "Add the rows to the existing table (same columns required)."
        }
    }
}
