/// The settings of a CART decision tree, as scikit-learn's
/// `DecisionTreeClassifier` and `DecisionTreeRegressor` name them; the
/// defaults are scikit-learn's.
///
/// ```swift
/// var parameters = DecisionTreeParameters()
/// parameters.maxDepth = 4
/// parameters.criterion = .entropy
/// ```
///
/// (1) `maxDepth` nil grows until every leaf is pure or too small to split
///     (scikit-learn's `max_depth=None`); the root has depth 0.
/// (2) `minSamplesSplit` and `minSamplesLeaf` count rows, not weights: a row
///     drawn three times by a bootstrap is one row (as scikit-learn, whose
///     forests pass bootstrap counts as sample weights).
/// (3) `maxFeatures` is how many features a node draws at random before it
///     picks the best split among them; the search goes on past that number
///     until it has met one feature that is not constant in the node.
/// (4) A split is made only when its weighted impurity decrease
///     `N_t / N * (impurity - N_t_R / N_t * right_impurity - N_t_L / N_t * left_impurity)`
///     is at least `minImpurityDecrease`.
/// (5) `criterion` is for classification trees; regression trees always use
///     squared error (scikit-learn's default `"squared_error"`).
public struct DecisionTreeParameters: Sendable, Equatable, Codable {
    /// How the impurity of a node is measured when classifying.
    public enum Criterion: String, Sendable, Equatable, Codable, CaseIterable {
        /// 1 − Σ p², scikit-learn's `"gini"`.
        case gini
        /// −Σ p log₂ p, scikit-learn's `"entropy"` (also called `"log_loss"` there).
        case entropy
    }

    /// How many features a node considers, as scikit-learn's `max_features`.
    public enum MaxFeatures: Sendable, Equatable, Codable {
        /// Every feature (`max_features=None`).
        case all
        /// `max(1, ⌊√features⌋)` (`"sqrt"`).
        case sqrt
        /// `max(1, ⌊log₂ features⌋)` (`"log2"`).
        case log2
        /// `max(1, ⌊fraction × features⌋)`, for a fraction in (0, 1] (a float `max_features`).
        case fraction(Double)
        /// Exactly this many, between 1 and the number of features (an int `max_features`).
        case count(Int)

        /// The number of features a node draws when there are `featureCount` of them.
        func resolved(featureCount: Int) throws(FitError) -> Int {
            switch self {
            case .all:
                return featureCount
            case .sqrt:
                return max(1, Int(Double(featureCount).squareRoot()))
            case .log2:
                // ⌊log₂ n⌋ from the bit width, exact where a floating log2 might round.
                return max(1, Int.bitWidth - 1 - featureCount.leadingZeroBitCount)
            case .fraction(let fraction):
                guard fraction > 0, fraction <= 1 else {
                    throw FitError("maxFeatures as a fraction must be greater than 0 and at most 1; it is \(fraction).")
                }
                return max(1, Int(fraction * Double(featureCount)))
            case .count(let count):
                guard count >= 1, count <= featureCount else {
                    throw FitError("maxFeatures must be between 1 and the number of features (\(featureCount)); it is \(count).")
                }
                return count
            }
        }
    }

    public var criterion: Criterion = .gini
    /// nil: no limit.
    public var maxDepth: Int? = nil
    public var minSamplesSplit: Int = 2
    public var minSamplesLeaf: Int = 1
    public var maxFeatures: MaxFeatures = .all
    public var minImpurityDecrease: Double = 0

    public init(
        criterion: Criterion = .gini,
        maxDepth: Int? = nil,
        minSamplesSplit: Int = 2,
        minSamplesLeaf: Int = 1,
        maxFeatures: MaxFeatures = .all,
        minImpurityDecrease: Double = 0
    ) {
        self.criterion = criterion
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
        self.minImpurityDecrease = minImpurityDecrease
    }

    /// The settings checked and turned into the numbers the grower uses, for
    /// `featureCount` features.
    func resolved(featureCount: Int) throws(FitError) -> TreeGrowthLimits {
        if let maxDepth, maxDepth < 1 {
            throw FitError("maxDepth must be at least 1, or nil for no limit; it is \(maxDepth).")
        }
        guard minSamplesSplit >= 2 else {
            throw FitError("minSamplesSplit must be at least 2; it is \(minSamplesSplit).")
        }
        guard minSamplesLeaf >= 1 else {
            throw FitError("minSamplesLeaf must be at least 1; it is \(minSamplesLeaf).")
        }
        guard minImpurityDecrease >= 0, minImpurityDecrease.isFinite else {
            throw FitError("minImpurityDecrease must be a number of at least 0; it is \(minImpurityDecrease).")
        }
        return TreeGrowthLimits(
            maxDepth: maxDepth ?? Int.max,
            minSamplesSplit: max(minSamplesSplit, 2 * minSamplesLeaf),
            minSamplesLeaf: minSamplesLeaf,
            maxFeatures: try maxFeatures.resolved(featureCount: featureCount),
            minImpurityDecrease: minImpurityDecrease)
    }
}

/// `DecisionTreeParameters` checked and resolved for one feature count.
struct TreeGrowthLimits: Sendable {
    let maxDepth: Int
    let minSamplesSplit: Int
    let minSamplesLeaf: Int
    let maxFeatures: Int
    let minImpurityDecrease: Double
}
