import ArgumentParser
import Foundation
import Synchronization
import StoreCore
import StoreLearn
import StoreNetworks

extension ModelKind: ExpressibleByArgument {}
extension NetworkOptimizer: ExpressibleByArgument {}
extension TrainingTask: ExpressibleByArgument {}
extension ImputeStrategy: ExpressibleByArgument {}
extension EncodeStrategy: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a view and write it, with every row's prediction, to the models and predictions tables.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The table or view to train on.", valueName: "view"))
    var view: String

    @Option(help: ArgumentHelp("The column to predict.", valueName: "column"))
    var target: String

    @Option(help: "The kind of model (default: logistic_regression for a class, linear_regression for a number).")
    var model: ModelKind?

    @Option(help: "The model's name (default: VIEW_MODEL); training a name again adds a version.")
    var name: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A model setting, e.g. C=0.5 (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The view's column of 'train'/'validation'/'test'; without it a stratified split is made.", valueName: "column"))
    var splitColumn: String = "split"

    @Option(help: "The test share of the split made when the view has no split column.")
    var testSize: Double = 0.2

    @Option(help: "The seed: the split and every random choice of the model.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("The column that identifies a row.", valueName: "column"))
    var key: String = "row_id"

    @Option(help: "Fill missing feature values with the training median, mean or most_frequent value.")
    var impute: ImputeStrategy?

    @Option(help: "Encode text features: onehot or label (codes fitted on training rows).")
    var encode: EncodeStrategy?

    @Option(help: "classification or regression (default: read from the target).")
    var task: TrainingTask?

    @Option(help: ArgumentHelp("balanced: weight classes by n / (classes · n_class).", valueName: "balanced"))
    var classWeight: String?

    @Option(help: ArgumentHelp("smote: add SMOTE rows (k = 5) to the training rows of every class but the largest.", valueName: "smote"))
    var oversample: String?

    @Option(help: ArgumentHelp("Stacking: base models besides the random forest, e.g. knn,naive_bayes.", valueName: "kinds"))
    var base: String?

    @Option(help: ArgumentHelp("Cross-validate with K stratified folds (scores in cv_scores).", valueName: "K"))
    var cv: Int?

    @Option(help: ArgumentHelp("Grid-search a setting over values, e.g. max_depth=4,8,none (repeatable; results in search_results).", valueName: "key=v1,v2"))
    var search: [String] = []

    @Option(help: ArgumentHelp("The measure --search ranks by (default: accuracy, or r2 for numbers).", valueName: "metric"))
    var scoring: String?

    @OptionGroup(title: "Neural networks (--model mlp, cnn, lstm, cnn_lstm)")
    var network: NetworkFlags


    func validate() throws {
        if let cv, cv < 2 { throw ValidationError("--cv takes at least 2 folds.") }
        if base != nil && model != .stacking { throw ValidationError("--base is for --model stacking.") }
        if let oversample, oversample != "smote" {
            throw ValidationError("--oversample takes 'smote', not '\(oversample)'.")
        }
        guard testSize > 0, testSize < 1 else { throw ValidationError("--test-size must be between 0 and 1.") }
        if let classWeight, classWeight != "balanced" {
            throw ValidationError("--class-weight takes 'balanced', not '\(classWeight)'.")
        }
        if network.given && !(model?.isNetwork ?? false) {
            throw ValidationError("--input, --layers, --epochs, --batch-size, --lr, --optimizer, --momentum, --l2, --patience, --validation-share, --augment and --threads are for --model mlp, cnn, lstm or cnn_lstm.")
        }
        try network.validate()
    }

    func run() throws {
        if model?.isNetwork ?? false { PassiveOpenMP.restartIfNeeded() }
        let file = try store.open()
        var options = TrainingOptions(view: view, target: target, kind: model ?? .logisticRegression)
        options.name = name
        do {
            options.settings = try ModelSettings(parameters + (base.map { ["base=\($0)"] } ?? []))
        } catch {
            throw StoreError("\(error)")
        }
        options.folds = cv
        options.search = search
        options.scoring = scoring
        options.splitColumn = splitColumn
        options.testShare = testSize
        options.seed = seed
        options.key = key
        options.impute = impute
        options.encode = encode
        options.task = task
        options.balancedClasses = classWeight == "balanced"
        options.smote = oversample == "smote"
        if model == nil {
            options.kind = try file.queue.read { db in try Trainer.defaultKind(view: view, target: target, task: task, in: db) }
        }
        let bar = Mutex(ProgressBar(label: view))
        options.progress = { stage, done, total in bar.withLock { $0.update(done: done, total: total, unit: stage) } }
        if options.kind.isNetwork {
            var networkOptions = try network.options(seed: seed)
            networkOptions.onBatch = { done, total in bar.withLock { $0.update(done: done, total: total, unit: "rows") } }
            networkOptions.onEpoch = { epoch in
                bar.withLock { $0.finish() }
                FileHandle.standardOutput.write(Data((EpochLine.text(epoch) + "\n").utf8))
            }
            options.network = networkOptions
        }
        let report: TrainingReport
        do {
            report = try Trainer.train(options, in: file)
            bar.withLock { $0.finish() }
        } catch {
            bar.withLock { $0.finish() }
            throw error
        }
        let rows = TrainingData.Split.allCases.compactMap { split in report.rows[split].map { "\(ProgressBar.grouped($0)) \(split.rawValue)" } }
        if let summary = report.network {
            let kept = summary.stoppedEarly || summary.epoch != summary.epochsRun
                ? "; early stopping kept epoch \(summary.epoch) of \(summary.epochsRun)" : ""
            print("network: \(summary.layers) (\(ProgressBar.grouped(summary.parameters)) parameters, libtorch \(summary.torchVersion))\(kept).")
        }
        print("\(report.name) version \(report.version): \(options.kind.rawValue), \(report.task.rawValue), rows \(rows.joined(separator: ", ")), fit \(String(format: "%.2f", report.fitSeconds)) s, \(String(format: "%.2f", report.seconds)) s in all. See models and predictions (model_id \(report.modelID)).")
        if let chosen = report.chosen {
            print("search chose \(chosen.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")). See search_results.")
        }
        for split in report.headlines.map(\.split).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let figures = report.headlines.filter { $0.split == split }.map { "\($0.metric) \(String(format: "%.4f", $0.value))" }
            print("\(split): \(figures.joined(separator: ", ")). See \(split == "cv" ? "cv_scores" : "metrics and confusion").")
        }
    }
}

/// The options of `store train` for neural networks.
struct NetworkFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The tensor column to read (default: the view's only tensor column).", valueName: "column"))
    var input: String?

    @Option(help: ArgumentHelp("The network, e.g. \"conv2d(32,3) relu maxpool(2) flatten dense(128) relu dropout(0.5) dense\" (default: the --model's network).", valueName: "layers"))
    var layers: String?

    @Option(help: "Passes over the training rows (default: 10).")
    var epochs: Int?

    @Option(help: "Rows per training step (default: 32).")
    var batchSize: Int?

    @Option(help: "The learning rate (default: 0.001).")
    var lr: Double?

    @Option(help: "adam or sgd (default: adam).")
    var optimizer: NetworkOptimizer?

    @Option(help: "SGD's momentum (default: 0).")
    var momentum: Double?

    @Option(help: "L2 penalty on dense and convolution weights, as Keras's l2(…) (default: 0).")
    var l2: Double?

    @Option(help: ArgumentHelp("Stop after N epochs without a lower validation loss, keeping the best epoch's weights.", valueName: "N"))
    var patience: Int?

    @Option(help: "The share of training rows held out for validation when the view has no validation rows (default: 0.1).")
    var validationShare: Double?

    @Option(help: ArgumentHelp("Change training batches: pictures flip,rotate=15,zoom=0.1,shift=0.1; MFCC time_shift=0.1,noise=0.005,freq_mask=8,time_mask=20.", valueName: "list"))
    var augment: String?

    @Option(help: "Threads for torch and OpenBLAS (default: all cores).")
    var threads: Int?

    /// Whether any of these options was given.
    var given: Bool {
        let values: [Any?] = [input, layers, epochs, batchSize, lr, optimizer, momentum, l2, patience, validationShare, augment, threads]
        return values.contains { $0 != nil }
    }

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs takes 1 or more.") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size takes 1 or more.") }
        if let lr, !(lr > 0) { throw ValidationError("--lr takes a number above 0, e.g. 0.001.") }
        if let momentum, !(0..<1).contains(momentum) { throw ValidationError("--momentum takes a number from 0 up to 1, e.g. 0.9.") }
        if let l2, !(l2 >= 0) { throw ValidationError("--l2 takes 0 or more, e.g. 0.0001.") }
        if let patience, patience < 1 { throw ValidationError("--patience takes 1 or more epochs.") }
        if let validationShare, !(0..<1).contains(validationShare) { throw ValidationError("--validation-share takes a number from 0 up to 1, e.g. 0.1.") }
        if let threads, threads < 1 { throw ValidationError("--threads takes 1 or more.") }
        if momentum != nil && optimizer != .sgd { throw ValidationError("--momentum is for --optimizer sgd.") }
    }

    /// The library's options.
    func options(seed: UInt64) throws -> NetworkOptions {
        var options = NetworkOptions()
        options.input = input
        options.layers = layers
        if let epochs { options.training.epochs = epochs }
        if let batchSize { options.training.batchSize = batchSize }
        if let lr { options.training.learningRate = lr }
        if let optimizer { options.training.optimizer = optimizer }
        if let momentum { options.training.momentum = momentum }
        if let l2 { options.training.l2 = l2 }
        options.training.patience = patience
        if let validationShare { options.validationShare = validationShare }
        if let threads { options.threads = threads }
        options.training.seed = seed
        if let augment {
            do {
                options.training.augmentation = try Augmentation(augment)
            } catch {
                throw StoreError("\(error)")
            }
        }
        return options
    }
}

/// The line `store train` prints per epoch, as Keras's fit prints it:
/// `epoch 3/10  loss 0.412  accuracy 0.871  val_loss 0.388  val_accuracy 0.880  2.1 s`.
enum EpochLine {
    static func text(_ epoch: NetworkEpoch) -> String {
        var parts: [String] = []
        if let fold = epoch.fold, let folds = epoch.folds { parts.append("fold \(fold)/\(folds)") }
        parts.append("epoch \(epoch.train.epoch)/\(epoch.epochs)")
        parts.append("loss \(String(format: "%.4f", epoch.train.loss))")
        if let accuracy = epoch.train.accuracy { parts.append("accuracy \(String(format: "%.4f", accuracy))") }
        if let validation = epoch.validation {
            parts.append("val_loss \(String(format: "%.4f", validation.loss))")
            if let accuracy = validation.accuracy { parts.append("val_accuracy \(String(format: "%.4f", accuracy))") }
        }
        let seconds = epoch.train.seconds + (epoch.validation?.seconds ?? 0)
        parts.append("\(String(format: "%.1f", seconds)) s")
        return parts.joined(separator: "  ")
    }
}
