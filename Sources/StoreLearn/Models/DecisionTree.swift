import StoreCore

/// A fitted CART tree as flat arrays, one entry per node, in the layout of
/// scikit-learn's `tree_` (sklearn/tree/_tree.pyx, 1.9): node 0 is the root,
/// and node `i` sends a row to `left[i]` when its value of `feature[i]` is
/// ≤ `threshold[i]`, to `right[i]` otherwise.
///
/// ```swift
/// // A stump on one feature, fitted to x = [1, 2, 3, 4], classes [0, 0, 1, 1]:
/// tree.feature      // [0, -2, -2]
/// tree.threshold    // [2.5, -2, -2]
/// tree.left         // [1, -1, -1]
/// tree.right        // [2, -1, -1]
/// tree.value        // [0.5, 0.5,  1, 0,  0, 1]   (2 numbers per node)
/// ```
///
/// (1) Leaves have `left` and `right` −1 (`TREE_LEAF`) and `feature` and
///     `threshold` −2 (`TREE_UNDEFINED`), as in scikit-learn.
/// (2) Every node, leaf or not, has `valueCount` numbers in `value`: the
///     fraction of its training weight in each class, or its weighted mean
///     target; with its `impurity`, row count and weight for inspection.
/// (3) Children come after their parent (nodes are stored depth first), which
///     decoding checks, so walking a tree always ends. Prediction walks a
///     packed copy of the split nodes (24 bytes a node), built when the tree
///     is made or decoded.
/// (4) A NaN (or a column the matrix lacks) at prediction goes to the child
///     that had more training rows, the right one on a tie, as scikit-learn
///     does for features that had no missing values in training.
/// (5) Unlike scikit-learn, features stay doubles: scikit-learn casts them to
///     float32 and treats values within 1e-7 as one value, so on features
///     that differ only past float32 precision the two can choose different
///     thresholds.
public struct DecisionTree: Sendable, Equatable, Codable {
    /// `left` and `right` of a leaf.
    public static let leaf = -1
    /// `feature` and `threshold` of a leaf.
    public static let undefined = -2

    public let featureCount: Int
    /// Numbers per node in `value`: the class count, or 1 for regression.
    public let valueCount: Int
    public let feature: [Int]
    public let threshold: [Double]
    public let left: [Int]
    public let right: [Int]
    /// `nodeCount × valueCount` numbers, node after node.
    public let value: [Double]
    public let impurity: [Double]
    /// Training rows that reached the node (scikit-learn's `n_node_samples`).
    public let sampleCount: [Int]
    /// Their total weight (`weighted_n_node_samples`).
    public let weightedSampleCount: [Double]

    public var nodeCount: Int { feature.count }

    public var leafCount: Int { left.lazy.filter { $0 == Self.leaf }.count }

    /// The longest path from the root to a leaf, in splits (scikit-learn's `get_depth()`).
    public var depth: Int {
        var depths = [Int](repeating: 0, count: nodeCount)
        var deepest = 0
        for node in 0..<nodeCount where left[node] != Self.leaf {
            depths[left[node]] = depths[node] + 1
            depths[right[node]] = depths[node] + 1
            deepest = max(deepest, depths[node] + 1)
        }
        return deepest
    }

    /// How much each feature's splits lowered impurity, weighted by the
    /// training weight that reached them, scaled to sum to 1 (all zeros for a
    /// tree that is a single leaf): scikit-learn's `feature_importances_`.
    public var featureImportances: [Double] {
        let importances = impurityDecreases
        let total = importances.reduce(0, +)
        guard total > 0 else { return importances }
        return importances.map { $0 / total }
    }

    /// Each feature's weighted impurity decrease over its splits, divided by
    /// the root's weight and not scaled to sum to 1: scikit-learn's
    /// `compute_feature_importances(normalize=False)`.
    var impurityDecreases: [Double] {
        var importances = [Double](repeating: 0, count: featureCount)
        for node in 0..<nodeCount where left[node] != Self.leaf {
            let (leftChild, rightChild) = (left[node], right[node])
            importances[feature[node]] += weightedSampleCount[node] * impurity[node]
                - weightedSampleCount[leftChild] * impurity[leftChild]
                - weightedSampleCount[rightChild] * impurity[rightChild]
        }
        let rootWeight = weightedSampleCount[0]
        for index in importances.indices { importances[index] /= rootWeight }
        return importances
    }

    /// The nodes packed for walking a row down the tree, one 24-byte step
    /// per node (derived from the arrays above, not encoded).
    private let steps: [Step]

    private struct Step: Sendable, Equatable {
        let threshold: Double
        /// −1 at a leaf.
        let feature: Int32
        let left: Int32
        let right: Int32
        let missingGoesLeft: Bool
    }

    /// Adds the leaf values of `rows` of `features` to `sums`, which holds
    /// `valueCount` numbers for each of those rows, starting with the first.
    func addLeafValues(of features: Matrix, rows: Range<Int>, to sums: UnsafeMutableBufferPointer<Double>) {
        let columns = features.columns
        features.values.withUnsafeBufferPointer { values in
            steps.withUnsafeBufferPointer { steps in
                value.withUnsafeBufferPointer { leafValues in
                    for row in rows {
                        let node = Self.leaf(of: values, start: row * columns, columns: columns, steps: steps)
                        let offset = (row - rows.lowerBound) * valueCount
                        for index in 0..<valueCount {
                            sums[offset + index] += leafValues[node * valueCount + index]
                        }
                    }
                }
            }
        }
    }

    /// For a tree with one value per node: adds `scale ×` the leaf value of
    /// each of `rows` of `features` to `sums[(row − rows.lowerBound) × stride]`.
    func addScaledLeafValues(of features: Matrix, rows: Range<Int>, scale: Double, to sums: UnsafeMutablePointer<Double>, stride: Int) {
        let columns = features.columns
        features.values.withUnsafeBufferPointer { values in
            steps.withUnsafeBufferPointer { steps in
                value.withUnsafeBufferPointer { leafValues in
                    for row in rows {
                        let node = Self.leaf(of: values, start: row * columns, columns: columns, steps: steps)
                        sums[(row - rows.lowerBound) * stride] += scale * leafValues[node]
                    }
                }
            }
        }
    }

    /// The leaf that row `row` of `features` falls in (scikit-learn's `apply`).
    func leaf(of features: Matrix, row: Int) -> Int {
        let columns = features.columns
        return features.values.withUnsafeBufferPointer { values in
            steps.withUnsafeBufferPointer { steps in
                Self.leaf(of: values, start: row * columns, columns: columns, steps: steps)
            }
        }
    }

    /// The leaf that the row of `columns` values at `values[start...]`
    /// reaches, walking `steps` from the root.
    @inline(__always)
    private static func leaf(of values: UnsafeBufferPointer<Double>, start: Int, columns: Int, steps: UnsafeBufferPointer<Step>) -> Int {
        var node = 0
        while true {
            let step = steps[node]
            if step.feature < 0 { return node }
            let feature = Int(step.feature)
            let x = feature < columns ? values[start + feature] : .nan
            let goesLeft = x <= step.threshold || (x.isNaN && step.missingGoesLeft)
            node = Int(goesLeft ? step.left : step.right)
        }
    }

    /// This tree with `value` in place of its node values (as many numbers).
    func replacingValues(_ value: [Double]) -> DecisionTree {
        DecisionTree(
            featureCount: featureCount, valueCount: valueCount, feature: feature, threshold: threshold,
            left: left, right: right, value: value, impurity: impurity,
            sampleCount: sampleCount, weightedSampleCount: weightedSampleCount)
    }

    /// A tree of these arrays, which must pass `structuralProblem` (as grown
    /// trees do, and decoding checks).
    init(featureCount: Int, valueCount: Int, feature: [Int], threshold: [Double], left: [Int], right: [Int], value: [Double], impurity: [Double], sampleCount: [Int], weightedSampleCount: [Double]) {
        self.featureCount = featureCount
        self.valueCount = valueCount
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right
        self.value = value
        self.impurity = impurity
        self.sampleCount = sampleCount
        self.weightedSampleCount = weightedSampleCount
        steps = feature.indices.map { node in
            guard left[node] != Self.leaf else {
                return Step(threshold: 0, feature: -1, left: 0, right: 0, missingGoesLeft: false)
            }
            return Step(
                threshold: threshold[node], feature: Int32(truncatingIfNeeded: feature[node]),
                left: Int32(truncatingIfNeeded: left[node]), right: Int32(truncatingIfNeeded: right[node]),
                missingGoesLeft: sampleCount[left[node]] > sampleCount[right[node]])
        }
    }

    private enum CodingKeys: String, CodingKey {
        case featureCount, valueCount, feature, threshold, left, right, value, impurity, sampleCount, weightedSampleCount
    }

    /// Decodes a tree and checks that it is one: arrays of one length, leaves
    /// marked as leaves, features in range, children after their parent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let featureCount = try container.decode(Int.self, forKey: .featureCount)
        let valueCount = try container.decode(Int.self, forKey: .valueCount)
        let feature = try container.decode(ModelArray<Int>.self, forKey: .feature).values
        let threshold = try container.decode(ModelArray<Double>.self, forKey: .threshold).values
        let left = try container.decode(ModelArray<Int>.self, forKey: .left).values
        let right = try container.decode(ModelArray<Int>.self, forKey: .right).values
        let value = try container.decode(ModelArray<Double>.self, forKey: .value).values
        let impurity = try container.decode(ModelArray<Double>.self, forKey: .impurity).values
        let sampleCount = try container.decode(ModelArray<Int>.self, forKey: .sampleCount).values
        let weightedSampleCount = try container.decode(ModelArray<Double>.self, forKey: .weightedSampleCount).values
        let lengths = [threshold.count, left.count, right.count, impurity.count, sampleCount.count, weightedSampleCount.count]
        if let problem = Self.structuralProblem(
            featureCount: featureCount, valueCount: valueCount, feature: feature, left: left, right: right,
            lengths: lengths, valueLength: value.count) {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a decision tree: \(problem)"))
        }
        self.init(
            featureCount: featureCount, valueCount: valueCount, feature: feature, threshold: threshold,
            left: left, right: right, value: value, impurity: impurity,
            sampleCount: sampleCount, weightedSampleCount: weightedSampleCount)
    }

    /// Encodes the node arrays as `ModelArray`s: in `model_arrays` when
    /// the tree is large, inline when small.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(featureCount, forKey: .featureCount)
        try container.encode(valueCount, forKey: .valueCount)
        try container.encode(ModelArray(feature), forKey: .feature)
        try container.encode(ModelArray(threshold), forKey: .threshold)
        try container.encode(ModelArray(left), forKey: .left)
        try container.encode(ModelArray(right), forKey: .right)
        try container.encode(ModelArray(value), forKey: .value)
        try container.encode(ModelArray(impurity), forKey: .impurity)
        try container.encode(ModelArray(sampleCount), forKey: .sampleCount)
        try container.encode(ModelArray(weightedSampleCount), forKey: .weightedSampleCount)
    }

    /// What is wrong with these node arrays, or nil when they make a tree.
    private static func structuralProblem(
        featureCount: Int, valueCount: Int, feature: [Int], left: [Int], right: [Int], lengths: [Int], valueLength: Int
    ) -> String? {
        let count = feature.count
        guard count > 0, featureCount > 0, valueCount > 0 else { return "it has no nodes, features or values" }
        guard count <= Int32.max, featureCount <= Int32.max else { return "it has more than \(Int32.max) nodes or features" }
        guard lengths.allSatisfy({ $0 == count }), valueLength == count * valueCount else { return "its node arrays differ in length" }
        for node in 0..<count {
            if left[node] == leaf || right[node] == leaf {
                guard left[node] == right[node], feature[node] == undefined else { return "node \(node) is half a leaf" }
            } else {
                guard (node + 1..<count).contains(left[node]), (node + 1..<count).contains(right[node]) else { return "node \(node) has a child out of place" }
                guard (0..<featureCount).contains(feature[node]) else { return "node \(node) splits on feature \(feature[node]) of \(featureCount)" }
            }
        }
        return nil
    }
}

/// A fitted CART classification tree: scikit-learn's `DecisionTreeClassifier`.
///
/// ```swift
/// var random = SeededRandom(seed: 1)
/// let model = try DecisionTreeClassifier.fit(
///     features: Matrix([[1], [2], [3], [4]]), classes: [0, 0, 1, 1], classCount: 2,
///     parameters: DecisionTreeParameters(maxDepth: 3), random: &random)
/// model.predict(Matrix([[1.5], [3.5]]))   // [0, 1]
/// ```
///
/// (1) A row's probabilities are the class fractions, by weight, of the
///     training rows in its leaf.
/// (2) Weights scale rows (scikit-learn's `sample_weight`; class weights
///     "balanced" are `rows / (classCount × rows of the class)` per row).
/// (3) `random` orders the features each node tries; with every feature
///     tried it matters only when two splits score exactly alike.
/// (4) Fitting fails with a sentence on no rows or no features, NaN or
///     infinite features, classes outside `0..<classCount`, lengths that do
///     not match, negative weights, or parameters out of range.
public struct DecisionTreeClassifier: Classifier, Equatable {
    public let tree: DecisionTree

    public var classCount: Int { tree.valueCount }

    /// See `DecisionTree.featureImportances`.
    public var featureImportances: [Double] { tree.featureImportances }

    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: DecisionTreeParameters = DecisionTreeParameters(), random: inout SeededRandom
    ) throws(FitError) -> DecisionTreeClassifier {
        try TreeInput.check(features: features)
        try TreeInput.check(classes: classes, classCount: classCount, rows: features.rows)
        let weights = try TreeInput.weights(weights, rows: features.rows)
        let limits = try parameters.resolved(featureCount: features.columns)
        let ranks = FeatureRanks(features)
        let tree = TreeInput.growClassifier(
            ranks: ranks, classes: classes, classCount: classCount, weights: weights,
            criterion: parameters.criterion, limits: limits, random: &random)
        return DecisionTreeClassifier(tree: tree)
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        var result = Matrix(rows: features.rows, columns: classCount)
        result.values.withUnsafeMutableBufferPointer { sums in
            tree.addLeafValues(of: features, rows: 0..<features.rows, to: sums)
        }
        return result
    }
}

/// A fitted CART regression tree with squared error: scikit-learn's
/// `DecisionTreeRegressor`.
///
/// ```swift
/// var random = SeededRandom(seed: 1)
/// let model = try DecisionTreeRegressor.fit(
///     features: Matrix([[1], [2], [3], [4]]), targets: [5, 5, 9, 9], random: &random)
/// model.predict(Matrix([[0], [10]]))   // [5, 9]
/// ```
///
/// (1) A row's prediction is the weighted mean target of the training rows in
///     its leaf. (2)–(4) as for `DecisionTreeClassifier`, and targets must be
///     finite numbers.
public struct DecisionTreeRegressor: Regressor, Equatable {
    public let tree: DecisionTree

    /// See `DecisionTree.featureImportances`.
    public var featureImportances: [Double] { tree.featureImportances }

    public static func fit(
        features: Matrix, targets: [Double], weights: [Double]? = nil,
        parameters: DecisionTreeParameters = DecisionTreeParameters(), random: inout SeededRandom
    ) throws(FitError) -> DecisionTreeRegressor {
        try TreeInput.check(features: features)
        try TreeInput.check(targets: targets, rows: features.rows)
        let weights = try TreeInput.weights(weights, rows: features.rows)
        let limits = try parameters.resolved(featureCount: features.columns)
        let ranks = FeatureRanks(features)
        let tree = TreeInput.growRegressor(ranks: ranks, targets: targets, weights: weights, limits: limits, random: &random)
        return DecisionTreeRegressor(tree: tree)
    }

    public func predict(_ features: Matrix) -> [Double] {
        var result = [Double](repeating: 0, count: features.rows)
        result.withUnsafeMutableBufferPointer { sums in
            tree.addLeafValues(of: features, rows: 0..<features.rows, to: sums)
        }
        return result
    }
}
