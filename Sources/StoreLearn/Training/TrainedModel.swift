/// The kinds of model `store train --model` knows, by their command-line names.
public enum ModelKind: String, Codable, Sendable, CaseIterable {
    case logisticRegression = "logistic_regression"
    case linearRegression = "linear_regression"

    /// Whether the kind predicts classes, numbers, or either.
    public func supports(_ task: TrainingTask) -> Bool {
        switch self {
        case .logisticRegression: task == .classification
        case .linearRegression: task == .regression
        }
    }
}

/// What a model predicts.
public enum TrainingTask: String, Codable, Sendable, CaseIterable {
    case classification, regression
}

/// A fitted model of any kind, as stored in the `model` column of `models`:
/// JSON `{"kind": "logistic_regression", "fitted": {…}}` where `fitted` is
/// the kind's own fitted value (coefficients, trees, …).
public enum TrainedModel: Sendable, Equatable {
    case logisticRegression(LogisticRegression)
    case linearRegression(LinearRegression)

    public var kind: ModelKind {
        switch self {
        case .logisticRegression: .logisticRegression
        case .linearRegression: .linearRegression
        }
    }

    /// Fits a model of `kind` with `settings` (`--param`) to the training
    /// rows; `weights` are per-row sample weights (class weights), `seed`
    /// the only source of randomness.
    public static func fit(
        _ kind: ModelKind, settings: ModelSettings, features: Matrix, targets: TrainingTargets,
        weights: [Double]?, seed: UInt64
    ) throws(FitError) -> TrainedModel {
        switch (kind, targets) {
        case (.logisticRegression, .classes(let classes, let count)):
            try settings.allow(["C", "max_iter", "tol", "fit_intercept"], for: kind.rawValue)
            var parameters = LogisticRegressionParameters()
            parameters.c = try settings.double("C") ?? parameters.c
            parameters.maximumIterations = try settings.integer("max_iter") ?? parameters.maximumIterations
            parameters.tolerance = try settings.double("tol") ?? parameters.tolerance
            parameters.fitIntercept = try settings.bool("fit_intercept") ?? parameters.fitIntercept
            return .logisticRegression(try LogisticRegression.fit(features: features, classes: classes, classCount: count, weights: weights, parameters: parameters))
        case (.linearRegression, .values(let values)):
            try settings.allow(["alpha", "fit_intercept"], for: kind.rawValue)
            var parameters = LinearRegressionParameters()
            parameters.alpha = try settings.double("alpha") ?? parameters.alpha
            parameters.fitIntercept = try settings.bool("fit_intercept") ?? parameters.fitIntercept
            return .linearRegression(try LinearRegression.fit(features: features, targets: values, weights: weights, parameters: parameters))
        case (_, .classes):
            throw FitError("\(kind.rawValue) is a regression model; the target is a class. Use --task regression if the target is really a number, or another model.")
        case (_, .values):
            throw FitError("\(kind.rawValue) is a classifier; the target is a number. Use --task classification if the target is really a class, or another model.")
        }
    }

    /// Class probabilities (classification models), one row per row.
    public func probabilities(_ features: Matrix) -> Matrix? {
        switch self {
        case .logisticRegression(let model): model.probabilities(features)
        case .linearRegression: nil
        }
    }

    /// Predicted numbers (regression models).
    public func values(_ features: Matrix) -> [Double]? {
        switch self {
        case .logisticRegression: nil
        case .linearRegression(let model): model.predict(features)
        }
    }
}

/// The targets of the training rows: class indices or numbers.
public enum TrainingTargets: Sendable {
    case classes([Int], count: Int)
    case values([Double])
}

extension TrainedModel: Codable {
    private enum Keys: String, CodingKey {
        case kind, fitted
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        switch try container.decode(ModelKind.self, forKey: .kind) {
        case .logisticRegression: self = .logisticRegression(try container.decode(LogisticRegression.self, forKey: .fitted))
        case .linearRegression: self = .linearRegression(try container.decode(LinearRegression.self, forKey: .fitted))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .logisticRegression(let model): try container.encode(model, forKey: .fitted)
        case .linearRegression(let model): try container.encode(model, forKey: .fitted)
        }
    }
}
