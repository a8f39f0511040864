import Foundation
import StoreCore

/// A fitted model of any kind, as stored in the `model` column of `models`:
/// JSON `{"kind": "random_forest", "task": "classification", "fitted": {…}}`
/// where `fitted` is the kind's own fitted value (coefficients, trees, …).
/// Models stored before `task` was recorded (logistic and linear
/// regression) read it from their kind.
public struct TrainedModel: Sendable {
    public enum Fitted: Sendable {
        case classifier(any Classifier)
        case regressor(any Regressor)
    }

    public let kind: ModelKind
    public let fitted: Fitted

    public init(kind: ModelKind, fitted: Fitted) {
        self.kind = kind
        self.fitted = fitted
    }

    public var task: TrainingTask {
        switch fitted {
        case .classifier: .classification
        case .regressor: .regression
        }
    }

    /// Fits a model of `kind` with `settings` (`--param`) to the training
    /// rows; `weights` are per-row sample weights (class weights), `seed`
    /// the only source of randomness, `progress` told of trees or stages.
    public static func fit(
        _ kind: ModelKind, settings: ModelSettings, features: Matrix, targets: TrainingTargets,
        weights: [Double]?, seed: UInt64, progress: FitProgress? = nil
    ) throws(FitError) -> TrainedModel {
        let task: TrainingTask = switch targets {
        case .classes: .classification
        case .values: .regression
        }
        guard kind.supports(task) else {
            throw task == .classification
                ? FitError("\(kind.rawValue) is a regression model; the target is a class. Use --task regression if the target is really a number, or another model.")
                : FitError("\(kind.rawValue) is a classifier; the target is a number. Use --task classification if the target is really a class, or another model.")
        }
        switch (kind, targets) {
        case (.logisticRegression, .classes(let classes, let count)):
            let parameters = try settings.logisticRegression()
            return TrainedModel(kind: kind, fitted: .classifier(try LogisticRegression.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: parameters)))
        case (.linearRegression, .values(let values)):
            let parameters = try settings.linearRegression()
            return TrainedModel(kind: kind, fitted: .regressor(try LinearRegression.fit(
                features: features, targets: values, weights: weights, parameters: parameters)))
        case (.decisionTree, .classes(let classes, let count)):
            let parameters = try settings.decisionTree(task: task)
            var random = SeededRandom(seed: seed)
            return TrainedModel(kind: kind, fitted: .classifier(try DecisionTreeClassifier.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: parameters, random: &random)))
        case (.decisionTree, .values(let values)):
            let parameters = try settings.decisionTree(task: task)
            var random = SeededRandom(seed: seed)
            return TrainedModel(kind: kind, fitted: .regressor(try DecisionTreeRegressor.fit(
                features: features, targets: values, weights: weights, parameters: parameters, random: &random)))
        case (.randomForest, .classes(let classes, let count)):
            let parameters = try settings.randomForest(task: task, seed: seed)
            return TrainedModel(kind: kind, fitted: .classifier(try RandomForestClassifier.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: parameters,
                progress: counting(progress, of: parameters.nEstimators))))
        case (.randomForest, .values(let values)):
            let parameters = try settings.randomForest(task: task, seed: seed)
            return TrainedModel(kind: kind, fitted: .regressor(try RandomForestRegressor.fit(
                features: features, targets: values, weights: weights, parameters: parameters,
                progress: counting(progress, of: parameters.nEstimators))))
        case (.gradientBoosting, .classes(let classes, let count)):
            let parameters = try settings.gradientBoosting(seed: seed)
            return TrainedModel(kind: kind, fitted: .classifier(try GradientBoostingClassifier.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: parameters,
                progress: counting(progress, of: parameters.nEstimators))))
        case (.gradientBoosting, .values(let values)):
            let parameters = try settings.gradientBoosting(seed: seed)
            return TrainedModel(kind: kind, fitted: .regressor(try GradientBoostingRegressor.fit(
                features: features, targets: values, weights: weights, parameters: parameters,
                progress: counting(progress, of: parameters.nEstimators))))
        case (.knn, .classes(let classes, let count)):
            return TrainedModel(kind: kind, fitted: .classifier(try KNearestNeighborsClassifier.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: try settings.knn())))
        case (.knn, .values(let values)):
            return TrainedModel(kind: kind, fitted: .regressor(try KNearestNeighborsRegressor.fit(
                features: features, targets: values, weights: weights, parameters: try settings.knn())))
        case (.naiveBayes, .classes(let classes, let count)):
            return TrainedModel(kind: kind, fitted: .classifier(try GaussianNaiveBayes.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: try settings.naiveBayes())))
        case (.svm, .classes(let classes, let count)):
            return TrainedModel(kind: kind, fitted: .classifier(try SupportVectorClassifier.fit(
                features: features, classes: classes, classCount: count, weights: weights, parameters: try settings.svm(seed: seed))))
        case (.stacking, .classes(let classes, let count)):
            return TrainedModel(kind: kind, fitted: .classifier(try Stacking.fit(
                settings: settings, features: features, classes: classes, classCount: count, weights: weights,
                seed: seed, progress: progress)))
        default:
            throw FitError("\(kind.rawValue) cannot do \(task.rawValue).")
        }
    }

    /// `progress` as a count of `total`.
    private static func counting(_ progress: FitProgress?, of total: Int) -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { done in progress(done, total) }
    }

    /// Class probabilities (classification models), one row per row.
    public func probabilities(_ features: Matrix) -> Matrix? {
        guard case .classifier(let model) = fitted else { return nil }
        return model.probabilities(features)
    }

    /// Predicted numbers (regression models).
    public func values(_ features: Matrix) -> [Double]? {
        guard case .regressor(let model) = fitted else { return nil }
        return model.predict(features)
    }

    /// The impurity-based importance of each feature (trees and ensembles
    /// of trees), nil for other kinds.
    public var impurityImportances: [Double]? {
        switch fitted {
        case .classifier(let model): (model as? any ImpurityImportances)?.featureImportances
        case .regressor(let model): (model as? any ImpurityImportances)?.featureImportances
        }
    }
}

/// The targets of the training rows: class indices or numbers.
public enum TrainingTargets: Sendable {
    case classes([Int], count: Int)
    case values([Double])

    /// The targets of `rows` (positions into these targets).
    public func rows(_ rows: [Int]) -> TrainingTargets {
        switch self {
        case .classes(let classes, let count): .classes(rows.map { classes[$0] }, count: count)
        case .values(let values): .values(rows.map { values[$0] })
        }
    }

    public var count: Int {
        switch self {
        case .classes(let classes, _): classes.count
        case .values(let values): values.count
        }
    }
}

extension TrainedModel: Codable {
    private enum Keys: String, CodingKey {
        case kind, task, fitted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decode(ModelKind.self, forKey: .kind)
        let task = try container.decodeIfPresent(TrainingTask.self, forKey: .task)
            ?? (kind.supports(.classification) ? .classification : .regression)
        func classifier<Model: Classifier>(_ type: Model.Type) throws -> Fitted {
            .classifier(try container.decode(type, forKey: .fitted))
        }
        func regressor<Model: Regressor>(_ type: Model.Type) throws -> Fitted {
            .regressor(try container.decode(type, forKey: .fitted))
        }
        let fitted: Fitted = switch (kind, task) {
        case (.logisticRegression, .classification): try classifier(LogisticRegression.self)
        case (.linearRegression, .regression): try regressor(LinearRegression.self)
        case (.decisionTree, .classification): try classifier(DecisionTreeClassifier.self)
        case (.decisionTree, .regression): try regressor(DecisionTreeRegressor.self)
        case (.randomForest, .classification): try classifier(RandomForestClassifier.self)
        case (.randomForest, .regression): try regressor(RandomForestRegressor.self)
        case (.gradientBoosting, .classification): try classifier(GradientBoostingClassifier.self)
        case (.gradientBoosting, .regression): try regressor(GradientBoostingRegressor.self)
        case (.knn, .classification): try classifier(KNearestNeighborsClassifier.self)
        case (.knn, .regression): try regressor(KNearestNeighborsRegressor.self)
        case (.naiveBayes, .classification): try classifier(GaussianNaiveBayes.self)
        case (.svm, .classification): try classifier(SupportVectorClassifier.self)
        case (.stacking, .classification): try classifier(Stacking.self)
        default:
            throw DecodingError.dataCorruptedError(forKey: .task, in: container, debugDescription: "\(kind.rawValue) cannot do \(task.rawValue)")
        }
        self.init(kind: kind, fitted: fitted)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(task, forKey: .task)
        switch fitted {
        case .classifier(let model): try container.encode(model, forKey: .fitted)
        case .regressor(let model): try container.encode(model, forKey: .fitted)
        }
    }
}

/// Models whose fit measures each feature's total impurity decrease
/// (scikit-learn's `feature_importances_` of trees and their ensembles).
public protocol ImpurityImportances {
    /// One value per feature, summing to 1 (all 0 when nothing was split).
    var featureImportances: [Double] { get }
}

extension DecisionTreeClassifier: ImpurityImportances {}
extension DecisionTreeRegressor: ImpurityImportances {}
extension RandomForestClassifier: ImpurityImportances {}
extension RandomForestRegressor: ImpurityImportances {}
extension GradientBoostingClassifier: ImpurityImportances {}
extension GradientBoostingRegressor: ImpurityImportances {}
