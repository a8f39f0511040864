import Foundation
import GRDB
import StoreCore

/// What `store train` is asked to do.
public struct TrainingOptions: Sendable {
    public var view: String
    public var target: String
    public var kind: ModelKind
    /// The model's name; `VIEW_KIND` when nil.
    public var name: String?
    public var settings = ModelSettings(values: [:])
    public var key = "row_id"
    public var splitColumn = "split"
    /// The test share of the split made when the view has no split column.
    public var testShare = 0.2
    public var seed: UInt64 = 42
    public var impute: ImputeStrategy?
    public var encode: EncodeStrategy?
    /// Overrides the task read from the target (TargetClasses rule 2).
    public var task: TrainingTask?
    /// Weights each class by n / (classes · n_class) on the training rows, as
    /// scikit-learn's `class_weight="balanced"`.
    public var balancedClasses = false
    /// Adds SMOTE rows (k = 5) to the training rows of every class but the largest.
    public var smote = false
    /// Cross-validation folds (`--cv K`), none when nil.
    public var folds: Int?
    /// Grid search specifications (`--search key=v1,v2`).
    public var search: [String] = []
    /// The measure the search ranks candidates by (accuracy / r2 when nil).
    public var scoring: String?
    /// Told how far the run has gone, from any thread.
    public var progress: TrainingProgress?
    /// The settings of a neural network (`--model mlp|cnn|lstm|cnn_lstm`).
    public var network: NetworkOptions?

    public init(view: String, target: String, kind: ModelKind) {
        self.view = view
        self.target = target
        self.kind = kind
    }
}

/// What a training run wrote.
public struct TrainingReport: Sendable {
    public let modelID: Int64
    public let name: String
    public let version: Int
    public let task: TrainingTask
    public let rows: [TrainingData.Split: Int]
    /// The whole run: reading, fitting, measuring, writing.
    public let seconds: Double
    /// The final model's fit alone (SMOTE included).
    public let fitSeconds: Double
    /// The main measures on the test rows (else validation, else train),
    /// then the cross-validation's mean when there was one.
    public let headlines: [(split: String, metric: String, value: Double)]
    /// The settings the grid search chose, when there was one.
    public let chosen: [String: String]?
    /// How a neural network's training went.
    public var network: NetworkSummary?
}

/// Reports a training run's progress: `done` of `total` units of `stage`
/// (trees, stages, fits, folds, candidates).
public typealias TrainingProgress = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

/// Trains a model on a view and writes the model and its predictions (and
/// their measures) as tables, in one transaction: a run that fails writes
/// nothing.
public enum Trainer {
    /// The version of the JSON in `models.model`: 2 since fitted arrays of
    /// 64 numbers or more moved to `model_arrays` (ModelArray); format 1
    /// (every number in the JSON) still loads.
    public static let formatVersion = 2

    public static func train(_ options: TrainingOptions, in store: StoreFile) throws -> TrainingReport {
        if options.kind.isNetwork { return try NetworkTrainer.train(options, in: store) }
        if options.network != nil {
            throw StoreError("the network options (--layers, --epochs, --augment, …) are for --model mlp, cnn, lstm or cnn_lstm, not \(options.kind.rawValue).")
        }
        let started = Date()
        let data = try store.queue.read { db in
            try TrainingData.read(view: options.view, target: options.target, key: options.key,
                                  splitColumn: options.splitColumn, testShare: options.testShare,
                                  seed: Int64(bitPattern: options.seed), in: db)
        }
        let trainRows = data.rows(in: .train)
        guard !trainRows.isEmpty else { throw StoreError("'\(data.view)' has no training rows (split = 'train').") }
        let task = options.task ?? (TargetClasses.isClassification(data.targets) ? .classification : .regression)
        guard options.kind.supports(task) else {
            throw StoreError("\(options.kind.rawValue) cannot do \(task.rawValue) (the target \(options.target) is \(task == .classification ? "a class" : "a number")); choose another --model or --task.")
        }
        if options.smote && task == .regression {
            throw StoreError("--oversample smote balances classes; the target \(options.target) is a number (regression).")
        }
        var preprocessing = try Preprocessing.fit(data, rows: trainRows, impute: options.impute, encode: options.encode)
        let features = preprocessing.transform(data.values, rows: Array(data.keys.indices))
        let trainFeatures = features.rows(trainRows)
        let classes = task == .classification ? TargetClasses(data.targets) : nil
        let targets = try Self.targets(data, classes: classes)
        let trainTargets = targets.rows(trainRows)
        let recipe = FitRecipe(kind: options.kind, smote: options.smote, balancedClasses: options.balancedClasses, seed: options.seed)
        let failure = { (error: any Error) in StoreError("cannot train \(options.kind.rawValue) on '\(data.view)': \(error)") }

        var settings = options.settings
        var search: GridSearch?
        var crossValidation: CrossValidation?
        do {
            let folds = try options.folds.map { count in
                try FoldFeatures.make(data: data, trainRows: trainRows, targets: trainTargets,
                                      impute: options.impute, encode: options.encode, folds: count)
            }
            if !options.search.isEmpty {
                let grid = try GridSearch.grid(options.search, base: options.settings)
                let validationRows = data.rows(in: .validation)
                let metric = options.scoring ?? (task == .classification ? "accuracy" : "r2")
                let found = try GridSearch.run(
                    grid: grid, base: options.settings, recipe: recipe, metric: metric, features: trainFeatures, targets: trainTargets,
                    classes: classes, folds: folds,
                    validation: (features.rows(validationRows), targets.rows(validationRows)),
                    progress: Self.stage("candidates", of: options.progress))
                guard let chosen = found.chosen, chosen.mean != nil else {
                    throw FitError("no candidate has a \(metric) score; choose another --scoring (accuracy, balanced_accuracy, f1_macro, roc_auc, log_loss; rmse, mae, r2).")
                }
                settings = ModelSettings(values: options.settings.values.merging(chosen.settings) { $1 })
                crossValidation = chosen.crossValidation
                search = found
            } else if let folds {
                crossValidation = try CrossValidation.run(
                    recipe: recipe, settings: settings, folds: folds, classes: classes,
                    progress: Self.stage("folds", of: options.progress))
            }
        } catch let error as FitError {
            throw failure(error)
        }
        let fit: FitRecipe.Fit
        let fitStarted = Date()
        do {
            fit = try recipe.fit(features: trainFeatures, targets: trainTargets, settings: settings,
                                 progress: Self.stage(options.kind.progressUnit, of: options.progress))
        } catch {
            throw failure(error)
        }
        let model = fit.model
        let fitSeconds = Date().timeIntervalSince(fitStarted)
        if options.smote, let classes {
            let added = Dictionary(fit.added.map { (Predictions.label(classes.values[$0.key]), $0.value) }, uniquingKeysWith: +)
            preprocessing.oversampling = .init(method: "smote", neighbours: 5, added: added)
        }
        let predictions = Predictions(model: model, features: features, classes: classes)
        let evaluation = try Evaluation(data: data, predictions: predictions)
        let importanceRows = [TrainingData.Split.test, .validation, .train].map(data.rows(in:)).first { !$0.isEmpty } ?? trainRows
        let importance = PermutationImportance.compute(model: model, features: features.rows(importanceRows),
                                                       targets: targets.rows(importanceRows), seed: options.seed)
        let name = options.name ?? "\(data.view)_\(options.kind.rawValue)"
        var rowsPerSplit: [TrainingData.Split: Int] = [:]
        for split in data.splits { rowsPerSplit[split, default: 0] += 1 }
        let seconds = Date().timeIntervalSince(started)
        var recorded = Self.recordedSettings(options)
        recorded.merge(settings.values) { $1 }
        let stored = try ModelArrays.encode(model)
        let row = ModelRow(
            name: name, kind: options.kind, task: task, data: data, features: preprocessing.featureNames, classes: classes,
            parameters: recorded, preprocessing: try JSON.text(preprocessing), seconds: seconds, formatVersion: formatVersion,
            model: stored.json, arrays: stored.arrays)
        let record = try store.queue.write { db -> (Int64, Int) in
            let (id, version) = try row.insert(in: db)
            try predictions.write(modelID: id, data: data, in: db)
            try evaluation.write(modelID: id, classes: classes, in: db)
            try crossValidation?.write(modelID: id, data: data, trainRows: trainRows, in: db)
            try search?.write(modelID: id, in: db)
            for (feature, importance) in zip(preprocessing.featureNames, model.impurityImportances ?? []) {
                try db.execute(sql: "INSERT INTO feature_importance (model_id, feature, method, importance) VALUES (?, ?, 'impurity', ?)",
                               arguments: [id, feature, importance])
            }
            for (feature, measure) in zip(preprocessing.featureNames, importance) {
                try db.execute(sql: "INSERT INTO feature_importance (model_id, feature, method, importance, std) VALUES (?, ?, 'permutation', ?, ?)",
                               arguments: [id, feature, measure.importance, measure.std])
            }
            return (id, version)
        }
        var headlines = (task == .classification ? ["accuracy", "f1_macro", "roc_auc", "roc_auc_ovr_macro"] : ["rmse", "r2"])
            .compactMap { metric in evaluation.headline(metric).map { (split: $0.0.rawValue, metric: metric, value: $0.1) } }
        if let crossValidation {
            let metric = search?.metric ?? (task == .classification ? "accuracy" : "r2")
            if let summary = crossValidation.summary(metric) {
                headlines.append((split: "cv", metric: "\(metric) (mean of \(crossValidation.folds) folds, std \(String(format: "%.4f", summary.std)))", value: summary.mean))
            }
        }
        return TrainingReport(modelID: record.0, name: name, version: record.1, task: task, rows: rowsPerSplit, seconds: seconds, fitSeconds: fitSeconds,
                              headlines: headlines, chosen: search?.chosen?.settings)
    }

    /// `progress` for one stage of the run.
    static func stage(_ name: String, of progress: TrainingProgress?) -> FitProgress? {
        guard let progress else { return nil }
        return { done, total in progress(name, done, total) }
    }

    /// The target of every row: class indices (classification) or numbers.
    static func targets(_ data: TrainingData, classes: TargetClasses?) throws -> TrainingTargets {
        if let classes {
            return .classes(classes.indices(data.targets), count: classes.values.count)
        }
        return .values(try data.targets.enumerated().map { index, value -> Double in
            guard case .number(let number) = value else {
                throw StoreError("'\(data.view)' row \(data.keys[index]) has the non-numeric target \(value); regression needs numbers.")
            }
            return number
        })
    }

    /// The model kind used when none is given: logistic regression for a
    /// class, linear regression for a number.
    public static func defaultKind(view: String, target: String, task: TrainingTask?, in db: Database) throws -> ModelKind {
        if let task { return task == .classification ? .logisticRegression : .linearRegression }
        let schema = try TableSchema.lookup(view, in: db)
        try schema.requireColumns([target])
        let values = try DatabaseValue.fetchAll(db, sql: "SELECT DISTINCT \(SQLIdentifier.quoted(target)) FROM \(SQLIdentifier.quoted(schema.name)) LIMIT \(TargetClasses.maximumIntegerClasses + 1)")
        return TargetClasses.isClassification(values.map(TrainingData.value)) ? .logisticRegression : .linearRegression
    }

    /// The settings as given, plus what shaped the run (seed, split, class weights).
    static func recordedSettings(_ options: TrainingOptions) -> [String: String] {
        var recorded = options.settings.values
        recorded["seed"] = String(options.seed)
        if options.balancedClasses { recorded["class_weight"] = "balanced" }
        if options.smote { recorded["oversample"] = "smote" }
        if let impute = options.impute { recorded["impute"] = impute.rawValue }
        if let encode = options.encode { recorded["encode"] = encode.rawValue }
        return recorded
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// JSON text with sorted keys, as the store's JSON columns hold it.
enum JSON {
    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
