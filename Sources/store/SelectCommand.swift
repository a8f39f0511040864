import ArgumentParser
import StoreCore
import StoreLearn

struct SelectCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Keep the columns whose absolute correlation with the target reaches a threshold, as a view; print each correlation.",
        discussion: "Fits on the training rows (split = 'train') when TABLE has a split column. Numeric columns only; text columns are left out (encode them in SQL first). The choice is recorded in feature_selection; store describe VIEW shows it.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The table or view to select columns of.")
    var table: String

    @Option(help: ArgumentHelp("The numeric column to correlate with.", valueName: "column"))
    var target: String

    @Option(help: ArgumentHelp("Keep a column when the absolute value of its correlation with the target is at least this.", valueName: "r"))
    var minAbsCorr: Double

    @Option(help: "pearson (pandas df.corr()) or spearman (ranks, ties averaged).")
    var method: CorrelationMethod = .pearson

    @Option(help: ArgumentHelp("The view to write.", valueName: "name"))
    var view: String

    @Option(help: ArgumentHelp("The column that identifies a row.", valueName: "column"))
    var key: String = "row_id"

    @Option(help: ArgumentHelp("The column holding train/validation/test; correlations are fitted on its 'train' rows when TABLE has it.", valueName: "column"))
    var splitColumn: String = "split"

    func validate() throws {
        guard minAbsCorr.isFinite, (0...1).contains(minAbsCorr) else {
            throw ValidationError("--min-abs-corr must be between 0 and 1 (an absolute correlation).")
        }
    }

    func run() throws {
        let file = try store.open()
        let selection = try FeatureSelection(table: table, target: target, threshold: minAbsCorr, method: method,
                                             view: view, key: key, splitColumn: splitColumn)
        let outcome = try file.queue.write { db in try selection.write(in: db) }
        var writer = ResultWriter(format: output.resolved(.table), output: StandardOutput())
        if writer.format == .table {
            let fitted = outcome.fittedOn == "train" ? "\(ProgressBar.grouped(outcome.rows)) training rows" : "all \(ProgressBar.grouped(outcome.rows)) rows"
            let carried = outcome.viewColumns.prefix(outcome.viewColumns.count - outcome.kept.count).joined(separator: ", ")
            writer.output.write("Wrote the view \(view): \(carried) and the \(outcome.kept.count) of \(outcome.choices.count) columns whose |\(method.rawValue) r| with \(target) is at least \(minAbsCorr) on \(fitted).\n\n")
        }
        let table = outcome.table
        writer.write(columns: table.columns, rows: table.rows)
    }
}

extension CorrelationMethod: ExpressibleByArgument {}
