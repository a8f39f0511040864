import ArgumentParser
import StoreCore
import StoreFunctions

struct StatsCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Describe every column of a table or view: counts, nulls, distinct, mean, std, quartiles, mode, skewness, kurtosis.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The table or view.")
    var name: String

    @Option(help: ArgumentHelp("Only these columns, comma-separated.", valueName: "a,b"))
    var columns: String?

    @Option(help: ArgumentHelp("One row per value of this column and column (e.g. per class).", valueName: "column"))
    var by: String?

    @Flag(help: "Print the Pearson correlation matrix of the numeric columns: after the summary as a table, instead of it with --format csv or json.")
    var corr = false

    @Option(help: ArgumentHelp("Add each column's correlation with this column (target_corr).", valueName: "column"))
    var target: String?

    func run() throws {
        let file = try store.open()
        let requested = columns?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let format = output.resolved(.table)
        try file.queue.read { db in
            let summary = try TableStatistics.summary(of: name, columns: requested, by: by, target: target, in: db)
            var writer = output.writer(.table)
            if format == .table {
                let table = try TableSchema.lookup(name, in: db)
                let duplicates = try TableStatistics.duplicateRows(of: name, in: db)
                writer.output.write("\(table.name): \(Self.counted(summary.rowCount, "row")), \(Self.counted(duplicates, "duplicate row"))\n\n")
            }
            // csv and json print one document: with --corr, the matrix alone.
            if format == .table || !corr {
                writer.write(columns: summary.columns, rows: summary.rows)
            }
            if corr {
                if format == .table { writer.output.write("\ncorrelation (Pearson):\n") }
                let matrix = try TableStatistics.correlations(of: name, columns: summary.numericColumns, in: db)
                writer.write(columns: matrix.columns, rows: matrix.rows)
            }
        }
    }

    /// `1 row`, `2 rows`, `1,000 rows`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(ProgressBar.grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }
}
