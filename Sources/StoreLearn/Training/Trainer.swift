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
    public let seconds: Double
    /// The main measures on the test rows (else validation, else train).
    public let headlines: [(split: TrainingData.Split, metric: String, value: Double)]
}

/// Trains a model on a view and writes the model and its predictions (and
/// their measures) as tables, in one transaction: a run that fails writes
/// nothing.
public enum Trainer {
    /// The version of the JSON in `models.model`.
    public static let formatVersion = 1

    public static func train(_ options: TrainingOptions, in store: StoreFile) throws -> TrainingReport {
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
        let allRows = Array(data.keys.indices)
        let features = preprocessing.transform(data.values, rows: allRows)
        var trainFeatures = features.rows(trainRows)
        var classes: TargetClasses?
        let targets: TrainingTargets
        /// The targets of every row, for the importance on held-out rows.
        let allTargets: (_ rows: [Int]) -> TrainingTargets
        var weights: [Double]?
        switch task {
        case .classification:
            let found = TargetClasses(data.targets)
            classes = found
            let indices = found.indices(data.targets)
            var trainClasses = trainRows.map { indices[$0] }
            if options.smote {
                var random = SeededRandom(seed: options.seed)
                let synthetic: (features: Matrix, classes: [Int])
                do {
                    synthetic = try SMOTE.synthesize(features: trainFeatures, classes: trainClasses, classCount: found.values.count, random: &random)
                } catch {
                    throw StoreError("cannot oversample '\(data.view)': \(error)")
                }
                trainFeatures = trainFeatures.appending(synthetic.features)
                trainClasses += synthetic.classes
                let added = Dictionary(synthetic.classes.map { (Predictions.label(found.values[$0]), 1) }, uniquingKeysWith: +)
                preprocessing.oversampling = .init(method: "smote", neighbours: 5, added: added)
            }
            targets = .classes(trainClasses, count: found.values.count)
            allTargets = { rows in .classes(rows.map { indices[$0] }, count: found.values.count) }
            if options.balancedClasses {
                weights = Self.balancedWeights(trainClasses, classCount: found.values.count)
            }
        case .regression:
            let values = try data.targets.enumerated().map { index, value -> Double in
                guard case .number(let number) = value else {
                    throw StoreError("'\(data.view)' row \(data.keys[index]) has the non-numeric target \(value); regression needs numbers.")
                }
                return number
            }
            targets = .values(trainRows.map { values[$0] })
            allTargets = { rows in .values(rows.map { values[$0] }) }
        }
        let model: TrainedModel
        do {
            model = try TrainedModel.fit(options.kind, settings: options.settings, features: trainFeatures,
                                         targets: targets, weights: weights, seed: options.seed)
        } catch {
            throw StoreError("cannot train \(options.kind.rawValue) on '\(data.view)': \(error)")
        }
        let predictions = Predictions(model: model, features: features, classes: classes)
        let evaluation = try Evaluation(data: data, predictions: predictions)
        let importanceRows = [TrainingData.Split.test, .validation, .train].map(data.rows(in:)).first { !$0.isEmpty } ?? trainRows
        let importance = PermutationImportance.compute(model: model, features: features.rows(importanceRows),
                                                       targets: allTargets(importanceRows), seed: options.seed)
        let name = options.name ?? "\(data.view)_\(options.kind.rawValue)"
        var rowsPerSplit: [TrainingData.Split: Int] = [:]
        for split in data.splits { rowsPerSplit[split, default: 0] += 1 }
        let seconds = Date().timeIntervalSince(started)
        let record = try store.queue.write { db -> (Int64, Int) in
            let version = (try Int.fetchOne(db, sql: "SELECT max(version) FROM models WHERE name = ?", arguments: [name]) ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO models (name, version, kind, task, view, target, key_column, features, classes, parameters,
                                    preprocessing, rows_train, rows_validation, rows_test, seconds, created_at,
                                    tool_version, format_version, model)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    name, version, options.kind.rawValue, task.rawValue, data.view, options.target, data.keyColumn,
                    try JSON.text(preprocessing.featureNames), try classes.map { try JSON.text($0.values) },
                    try JSON.text(Self.recordedSettings(options)), try JSON.text(preprocessing),
                    rowsPerSplit[.train] ?? 0, rowsPerSplit[.validation] ?? 0, rowsPerSplit[.test] ?? 0,
                    seconds, Self.timestamp(Date()), StoreVersion.current, formatVersion, try JSON.text(model),
                ])
            let id = db.lastInsertedRowID
            try predictions.write(modelID: id, data: data, in: db)
            try evaluation.write(modelID: id, classes: classes, in: db)
            for (feature, measure) in zip(preprocessing.featureNames, importance) {
                try db.execute(sql: "INSERT INTO feature_importance (model_id, feature, method, importance, std) VALUES (?, ?, 'permutation', ?, ?)",
                               arguments: [id, feature, measure.importance, measure.std])
            }
            return (id, version)
        }
        let headlines = (task == .classification ? ["accuracy", "f1_macro", "roc_auc", "roc_auc_ovr_macro"] : ["rmse", "r2"])
            .compactMap { metric in evaluation.headline(metric).map { (split: $0.0, metric: metric, value: $0.1) } }
        return TrainingReport(modelID: record.0, name: name, version: record.1, task: task, rows: rowsPerSplit, seconds: seconds, headlines: headlines)
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

    /// scikit-learn's `compute_class_weight("balanced")`, as sample weights.
    static func balancedWeights(_ classes: [Int], classCount: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in classes { counts[label] += 1 }
        let present = counts.filter { $0 > 0 }.count
        return classes.map { Double(classes.count) / (Double(present) * Double(counts[$0])) }
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
