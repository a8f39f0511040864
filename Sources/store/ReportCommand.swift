import ArgumentParser
import Foundation
import StoreCore
import StoreLearn
import StorePlots

struct ReportCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a model's measures per split, its top features, and for a classifier its classification report and confusion matrix; or write it all, with its plots, as one HTML page.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var digits: PrecisionOptions

    @Option(help: ArgumentHelp("The model's name.", valueName: "name"))
    var model: String

    @Option(help: "The version (default: the latest).")
    var version: Int?

    @Option(help: "The split the classification report and confusion matrix describe.")
    var split: String = "test"

    @Option(help: ArgumentHelp("Write the report as one self-contained HTML page (inline SVG plots and CSS, no script) instead of printing it.", valueName: "file"))
    var html: String?

    func run() throws {
        let file = try store.open()
        if let html {
            let page = try file.queue.read { db in
                try ModelReportPage.html(try ModelReference.find(model, version: version, in: db), split: split, in: db)
            }
            try HTMLFile.write(page, to: html)
            print("wrote \(html) (\(NumberText.count(page.utf8.count)) bytes): the report of \(model)")
            return
        }
        var writer = ResultWriter(format: .table, output: StandardOutput(), precision: digits.precision)
        try file.queue.read { db in
            let found = try ModelCatalog.find(model, version: version, in: db)
            writer.output.write("\(model) version \(found.version) (model_id \(found.id))\n\n")
            let overall = try ModelCatalog.overallMetrics(model: found.id, in: db)
            writer.write(columns: overall.columns, rows: overall.rows)
            let epochs = try ModelCatalog.trainingLog(model: found.id, in: db)
            if !epochs.rows.isEmpty {
                writer.output.write("\ntraining (\(epochs.summary)):\n")
                writer.write(columns: epochs.columns, rows: epochs.rows)
            }
            let features = try ModelCatalog.topFeatures(model: found.id, in: db)
            if !features.rows.isEmpty {
                writer.output.write("\ntop features (drop in the score when shuffled):\n")
                writer.write(columns: features.columns, rows: features.rows)
            }
            guard found.task == "classification" else { return }
            writer.output.write("\nclassification report (\(split)):\n")
            let report = try ModelCatalog.classificationReport(model: found.id, split: split, in: db)
            writer.write(columns: report.columns, rows: report.rows)
            writer.output.write("\nconfusion matrix (\(split)):\n")
            let confusion = try ModelCatalog.confusionMatrix(model: found.id, split: split, in: db)
            writer.write(columns: confusion.columns, rows: confusion.rows)
        }
    }
}
