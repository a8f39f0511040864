import ArgumentParser
import StorePlots

struct PlotConfusionCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "confusion",
        abstract: "A classifier's confusion matrix as a heatmap: actual classes down, predicted across, counts in the cells.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: PlotModelOptions

    @Option(help: "The split: train, validation, test or cv.")
    var split = "test"

    @Flag(help: "Each row divided by its total (the recall of each class on the diagonal), as scikit-learn's normalize='true'.")
    var normalize = false

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        let file = try store.open()
        let found = try model.find(in: file)
        let heatmap = try file.queue.read { db in try MatrixHeatmap.confusion(found, split: split, normalized: normalize, in: db) }
        let rows = heatmap.values.flatMap { $0 }.compactMap { $0 }.reduce(0, +)
        try output.write(heatmap.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "confusion matrix of \(found.name) version \(found.version) on \(split)\(normalize ? ", normalized by row" : " (\(counted(Int(rows), "row")))")")
    }
}

struct PlotROCCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "roc",
        abstract: "A classifier's ROC curves, one per class for multiclass, with the chance diagonal and the AUC in the legend.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: PlotModelOptions

    @Option(help: "The split: train, validation, test or cv.")
    var split = "test"

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        let file = try store.open()
        let found = try model.find(in: file)
        let curves = try file.queue.read { db in try ROCCurves.read(found, split: split, in: db) }
        let aucs = curves.curves.map { "\($0.label) AUC \(NumberText.fixed($0.area, decimals: 4))" }.joined(separator: ", ")
        try output.write(curves.figure(title: output.title, width: output.size.width, height: output.size.height), saying: "ROC of \(found.name) version \(found.version) on \(split): \(aucs)")
    }
}

struct PlotPRCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "pr",
        abstract: "A classifier's precision–recall curves, with the average precision in the legend.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: PlotModelOptions

    @Option(help: "The split: train, validation, test or cv.")
    var split = "test"

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        let file = try store.open()
        let found = try model.find(in: file)
        let curves = try file.queue.read { db in try PrecisionRecallCurves.read(found, split: split, in: db) }
        let aps = curves.curves.map { "\($0.label) AP \(NumberText.fixed($0.averagePrecision, decimals: 4))" }.joined(separator: ", ")
        try output.write(curves.figure(title: output.title, width: output.size.width, height: output.size.height), saying: "precision–recall of \(found.name) version \(found.version) on \(split): \(aps)")
    }
}

struct PlotImportanceCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "importance",
        abstract: "A model's feature importances as bars, the most important on top, ± one standard deviation for permutation importance.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: PlotModelOptions

    @Option(help: "permutation or impurity (default: permutation when the model has it).")
    var method: String?

    @Option(help: "Draw this many features at most.")
    var top = 20

    @OptionGroup var output: PlotOutputOptions

    func validate() throws {
        if let method, !["permutation", "impurity"].contains(method) {
            throw ValidationError("--method takes permutation or impurity, not '\(method)'.")
        }
        guard top >= 1 else { throw ValidationError("--top must be 1 or more, not \(top).") }
    }

    func run() throws {
        let file = try store.open()
        let found = try model.find(in: file)
        let importances = try file.queue.read { db in try FeatureImportances.read(found, method: method, top: top, in: db) }
        try output.write(importances.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "\(importances.method) importance of \(counted(importances.features.count, "feature")) of \(found.name) version \(found.version)")
    }
}

struct PlotLearningCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "learning",
        abstract: "Loss and accuracy per epoch, train against validation, from a model trained in epochs (training_log).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: PlotModelOptions

    @Option(help: "A cross-validation fold's log instead of the final model's.")
    var fold: Int?

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        let file = try store.open()
        let found = try model.find(in: file)
        let curves = try file.queue.read { db in try LearningCurves.read(found, fold: fold, in: db) }
        let epochs = Set(curves.epochs.map(\.epoch)).count
        try output.write(curves.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "learning curves of \(found.name) version \(found.version) over \(counted(epochs, "epoch"))")
    }
}

struct PlotCalibrationCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "calibration",
        abstract: "A classifier's reliability curve: mean predicted probability against the observed share, in uniform bins.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: PlotModelOptions

    @Option(help: "The split: train, validation, test or cv.")
    var split = "test"

    @Option(help: "Uniform bins of predicted probability.")
    var bins = 10

    @OptionGroup var output: PlotOutputOptions

    func validate() throws {
        guard (2...100).contains(bins) else { throw ValidationError("--bins must be 2 to 100, not \(bins).") }
    }

    func run() throws {
        let file = try store.open()
        let found = try model.find(in: file)
        let curves = try file.queue.read { db in try CalibrationCurves.read(found, split: split, bins: bins, in: db) }
        try output.write(curves.figure(title: output.title, width: output.size.width, height: output.size.height), saying:
            "calibration of \(found.name) version \(found.version) on \(split) in \(bins) bins")
    }
}
