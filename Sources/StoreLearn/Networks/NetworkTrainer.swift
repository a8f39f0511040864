import Foundation
import GRDB
import StoreCore
import StoreNetworks

/// What `store train --model mlp|cnn|lstm|cnn_lstm` adds to a training run.
public struct NetworkOptions: Sendable {
    /// The tensor column (`--input`); the view's only one when nil.
    public var input: String?
    /// `--layers`; the kind's default network when nil.
    public var layers: String?
    public var training = NetworkTrainingSettings()
    /// The share of training rows (stratified) held out to measure each
    /// epoch when the view has no validation rows; 0: none.
    public var validationShare = 0.1
    /// torch's and OpenBLAS's threads (`--threads`).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Told when an epoch ends.
    public var onEpoch: (@Sendable (NetworkEpoch) -> Void)?
    /// Told after each batch: rows done of the epoch's rows.
    public var onBatch: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init() {}
}

/// An epoch as it ends, for the Keras-like line `store train` prints.
public struct NetworkEpoch: Sendable {
    /// The cross-validation fold (1-based), nil for the final model.
    public let fold: Int?
    public let folds: Int?
    public let epochs: Int
    public let train: EpochRecord
    public let validation: EpochRecord?
}

/// How a network's training went, for the summary.
public struct NetworkSummary: Sendable {
    /// The layers, as `--layers` writes them.
    public let layers: String
    /// The shape after each layer.
    public let shapes: [String]
    public let parameters: Int
    /// The epoch whose weights the model keeps.
    public let epoch: Int
    public let epochsRun: Int
    public let stoppedEarly: Bool
    public let torchVersion: String
}

/// Trains a neural network on a view and writes it like every other model —
/// the `models` row (its network, input preparation and settings as JSON),
/// its weights as tensors in `model_arrays`, its epochs in `training_log`,
/// and its predictions and measures — in one transaction: a run that fails
/// or is interrupted writes nothing.
///
/// (1) Validation rows are the view's 'validation' split, else a stratified
///     `validationShare` of the training rows drawn with the seed; those
///     rows are recorded with split 'validation'.
/// (2) The input preparation (NetworkInput) is fitted on the training rows.
/// (3) `--cv K` trains K networks on the stratified folds of the training
///     rows (each with its own input preparation, measured each epoch on the
///     validation rows), then the final network on all training rows.
/// (4) `--class-weight balanced` weighs classes by n / (classes · n_class)
///     of the training rows in the loss.
enum NetworkTrainer {
    /// The version of the JSON a network writes in `models.model`.
    static let formatVersion = 2

    static func train(_ options: TrainingOptions, in store: StoreFile) throws -> TrainingReport {
        let started = Date()
        let settings = options.network ?? NetworkOptions()
        var training = settings.training
        training.seed = options.seed
        let library = try TorchLibrary.shared()
        library.useThreads(settings.threads)
        var read = try store.queue.read { db in
            try NetworkData.read(view: options.view, target: options.target, input: settings.input, key: options.key,
                                 splitColumn: options.splitColumn, testShare: options.testShare,
                                 seed: Int64(bitPattern: options.seed), kind: options.kind, in: db)
        }
        guard !read.data.rows(in: .train).isEmpty else {
            throw StoreError("'\(read.data.view)' has no training rows (split = 'train').")
        }
        let task = options.task ?? (TargetClasses.isClassification(read.data.targets) ? .classification : .regression)
        if options.smote { throw StoreError("--oversample smote makes rows of numbers; networks train on \(read.column == nil ? "their columns" : "tensors") as they are. Use --class-weight balanced.") }
        let classes = task == .classification ? TargetClasses(read.data.targets) : nil
        if let classes, classes.values.count < 2 {
            throw StoreError("the target \(options.target) of '\(read.data.view)' has one class; a classifier needs at least two.")
        }
        let targets = try Trainer.targets(read.data, classes: classes)
        let networkTargets: NetworkTargets = switch targets {
        case .classes(let indices, let count): .classes(indices, count: count)
        case .values(let values): .values(values)
        }
        if read.data.rows(in: .validation).isEmpty && settings.validationShare > 0 {
            read = read.validating(Self.heldOut(read.data.rows(in: .train), targets: targets, share: settings.validationShare, seed: options.seed))
        }
        let data = read.data
        let trainRows = data.rows(in: .train)
        let validationRows = data.rows(in: .validation)
        let layers = try settings.layers.map { try NetworkLayer.list($0) } ?? DefaultNetworks.layers(options.kind)
        let outputs = classes?.values.count ?? 1
        let prepared = try Self.prepare(read, fittedOn: trainRows, layers: layers, options: options)
        let plan = try NetworkPlan(layers: layers, input: prepared.rows.shape, shortest: prepared.rows.shortest, outputs: outputs)
        if let augmentation = training.augmentation {
            if augmentation.changesPictures && !prepared.input.isPicture {
                throw StoreError("--augment \(augmentation.description): flip, rotate, zoom and shift change pictures, and '\(data.view)'s input is not images (uint8 height × width × channels).")
            }
            if augmentation.changesSequences && (prepared.input.isPicture || prepared.input.layout == .flat) {
                throw StoreError("--augment \(augmentation.description): time_shift, noise, freq_mask and time_mask change MFCC matrices read as sequences or pictures; this input is \(prepared.input.isPicture ? "images" : "a flat vector").")
            }
        }
        let classWeights = options.balancedClasses ? classes.map { Self.balancedWeights(targets.rows(trainRows), classCount: $0.values.count) } : nil
        let wrap = { (error: any Error) in StoreError("cannot train \(options.kind.rawValue) on '\(data.view)': \(error)") }

        var crossValidation: CrossValidation?
        var foldLogs: [(fold: Int, log: [EpochRecord])] = []
        if let folds = options.folds {
            do {
                let trainTargets = targets.rows(trainRows)
                let assignment = try Folds.assign(trainTargets, folds: folds)
                var collector = CrossValidation.Collector(rows: trainRows.count)
                for (index, part) in Folds.parts(assignment, folds: folds).enumerated() {
                    let foldTrain = part.train.map { trainRows[$0] }
                    let foldTest = part.test.map { trainRows[$0] }
                    let foldPrepared = try Self.prepare(read, fittedOn: foldTrain, layers: layers, options: options)
                    let fit = try NetworkTraining.fit(
                        plan: plan, rows: foldPrepared.rows, targets: networkTargets, train: foldTrain, validation: validationRows,
                        settings: training, classWeights: classWeights, pictures: foldPrepared.input.isPicture,
                        onEpoch: Self.epochReport(settings, fold: index + 1, folds: folds, epochs: training.epochs),
                        onBatch: settings.onBatch.map { report in { done, total in report(done, total) } })
                    foldLogs.append((index + 1, fit.log))
                    let predicted = Self.scores(try NetworkTraining.outputs(of: fit.network, rows: foldPrepared.rows, indices: foldTest),
                                                outputs: outputs, classification: classes != nil)
                    try collector.add(positions: part.test, targets: trainTargets.rows(part.test),
                                      probabilities: predicted.probabilities, values: predicted.values)
                }
                crossValidation = collector.result(folds: folds, assignment: assignment, classes: classes)
            } catch let error as FitError {
                throw wrap(error)
            } catch let error as StoreNetworkError {
                throw wrap(error)
            }
        }

        let fitStarted = Date()
        let fit: NetworkFit
        do {
            fit = try NetworkTraining.fit(
                plan: plan, rows: prepared.rows, targets: networkTargets, train: trainRows, validation: validationRows,
                settings: training, classWeights: classWeights, pictures: prepared.input.isPicture,
                onEpoch: Self.epochReport(settings, fold: nil, folds: options.folds, epochs: training.epochs),
                onBatch: settings.onBatch.map { report in { done, total in report(done, total) } })
        } catch {
            throw wrap(error)
        }
        let fitSeconds = Date().timeIntervalSince(fitStarted)
        let everyRow = Array(data.keys.indices)
        let scored = Self.scores(try NetworkTraining.outputs(of: fit.network, rows: prepared.rows, indices: everyRow),
                                 outputs: outputs, classification: classes != nil)
        let predictions = Predictions(probabilities: scored.probabilities, values: scored.values, classes: classes)
        let evaluation = try Evaluation(data: data, predictions: predictions)
        let arrays = fit.network.arrays()
        let description = NetworkDescription(kind: options.kind, task: task, layers: NetworkLayer.text(layers), input: plan.input,
                                             outputs: outputs, arrays: arrays.map(\.name), torchVersion: library.version)
        let name = options.name ?? "\(data.view)_\(options.kind.rawValue)"
        var rowsPerSplit: [TrainingData.Split: Int] = [:]
        for split in data.splits { rowsPerSplit[split, default: 0] += 1 }
        var recorded = Trainer.recordedSettings(options)
        recorded.merge(Self.recordedSettings(settings, training: training, layers: layers, fit: fit)) { $1 }
        let features = prepared.input.column.map { [$0] } ?? prepared.input.columns?.featureNames ?? []
        let seconds = Date().timeIntervalSince(started)
        let row = ModelRow(
            name: name, kind: options.kind, task: task, data: data, features: features, classes: classes, parameters: recorded,
            preprocessing: try JSON.text(prepared.input), seconds: seconds, formatVersion: formatVersion, model: try JSON.text(description),
            arrays: try arrays.map { ($0.name, try Tensor(shape: $0.shape, float32: $0.values).blob) })
        let record = try store.queue.write { db -> (Int64, Int) in
            let (id, version) = try row.insert(in: db)
            let log = try db.makeStatement(sql: """
                INSERT INTO training_log (model_id, fold, epoch, split, loss, accuracy, seconds, learning_rate)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (fold, records) in foldLogs.map({ (Optional($0.fold), $0.log) }) + [(nil, fit.log)] {
                for entry in records {
                    try log.execute(arguments: [id, fold, entry.epoch, entry.split.rawValue, entry.loss, entry.accuracy, entry.seconds, entry.learningRate])
                }
            }
            try predictions.write(modelID: id, data: data, in: db)
            try evaluation.write(modelID: id, classes: classes, in: db)
            try crossValidation?.write(modelID: id, data: data, trainRows: trainRows, in: db)
            return (id, version)
        }
        var headlines = (task == .classification ? ["accuracy", "f1_macro", "roc_auc", "roc_auc_ovr_macro"] : ["rmse", "r2"])
            .compactMap { metric in evaluation.headline(metric).map { (split: $0.0.rawValue, metric: metric, value: $0.1) } }
        if let crossValidation {
            let metric = task == .classification ? "accuracy" : "r2"
            if let summary = crossValidation.summary(metric) {
                headlines.append((split: "cv", metric: "\(metric) (mean of \(crossValidation.folds) folds, std \(String(format: "%.4f", summary.std)))", value: summary.mean))
            }
        }
        var report = TrainingReport(modelID: record.0, name: name, version: record.1, task: task, rows: rowsPerSplit, seconds: seconds,
                                    fitSeconds: fitSeconds, headlines: headlines, chosen: nil)
        report.network = NetworkSummary(layers: NetworkLayer.text(layers), shapes: plan.shapes, parameters: arrays.reduce(0) { $0 + $1.values.count },
                                        epoch: fit.epoch, epochsRun: fit.epochsRun, stoppedEarly: fit.stoppedEarly, torchVersion: library.version)
        return report
    }

    /// The input fitted on `rows` and every row prepared with it.
    static func prepare(_ read: NetworkData, fittedOn rows: [Int], layers: [NetworkLayer],
                        options: TrainingOptions) throws -> (input: NetworkInput, rows: NetworkRows) {
        let describe = { (index: Int) in "'\(read.data.view)' row \(read.data.keys[index])" }
        if let column = read.column {
            let layout = NetworkInput.layout(for: layers, tensorShape: read.tensors.first?.shape)
            let input = try NetworkInput.fit(column: column, tensors: read.tensors, rows: rows, layout: layout)
            return (input, try input.rows(read.tensors, describe: describe))
        }
        let input = try NetworkInput.fit(columns: read.data, rows: rows, impute: options.impute, encode: options.encode)
        return (input, try input.rows(read.data.values, describe: describe))
    }

    /// A network's outputs (`outputs` per row) as class probabilities, one
    /// row per row, or as predicted values.
    static func scores(_ predicted: [Float], outputs: Int, classification: Bool) -> (probabilities: Matrix?, values: [Double]?) {
        guard classification else { return (nil, predicted.map(Double.init)) }
        return (Matrix(rows: predicted.count / max(outputs, 1), columns: outputs, values: predicted.map(Double.init)), nil)
    }

    /// Rule (1): a stratified `share` of `rows`, drawn with the seed (at
    /// least one row of a class of two or more stays in training).
    static func heldOut(_ rows: [Int], targets: TrainingTargets, share: Double, seed: UInt64) -> [Int] {
        // Its own stream, so that the rows held out do not repeat the order training shuffles them in.
        var random = SeededRandom(seed: seed ^ 0x5EED_0F_7A11D)
        let groups: [Int: [Int]] = switch targets {
        case .classes(let classes, _): Dictionary(grouping: rows, by: { classes[$0] })
        case .values: [0: rows]
        }
        var held: [Int] = []
        for key in groups.keys.sorted() {
            var group = groups[key] ?? []
            guard group.count >= 2 else { continue }
            group.shuffle(using: &random)
            held += group.prefix(min(Int((Double(group.count) * share).rounded(.up)), group.count - 1))
        }
        return held.sorted()
    }

    /// Rule (4), as scikit-learn's `compute_class_weight("balanced")`.
    static func balancedWeights(_ targets: TrainingTargets, classCount: Int) -> [Float] {
        guard case .classes(let classes, _) = targets else { return [] }
        var counts = [Int](repeating: 0, count: classCount)
        for label in classes { counts[label] += 1 }
        return counts.map { $0 > 0 ? Float(Double(classes.count) / Double(classCount * $0)) : 0 }
    }

    static func epochReport(_ settings: NetworkOptions, fold: Int?, folds: Int?, epochs: Int) -> NetworkTraining.EpochReport? {
        guard let report = settings.onEpoch else { return nil }
        return { train, validation in report(NetworkEpoch(fold: fold, folds: folds, epochs: epochs, train: train, validation: validation)) }
    }

    /// What shaped the run, for `models.parameters`.
    static func recordedSettings(_ settings: NetworkOptions, training: NetworkTrainingSettings, layers: [NetworkLayer],
                                 fit: NetworkFit) -> [String: String] {
        var recorded = [
            "layers": NetworkLayer.text(layers),
            "epochs": String(training.epochs),
            "batch_size": String(training.batchSize),
            "lr": String(training.learningRate),
            "optimizer": training.optimizer.rawValue,
            "l2": String(training.l2),
            "validation_share": String(settings.validationShare),
            "threads": String(settings.threads),
            "epochs_run": String(fit.epochsRun),
            "best_epoch": String(fit.epoch),
        ]
        if training.optimizer == .sgd { recorded["momentum"] = String(training.momentum) }
        if let patience = training.patience { recorded["patience"] = String(patience) }
        if let augmentation = training.augmentation { recorded["augment"] = augmentation.description }
        if let input = settings.input { recorded["input"] = input }
        return recorded
    }
}

/// A network as `models.model` holds it (format 2): its kind and task, its
/// layers as `--layers` writes them, one row's input shape, its outputs and
/// the names of its arrays in `model_arrays`.
struct NetworkDescription: Codable, Equatable {
    let kind: ModelKind
    let task: TrainingTask
    let layers: String
    let input: NetworkInputShape
    let outputs: Int
    let arrays: [String]
    let torchVersion: String

    enum CodingKeys: String, CodingKey {
        case kind, task, layers, input, outputs, arrays
        case torchVersion = "torch_version"
    }
}
