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

/// `--format` and `--precision`, shared by every command that prints rows.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "How to print rows: table, csv or json.")
    var format: OutputFormat?

    @OptionGroup var digits: PrecisionOptions

    /// The chosen format, else `fallback`.
    func resolved(_ fallback: OutputFormat) -> OutputFormat {
        format ?? fallback
    }

    /// A writer to standard output in the chosen format (else `fallback`)
    /// with the chosen `--precision`.
    func writer(_ fallback: OutputFormat) -> ResultWriter<StandardOutput> {
        ResultWriter(format: resolved(fallback), output: StandardOutput(), precision: digits.precision)
    }
}

/// `--precision`, for every command that prints tables (with `--format`, or
/// alone where the output is always a table).
struct PrecisionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Digits after the decimal point of REAL values in a table, as pandas' display.precision; csv and json keep every digit.",
        valueName: "digits"))
    var precision: Int = 6

    func validate() throws {
        guard (0...20).contains(precision) else {
            throw ValidationError("--precision must be a number of digits from 0 to 20; \(precision) is not.")
        }
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
