import StoreCore

/// A fitted gradient boosting regressor with squared error: scikit-learn's
/// `GradientBoostingRegressor` (sklearn/ensemble/_gb.py, 1.9, `loss="squared_error"`).
///
/// ```swift
/// let model = try GradientBoostingRegressor.fit(
///     features: features, targets: prices, parameters: GradientBoostingParameters(seed: 7))
/// model.predict(rows)   // mean + 0.1 × Σ tree values
/// ```
///
/// (1) Scores start from the weighted mean target (scikit-learn's
///     `DummyRegressor(strategy="mean")`).
/// (2) Each stage fits one tree to the residuals y − score; its leaves keep
///     the weighted mean residual of the stage's rows in them, which is
///     already the best step for squared error.
/// (3) Weights, `progress` and failures as for `GradientBoostingClassifier`,
///     and targets must be finite numbers.
public struct GradientBoostingRegressor: Regressor, Equatable {
    public let featureCount: Int
    public let learningRate: Double
    /// The prediction every row starts from.
    public let initialScore: Double
    /// The trees, one per stage; leaves hold their values before the learning rate.
    public let trees: [DecisionTree]

    public var stageCount: Int { trees.count }

    /// See `GradientBoosting.featureImportances`.
    public var featureImportances: [Double] { GradientBoosting.featureImportances(trees, featureCount: featureCount) }

    public static func fit(
        features: Matrix, targets: [Double], weights: [Double]? = nil,
        parameters: GradientBoostingParameters = GradientBoostingParameters(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(FitError) -> GradientBoostingRegressor {
        try TreeInput.check(features: features)
        try TreeInput.check(targets: targets, rows: features.rows)
        let weights = try TreeInput.weights(weights, rows: features.rows)
        let limits = try parameters.resolved(featureCount: features.columns)
        var weightedSum = 0.0
        var totalWeight = 0.0
        for (target, weight) in zip(targets, weights) {
            weightedSum += target * weight
            totalWeight += weight
        }
        let initialScore = weightedSum / totalWeight
        let trees = GradientBoosting.fitStages(
            features: features, loss: .squaredError(targets: targets), weights: weights, initialScores: [initialScore],
            parameters: parameters, limits: limits, progress: progress)
        return GradientBoostingRegressor(
            featureCount: features.columns, learningRate: parameters.learningRate, initialScore: initialScore, trees: trees)
    }

    public func predict(_ features: Matrix) -> [Double] {
        GradientBoosting.rawScores(features, trees: trees, treesPerStage: 1, initialScores: [initialScore], learningRate: learningRate)
    }

    init(featureCount: Int, learningRate: Double, initialScore: Double, trees: [DecisionTree]) {
        self.featureCount = featureCount
        self.learningRate = learningRate
        self.initialScore = initialScore
        self.trees = trees
    }

    private enum CodingKeys: String, CodingKey {
        case featureCount, learningRate, initialScore, trees
    }

    /// Decodes a model and checks that its parts fit together.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            featureCount: try container.decode(Int.self, forKey: .featureCount),
            learningRate: try container.decode(Double.self, forKey: .learningRate),
            initialScore: try container.decode(Double.self, forKey: .initialScore),
            trees: try container.decode([DecisionTree].self, forKey: .trees))
        try GradientBoosting.check(
            trees: trees, treesPerStage: 1, initialScores: [initialScore],
            featureCount: featureCount, learningRate: learningRate, decoder: decoder)
    }
}
