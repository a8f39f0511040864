import StoreCore
import Synchronization

/// The settings of a random forest, as scikit-learn's
/// `RandomForestClassifier` and `RandomForestRegressor` name them; the
/// defaults are scikit-learn's (1.9), and `seed` stands for `random_state`.
///
/// ```swift
/// var parameters = RandomForestParameters()
/// parameters.nEstimators = 300
/// parameters.minSamplesLeaf = 5
/// parameters.seed = 42
/// ```
///
/// (1) `maxFeatures` nil is scikit-learn's default: `.sqrt` for
///     classification, `.all` (`1.0`) for regression.
/// (2) With `bootstrap`, each tree sees `rows` draws with replacement, passed
///     to the tree as weights (how many times each row was drawn); rows never
///     drawn take no part. Given sample weights, draws are made in proportion
///     to them and the counts alone weigh the rows (scikit-learn ≥ 1.8).
///     Without `bootstrap`, every tree sees every row with its weight.
/// (3) The rest are `DecisionTreeParameters`, passed to every tree.
public struct RandomForestParameters: Sendable, Equatable, Codable {
    public var nEstimators: Int = 100
    public var criterion: DecisionTreeParameters.Criterion = .gini
    /// nil: `.sqrt` for classification, `.all` for regression.
    public var maxFeatures: DecisionTreeParameters.MaxFeatures? = nil
    public var bootstrap: Bool = true
    public var maxDepth: Int? = nil
    public var minSamplesSplit: Int = 2
    public var minSamplesLeaf: Int = 1
    public var minImpurityDecrease: Double = 0
    public var seed: UInt64 = 0

    public init(
        nEstimators: Int = 100,
        criterion: DecisionTreeParameters.Criterion = .gini,
        maxFeatures: DecisionTreeParameters.MaxFeatures? = nil,
        bootstrap: Bool = true,
        maxDepth: Int? = nil,
        minSamplesSplit: Int = 2,
        minSamplesLeaf: Int = 1,
        minImpurityDecrease: Double = 0,
        seed: UInt64 = 0
    ) {
        self.nEstimators = nEstimators
        self.criterion = criterion
        self.maxFeatures = maxFeatures
        self.bootstrap = bootstrap
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.minImpurityDecrease = minImpurityDecrease
        self.seed = seed
    }

    /// The parameters of each tree, `maxFeatures` defaulting to `defaultMaxFeatures`.
    func treeParameters(defaultMaxFeatures: DecisionTreeParameters.MaxFeatures) throws(FitError) -> DecisionTreeParameters {
        guard nEstimators >= 1 else {
            throw FitError("nEstimators must be at least 1; it is \(nEstimators).")
        }
        return DecisionTreeParameters(
            criterion: criterion, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
            maxFeatures: maxFeatures ?? defaultMaxFeatures, minImpurityDecrease: minImpurityDecrease)
    }
}

/// A fitted random forest of classification trees: scikit-learn's
/// `RandomForestClassifier`.
///
/// ```swift
/// let forest = try RandomForestClassifier.fit(
///     features: features, classes: classes, classCount: 2,
///     parameters: RandomForestParameters(seed: 7)) { done in bar.update(done) }
/// forest.probabilities(rows)   // mean of the trees' leaf class fractions
/// ```
///
/// (1) Trees grow in parallel on every core. Tree `i` draws its bootstrap
///     and features from its own `SeededRandom`, seeded by the `i`-th number
///     of `SeededRandom(seed: parameters.seed)`, so a seed gives the same
///     forest however the threads run.
/// (2) Probabilities are the mean of the trees' probabilities (not a vote),
///     as scikit-learn.
/// (3) `progress`, when given, is called with the number of trees grown so
///     far (1, 2, … nEstimators, in that order), from the growing threads.
/// (4) Fitting fails as `DecisionTreeClassifier.fit` does, and when
///     `nEstimators` is below 1.
public struct RandomForestClassifier: Classifier, Equatable {
    public let classCount: Int
    public let featureCount: Int
    public let trees: [DecisionTree]

    /// The mean of the trees' `featureImportances` over the trees that split
    /// at all, scaled to sum to 1: scikit-learn's `feature_importances_`.
    public var featureImportances: [Double] { ForestTrees.featureImportances(trees, featureCount: featureCount) }

    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: RandomForestParameters = RandomForestParameters(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(FitError) -> RandomForestClassifier {
        try TreeInput.check(features: features)
        try TreeInput.check(classes: classes, classCount: classCount, rows: features.rows)
        let rowWeights = try TreeInput.weights(weights, rows: features.rows)
        let treeParameters = try parameters.treeParameters(defaultMaxFeatures: .sqrt)
        let limits = try treeParameters.resolved(featureCount: features.columns)
        let ranks = FeatureRanks(features)
        let trees = ForestTrees.grow(
            count: parameters.nEstimators, seed: parameters.seed, bootstrap: parameters.bootstrap,
            weights: rowWeights, weighted: weights != nil, progress: progress
        ) { treeWeights, random in
            TreeInput.growClassifier(
                ranks: ranks, classes: classes, classCount: classCount, weights: treeWeights,
                criterion: treeParameters.criterion, limits: limits, random: &random)
        }
        return RandomForestClassifier(classCount: classCount, featureCount: features.columns, trees: trees)
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        Matrix(checkedRows: features.rows, columns: classCount, values: ForestTrees.meanLeafValues(trees, of: features, valueCount: classCount))
    }

    init(classCount: Int, featureCount: Int, trees: [DecisionTree]) {
        self.classCount = classCount
        self.featureCount = featureCount
        self.trees = trees
    }

    private enum CodingKeys: String, CodingKey {
        case classCount, featureCount, trees
    }

    /// Decodes a forest and checks that its trees fit it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            classCount: try container.decode(Int.self, forKey: .classCount),
            featureCount: try container.decode(Int.self, forKey: .featureCount),
            trees: try container.decode([DecisionTree].self, forKey: .trees))
        try ForestTrees.check(trees, featureCount: featureCount, valueCount: classCount, decoder: decoder)
    }
}

/// A fitted random forest of regression trees: scikit-learn's
/// `RandomForestRegressor`. Predictions are the mean of the trees'; the rest
/// is as `RandomForestClassifier`.
public struct RandomForestRegressor: Regressor, Equatable {
    public let featureCount: Int
    public let trees: [DecisionTree]

    /// See `RandomForestClassifier.featureImportances`.
    public var featureImportances: [Double] { ForestTrees.featureImportances(trees, featureCount: featureCount) }

    public static func fit(
        features: Matrix, targets: [Double], weights: [Double]? = nil,
        parameters: RandomForestParameters = RandomForestParameters(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(FitError) -> RandomForestRegressor {
        try TreeInput.check(features: features)
        try TreeInput.check(targets: targets, rows: features.rows)
        let rowWeights = try TreeInput.weights(weights, rows: features.rows)
        let treeParameters = try parameters.treeParameters(defaultMaxFeatures: .all)
        let limits = try treeParameters.resolved(featureCount: features.columns)
        let ranks = FeatureRanks(features)
        let trees = ForestTrees.grow(
            count: parameters.nEstimators, seed: parameters.seed, bootstrap: parameters.bootstrap,
            weights: rowWeights, weighted: weights != nil, progress: progress
        ) { treeWeights, random in
            TreeInput.growRegressor(ranks: ranks, targets: targets, weights: treeWeights, limits: limits, random: &random)
        }
        return RandomForestRegressor(featureCount: features.columns, trees: trees)
    }

    public func predict(_ features: Matrix) -> [Double] {
        ForestTrees.meanLeafValues(trees, of: features, valueCount: 1)
    }

    init(featureCount: Int, trees: [DecisionTree]) {
        self.featureCount = featureCount
        self.trees = trees
    }

    private enum CodingKeys: String, CodingKey {
        case featureCount, trees
    }

    /// Decodes a forest and checks that its trees fit it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            featureCount: try container.decode(Int.self, forKey: .featureCount),
            trees: try container.decode([DecisionTree].self, forKey: .trees))
        try ForestTrees.check(trees, featureCount: featureCount, valueCount: 1, decoder: decoder)
    }
}

/// What classification and regression forests share: growing the trees in
/// parallel, averaging them, and their importances.
enum ForestTrees {
    /// Grows `count` trees on all cores, tree `i` with the weights of its
    /// bootstrap (or `weights`) and its own `SeededRandom`.
    static func grow(
        count: Int, seed: UInt64, bootstrap: Bool, weights: [Double], weighted: Bool,
        progress: (@Sendable (Int) -> Void)?,
        growTree: @Sendable (_ weights: [Double], _ random: inout SeededRandom) -> DecisionTree
    ) -> [DecisionTree] {
        var seeds = SeededRandom(seed: seed)
        let treeSeeds = (0..<count).map { _ in seeds.nextBits() }
        let cumulativeWeights = weighted && bootstrap ? cumulative(weights) : []
        let grown = Mutex(0)
        return Parallel.map(count) { index in
            var random = SeededRandom(seed: treeSeeds[index])
            let treeWeights: [Double]
            if !bootstrap {
                treeWeights = weights
            } else if weighted {
                treeWeights = drawCounts(rows: weights.count, random: &random) { random in
                    weightedIndex(cumulativeWeights, random: &random)
                }
            } else {
                treeWeights = drawCounts(rows: weights.count, random: &random) { random in
                    random.index(below: weights.count)
                }
            }
            let tree = growTree(treeWeights, &random)
            if let progress {
                grown.withLock { done in
                    done += 1
                    progress(done)
                }
            }
            return tree
        }
    }

    /// How many times each of `rows` rows is drawn in `rows` draws of `draw`.
    private static func drawCounts(rows: Int, random: inout SeededRandom, draw: (inout SeededRandom) -> Int) -> [Double] {
        var counts = [Double](repeating: 0, count: rows)
        for _ in 0..<rows { counts[draw(&random)] += 1 }
        return counts
    }

    private static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { weight in
            total += weight
            return total
        }
    }

    /// A row drawn with probability weight / total: the first whose
    /// cumulative weight exceeds a uniform draw below the total.
    private static func weightedIndex(_ cumulative: [Double], random: inout SeededRandom) -> Int {
        let target = random.uniform() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The mean of the trees' leaf values for each row, `valueCount` per row.
    /// The rows are cut into one block per core and each block walks the
    /// trees one after the other, so a tree stays in cache while it serves
    /// many rows; each row sums its trees in order, so the result does not
    /// depend on the blocks.
    static func meanLeafValues(_ trees: [DecisionTree], of features: Matrix, valueCount: Int) -> [Double] {
        let rows = features.rows
        let blockSize = max(256, (rows + Parallel.coreCount - 1) / Parallel.coreCount)
        let count = Double(trees.count)
        let blocks = Parallel.map((rows + blockSize - 1) / blockSize) { index in
            let range = index * blockSize..<min(rows, (index + 1) * blockSize)
            var sums = [Double](repeating: 0, count: range.count * valueCount)
            sums.withUnsafeMutableBufferPointer { sums in
                for tree in trees {
                    tree.addLeafValues(of: features, rows: range, to: sums)
                }
            }
            return sums.map { $0 / count }
        }
        return blocks.flatMap { $0 }
    }

    static func featureImportances(_ trees: [DecisionTree], featureCount: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: featureCount)
        let splitting = trees.filter { $0.nodeCount > 1 }
        for tree in splitting {
            for (feature, importance) in tree.featureImportances.enumerated() { sum[feature] += importance }
        }
        let mean = sum.map { $0 / Double(max(splitting.count, 1)) }
        let total = mean.reduce(0, +)
        guard total > 0 else { return mean }
        return mean.map { $0 / total }
    }

    /// Throws unless there is at least one tree and every tree has
    /// `featureCount` features and `valueCount` values per node.
    static func check(_ trees: [DecisionTree], featureCount: Int, valueCount: Int, decoder: any Decoder) throws {
        guard !trees.isEmpty, trees.allSatisfy({ $0.featureCount == featureCount && $0.valueCount == valueCount }) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "not a random forest: it needs at least one tree, each with \(featureCount) features and \(valueCount) values per node"))
        }
    }
}
