import StoreCore
import Synchronization

/// A stacked classifier, as scikit-learn's `StackingClassifier(estimators,
/// final_estimator=LogisticRegression(), cv=5, stack_method="auto",
/// passthrough=False)`: base models whose class probabilities feed a
/// logistic regression.
///
/// (1) The bases are a random forest plus the kinds listed in the `base`
///     setting (`--base knn,naive_bayes`); each is fitted with its own
///     settings, given as `kind.key=value` (`random_forest.n_estimators=300`).
///     Plain keys (`C`, `max_iter`, `tol`, `fit_intercept`) set the final
///     logistic regression; `cv` sets the number of folds (5).
/// (2) The final model learns from out-of-fold probabilities: the training
///     rows are cut into `Folds.stratified` (as scikit-learn's, without
///     shuffling), each base is fitted on all folds but one and predicts
///     that one. The bases kept are then fitted on every training row.
/// (3) For two classes only the positive class's probability of each base
///     is used (scikit-learn drops the first column); for more, all of them.
/// (4) Sample weights (class weights) reach every base and the final model.
public struct Stacking: Classifier {
    public let classCount: Int
    public let bases: [TrainedModel]
    public let final: LogisticRegression

    /// The kinds a stack can use as bases: any classifier but a stack.
    static func baseKinds(_ settings: ModelSettings) throws(FitError) -> [ModelKind] {
        var kinds: [ModelKind] = [.randomForest]
        for name in (settings.text("base") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let kind = ModelKind(rawValue: name), kind != .stacking, !kind.isNetwork, kind.supports(.classification) else {
                let known = ModelKind.allCases.filter { $0 != .stacking && !$0.isNetwork && $0.supports(.classification) }.map(\.rawValue)
                throw FitError("--base takes classifiers (\(known.joined(separator: ", "))), not '\(name)'.")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }

    static func fit(
        settings: ModelSettings, features: Matrix, classes: [Int], classCount: Int, weights: [Double]?,
        seed: UInt64, progress: FitProgress?
    ) throws(FitError) -> Stacking {
        let kinds = try baseKinds(settings)
        for key in settings.values.keys.sorted() where key.contains(".") {
            let prefix = String(key.prefix { $0 != "." })
            guard kinds.contains(where: { $0.rawValue == prefix }) else {
                throw FitError("--param \(key) is for \(prefix), which is not a base of this stack (its bases are \(kinds.map(\.rawValue).joined(separator: ", "))).")
            }
        }
        let baseSettings = kinds.map { kind in settings.prefixed(kind.rawValue) }
        let finalSettings = settings.unprefixed(excluding: ["base", "cv"])
        let finalParameters = try finalSettings.logisticRegression()
        let folds = try settings.integer("cv") ?? 5
        let assignment = try Folds.stratified(classes, folds: folds)
        let parts = Folds.parts(assignment, folds: folds)
        let columnsPerBase = classCount == 2 ? 1 : classCount
        var stacked = Matrix(rows: features.rows, columns: columnsPerBase * kinds.count)
        var bases: [TrainedModel] = []
        let steps = kinds.count * (folds + 1)
        var done = 0
        for (index, kind) in kinds.enumerated() {
            for part in parts {
                let model = try TrainedModel.fit(
                    kind, settings: baseSettings[index], features: features.rows(part.train),
                    targets: .classes(part.train.map { classes[$0] }, count: classCount),
                    weights: weights.map { weights in part.train.map { weights[$0] } }, seed: seed)
                let probabilities = model.probabilities(features.rows(part.test)) ?? Matrix(rows: part.test.count, columns: classCount)
                for (row, source) in part.test.enumerated() {
                    for column in 0..<columnsPerBase {
                        stacked[source, index * columnsPerBase + column] = probabilities[row, classCount == 2 ? 1 : column]
                    }
                }
                done += 1
                progress?(done, steps)
            }
            bases.append(try TrainedModel.fit(
                kind, settings: baseSettings[index], features: features, targets: .classes(classes, count: classCount),
                weights: weights, seed: seed))
            done += 1
            progress?(done, steps)
        }
        let final = try LogisticRegression.fit(features: stacked, classes: classes, classCount: classCount, weights: weights, parameters: finalParameters)
        return Stacking(classCount: classCount, bases: bases, final: final)
    }

    /// The final model's probabilities from the bases' probabilities of `features`.
    public func probabilities(_ features: Matrix) -> Matrix {
        final.probabilities(stackedFeatures(features))
    }

    /// What the final model reads: each base's probabilities, side by side
    /// (the positive class's only, for two classes).
    public func stackedFeatures(_ features: Matrix) -> Matrix {
        let columnsPerBase = classCount == 2 ? 1 : classCount
        var stacked = Matrix(rows: features.rows, columns: columnsPerBase * bases.count)
        for (index, base) in bases.enumerated() {
            guard let probabilities = base.probabilities(features) else { continue }
            for row in 0..<features.rows {
                for column in 0..<columnsPerBase {
                    stacked[row, index * columnsPerBase + column] = probabilities[row, classCount == 2 ? 1 : column]
                }
            }
        }
        return stacked
    }

    private enum Keys: String, CodingKey {
        case classCount, bases, final
    }

    /// Decodes a stack and checks that its parts fit together.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        let bases = try container.decode([TrainedModel].self, forKey: .bases)
        let final = try container.decode(LogisticRegression.self, forKey: .final)
        guard !bases.isEmpty, bases.allSatisfy({ $0.task == .classification }), final.classCount == classCount else {
            throw DecodingError.dataCorruptedError(forKey: .bases, in: container, debugDescription: "not a stack: it needs classifier bases and a final model of \(classCount) classes")
        }
        self.init(classCount: classCount, bases: bases, final: final)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(classCount, forKey: .classCount)
        try container.encode(bases, forKey: .bases)
        try container.encode(final, forKey: .final)
    }

    init(classCount: Int, bases: [TrainedModel], final: LogisticRegression) {
        self.classCount = classCount
        self.bases = bases
        self.final = final
    }
}

extension ModelSettings {
    /// The settings `prefix.key=value`, as `key=value`.
    func prefixed(_ prefix: String) -> ModelSettings {
        var found: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(prefix + ".") {
            found[String(key.dropFirst(prefix.count + 1))] = value
        }
        return ModelSettings(values: found)
    }

    /// The settings without a `prefix.` and not in `excluding`.
    func unprefixed(excluding: [String]) -> ModelSettings {
        ModelSettings(values: values.filter { !$0.key.contains(".") && !excluding.contains($0.key) })
    }
}
