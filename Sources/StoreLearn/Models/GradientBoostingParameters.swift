/// The settings of gradient boosting, as scikit-learn's
/// `GradientBoostingClassifier` and `GradientBoostingRegressor` name them;
/// the defaults are scikit-learn's (1.9), and `seed` stands for `random_state`.
///
/// ```swift
/// var parameters = GradientBoostingParameters()
/// parameters.nEstimators = 300
/// parameters.learningRate = 0.05
/// parameters.subsample = 0.8
/// parameters.seed = 42
/// ```
///
/// (1) `nEstimators` is the number of boosting stages: one tree per stage
///     for regression and two classes, one tree per class per stage for
///     more classes.
/// (2) `learningRate` scales every tree's contribution; 0 is allowed, as in
///     scikit-learn, and leaves the model at its initial guess.
/// (3) `subsample` below 1 fits each stage's trees on
///     `max(1, ⌊subsample × rows⌋)` rows drawn without replacement, the
///     others weighing 0 in that stage (scikit-learn's stochastic gradient
///     boosting).
/// (4) `maxFeatures` nil is every feature (scikit-learn's `None`).
/// (5) `maxDepth`, `minSamplesSplit`, `minSamplesLeaf`, `maxFeatures` and
///     `minImpurityDecrease` go to every tree, as `DecisionTreeParameters`.
public struct GradientBoostingParameters: Sendable, Equatable, Codable {
    public var nEstimators: Int = 100
    public var learningRate: Double = 0.1
    /// nil: no limit.
    public var maxDepth: Int? = 3
    public var minSamplesSplit: Int = 2
    public var minSamplesLeaf: Int = 1
    public var subsample: Double = 1.0
    /// nil: every feature.
    public var maxFeatures: DecisionTreeParameters.MaxFeatures? = nil
    public var minImpurityDecrease: Double = 0
    public var seed: UInt64 = 0

    public init(
        nEstimators: Int = 100,
        learningRate: Double = 0.1,
        maxDepth: Int? = 3,
        minSamplesSplit: Int = 2,
        minSamplesLeaf: Int = 1,
        subsample: Double = 1.0,
        maxFeatures: DecisionTreeParameters.MaxFeatures? = nil,
        minImpurityDecrease: Double = 0,
        seed: UInt64 = 0
    ) {
        self.nEstimators = nEstimators
        self.learningRate = learningRate
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.subsample = subsample
        self.maxFeatures = maxFeatures
        self.minImpurityDecrease = minImpurityDecrease
        self.seed = seed
    }

    /// The settings checked, and the limits of every tree for `featureCount` features.
    func resolved(featureCount: Int) throws(FitError) -> TreeGrowthLimits {
        guard nEstimators >= 1 else {
            throw FitError("nEstimators must be at least 1; it is \(nEstimators).")
        }
        guard learningRate >= 0, learningRate.isFinite else {
            throw FitError("learningRate must be a number of at least 0; it is \(learningRate).")
        }
        guard subsample > 0, subsample <= 1 else {
            throw FitError("subsample must be greater than 0 and at most 1; it is \(subsample).")
        }
        let tree = DecisionTreeParameters(
            maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
            maxFeatures: maxFeatures ?? .all, minImpurityDecrease: minImpurityDecrease)
        return try tree.resolved(featureCount: featureCount)
    }
}
