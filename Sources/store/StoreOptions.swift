import ArgumentParser
import Foundation
import StoreCore
import StoreFunctions
import StoreIngest
import StoreLearn

/// `--db` and `--wait`, shared by every command that opens a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file; created when missing.", valueName: "path"))
    var db: String = StoreFile.defaultPath()

    @Option(name: .long, help: ArgumentHelp("How long to wait, in seconds, for another store command that is writing the store; 0 fails at once.", valueName: "seconds"))
    var wait: Double = WriteWait.defaultSeconds

    func validate() throws {
        guard wait.isFinite, (0...WriteWait.longest).contains(wait) else {
            throw ValidationError("--wait must be a number of seconds from 0 to \(Int(WriteWait.longest)); 0 fails at once.")
        }
    }

    /// The wait `--wait` asks for; on a terminal it says on standard error
    /// what it waits for.
    var writeWait: WriteWait {
        guard isatty(STDERR_FILENO) != 0 else { return WriteWait(seconds: wait) }
        return WriteWait(seconds: wait) { @Sendable message in
            // Clears a progress bar the line may hold (see ProgressBar).
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + message + "\n").utf8))
        }
    }

    /// Opens (creating or migrating) the store with the store's SQL functions and predict().
    func open() throws -> StoreFile {
        try StoreFile.open(at: db, setup: ModelFunctions.setup, wait: writeWait)
    }
}

/// A command that opens a store: when SQLite still finds the store locked
/// after `--wait`, `StoreCommand.main` explains it with the store's path.
protocol OpensStore {
    var store: StoreOptions { get }
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
