import Foundation
import StoreCore

/// What gradient boosting classifiers and regressors share: the stages of
/// fitting, the raw scores, the importances and the checks on decoding, as
/// scikit-learn's `BaseGradientBoosting` (sklearn/ensemble/_gb.py, 1.9).
///
/// A model holds `treesPerStage` raw scores per row: 1 for regression and
/// two classes, the class count otherwise. Each stage:
/// (1) draws the stage's rows when `subsample` < 1 (others weigh 0), by
///     selection sampling as scikit-learn's `_random_sample_mask`;
/// (2) computes every row's negative gradient of the loss at the current
///     raw scores, one column per tree of the stage;
/// (3) fits a regression tree to each column with the rows' weights, the
///     trees of a stage in parallel: squared error, as scikit-learn 1.9 fits
///     them (its `criterion`, once `"friedman_mse"`, is deprecated there and
///     ignored; within a node Friedman's score ranks splits as squared error
///     does anyway, both being wL·wR·(meanL − meanR)² up to a constant);
/// (4) replaces each leaf's value by the loss's step for the stage's rows in
///     it (`Loss.leafValue`, scikit-learn's `_update_terminal_regions`);
/// (5) adds `learningRate ×` the leaf value of every row, drawn or not, to
///     its raw score.
/// A stage whose drawn rows all weigh 0 adds a tree of one leaf worth 0
/// (scikit-learn fails there, dividing by their total weight).
/// Raw scores start from `initialScores`, and prediction adds the trees'
/// leaf values times `learningRate` stage after stage, as scikit-learn's
/// `predict_stages`, so a row's score is the same sum at fit and predict.
enum GradientBoosting {
    /// The loss being boosted, with the labels it compares scores to.
    enum Loss: Sendable {
        /// Half squared error, for regression (`HalfSquaredError`).
        case squaredError(targets: [Double])
        /// Binary log loss on one raw score, the logit of class 1 (`HalfBinomialLoss`).
        case binomial(classes: [Int])
        /// Multiclass log loss on one raw score per class, through softmax (`HalfMultinomialLoss`).
        case multinomial(classes: [Int], classCount: Int)

        var treesPerStage: Int {
            if case .multinomial(_, let classCount) = self { return classCount }
            return 1
        }

        /// Writes each row's negative gradient for tree `k` of the stage to
        /// `residuals[k]`, from the raw scores (`rows × treesPerStage`).
        func negativeGradients(scores: [Double], into residuals: inout [[Double]]) {
            let trees = treesPerStage
            switch self {
            case .squaredError(let targets):
                for row in targets.indices { residuals[0][row] = targets[row] - scores[row] }
            case .binomial(let classes):
                for row in classes.indices {
                    residuals[0][row] = -Self.binomialGradient(label: Double(classes[row]), score: scores[row])
                }
            case .multinomial(let classes, _):
                var probabilities = [Double](repeating: 0, count: trees)
                for row in classes.indices {
                    Self.softmax(scores, start: row * trees, count: trees, into: &probabilities)
                    for k in 0..<trees {
                        residuals[k][row] = (classes[row] == k ? 1 : 0) - probabilities[k]
                    }
                }
            }
        }

        /// The label tree `k` of a stage aims at for `row`: the target, or 1
        /// when the row is of the tree's class and 0 when not.
        func label(row: Int, tree k: Int) -> Double {
            switch self {
            case .squaredError(let targets): targets[row]
            case .binomial(let classes): Double(classes[row])
            case .multinomial(let classes, _): classes[row] == k ? 1 : 0
            }
        }

        /// Whether leaves keep the weighted mean residual the tree gave them,
        /// which for squared error is already the best step.
        var keepsTreeValues: Bool {
            if case .squaredError = self { return true }
            return false
        }

        /// The leaf value from the sums over the stage's rows in the leaf of
        /// w, w·r and w·p(1 − p), where r is the negative gradient and
        /// p = label − r the probability: one Newton step, scikit-learn's
        /// `sum(w·r) / sum(w·p(1 − p))` (taken as the ratio of the two
        /// weighted means), times (K − 1) / K for K classes, and 0 when the
        /// mean of w·p(1 − p) is below 1e-150 (`_safe_divide`).
        func leafValue(weight: Double, residual: Double, hessian: Double) -> Double {
            var numerator = residual / weight
            let denominator = hessian / weight
            if case .multinomial(_, let classCount) = self {
                numerator *= Double(classCount - 1) / Double(classCount)
            }
            return abs(denominator) < 1e-150 ? 0 : numerator / denominator
        }

        /// The gradient of half binomial loss, p − y with p = expit(score),
        /// computed as scikit-learn's `cgradient_half_binomial`.
        static func binomialGradient(label: Double, score: Double) -> Double {
            if score > -37 {
                let e = exp(-score)
                return ((1 - label) - label * e) / (1 + e)
            }
            return exp(score) - label
        }

        /// `count` scores from `scores[start...]` turned into probabilities,
        /// subtracting the largest first, as scikit-learn's `softmax`.
        static func softmax(_ scores: [Double], start: Int, count: Int, into probabilities: inout [Double]) {
            var largest = scores[start]
            for k in 1..<max(count, 1) where scores[start + k] > largest { largest = scores[start + k] }
            var sum = 0.0
            for k in 0..<count {
                probabilities[k] = exp(scores[start + k] - largest)
                sum += probabilities[k]
            }
            for k in 0..<count { probabilities[k] /= sum }
        }
    }

    /// The trees of `parameters.nEstimators` stages, stage after stage,
    /// boosting `loss` from `initialScores` on checked rows.
    static func fitStages(
        features: Matrix, loss: Loss, weights: [Double], initialScores: [Double],
        parameters: GradientBoostingParameters, limits: TreeGrowthLimits,
        progress: (@Sendable (Int) -> Void)?
    ) -> [DecisionTree] {
        let rows = features.rows
        let treesPerStage = loss.treesPerStage
        let ranks = FeatureRanks(features)
        let order = FeatureOrder(ranks)
        // One tree per stage uses every core inside the tree; K trees per
        // stage grow side by side, one core each.
        let workers = treesPerStage == 1 ? 1 : min(treesPerStage, Parallel.coreCount)
        let workspaces = (0..<workers).map { _ in
            GradientBoostingWorkspace(
                rowCount: rows, featureCount: features.columns,
                threads: treesPerStage == 1 ? Parallel.coreCount : 1)
        }
        var scores = [Double](repeating: 0, count: rows * treesPerStage)
        for row in 0..<rows {
            for k in 0..<treesPerStage { scores[row * treesPerStage + k] = initialScores[k] }
        }
        var residuals = [[Double]](repeating: [Double](repeating: 0, count: rows), count: treesPerStage)
        var random = SeededRandom(seed: parameters.seed)
        let inBag = max(1, Int(parameters.subsample * Double(rows)))
        var trees: [DecisionTree] = []
        trees.reserveCapacity(parameters.nEstimators * treesPerStage)

        for stage in 0..<parameters.nEstimators {
            let stageWeights = parameters.subsample < 1
                ? drawRows(inBag, of: weights, random: &random)
                : weights
            loss.negativeGradients(scores: scores, into: &residuals)
            let treeSeeds = (0..<treesPerStage).map { _ in random.nextBits() }
            let stageResiduals = residuals
            let grown = Parallel.map(workers) { worker in
                Swift.stride(from: worker, to: treesPerStage, by: workers).map { k in
                    var treeRandom = SeededRandom(seed: treeSeeds[k])
                    return fitTree(
                        k, residuals: stageResiduals[k], weights: stageWeights, loss: loss, features: features,
                        order: order, ranks: ranks, limits: limits, random: &treeRandom, workspace: workspaces[worker])
                }
            }
            for worker in 0..<workers {
                for (index, fitted) in grown[worker].enumerated() {
                    let k = worker + index * workers
                    let values = fitted.tree.value
                    for row in 0..<rows {
                        scores[row * treesPerStage + k] += parameters.learningRate * values[Int(fitted.leaves[row])]
                    }
                }
            }
            for k in 0..<treesPerStage {
                let worker = k % workers
                trees.append(grown[worker][k / workers].tree)
            }
            progress?(stage + 1)
        }
        return trees
    }

    /// One tree of a stage fitted to `residuals`, with its leaf values set
    /// for `loss`, and the leaf of every row.
    private static func fitTree(
        _ k: Int, residuals: [Double], weights: [Double], loss: Loss, features: Matrix,
        order: FeatureOrder, ranks: FeatureRanks, limits: TreeGrowthLimits,
        random: inout SeededRandom, workspace: GradientBoostingWorkspace
    ) -> (tree: DecisionTree, leaves: [Int32]) {
        let rows = features.rows
        guard weights.contains(where: { $0 > 0 }) else {
            // Every drawn row weighs 0: nothing to fit, so the stage adds 0.
            var nodes = TreeNodes(featureCount: features.columns, valueCount: 1)
            _ = nodes.append(parent: -1, isLeft: false, feature: nil, threshold: nil, impurity: 0, sampleCount: 0, weightedSampleCount: 0, value: CollectionOfOne(0.0))
            return (nodes.tree(), [Int32](repeating: 0, count: rows))
        }
        let tree = residuals.withUnsafeBufferPointer { targets in
            weights.withUnsafeBufferPointer { weights in
                GradientBoostingTreeGrower.grow(
                    targets: targets, weights: weights, order: order, ranks: ranks, limits: limits,
                    random: &random, workspace: workspace)
            }
        }
        let leaves = [Int32](unsafeUninitializedCapacity: rows) { buffer, count in
            for row in 0..<rows {
                let leaf = workspace.leafOfRow[row]
                buffer[row] = leaf >= 0 ? leaf : Int32(truncatingIfNeeded: tree.leaf(of: features, row: row))
            }
            count = rows
        }
        if loss.keepsTreeValues { return (tree, leaves) }

        var weightSums = [Double](repeating: 0, count: tree.nodeCount)
        var residualSums = weightSums
        var hessianSums = weightSums
        for row in 0..<rows where workspace.leafOfRow[row] >= 0 {
            let leaf = Int(leaves[row])
            let weight = weights[row]
            let residual = residuals[row]
            let probability = loss.label(row: row, tree: k) - residual
            weightSums[leaf] += weight
            residualSums[leaf] += residual * weight
            hessianSums[leaf] += probability * (1 - probability) * weight
        }
        var values = tree.value
        for node in 0..<tree.nodeCount where tree.left[node] == DecisionTree.leaf {
            values[node] = weightSums[node] > 0
                ? loss.leafValue(weight: weightSums[node], residual: residualSums[node], hessian: hessianSums[node])
                : 0
        }
        return (tree.replacingValues(values), leaves)
    }

    /// `weights` with all but `count` rows, drawn without replacement, set
    /// to 0: row `i` is kept with probability (still to keep) / (rows left),
    /// scikit-learn's `_random_sample_mask`.
    private static func drawRows(_ count: Int, of weights: [Double], random: inout SeededRandom) -> [Double] {
        let rows = weights.count
        var kept = 0
        return weights.indices.map { row in
            guard random.uniform() * Double(rows - row) < Double(count - kept) else { return 0 }
            kept += 1
            return weights[row]
        }
    }

    /// The raw scores of every row of `features`, `treesPerStage` per row:
    /// `initialScores` plus `learningRate ×` each tree's leaf value, in the
    /// order of the trees. The rows are cut into one block per core.
    static func rawScores(
        _ features: Matrix, trees: [DecisionTree], treesPerStage: Int, initialScores: [Double], learningRate: Double
    ) -> [Double] {
        let rows = features.rows
        let blockSize = max(256, (rows + Parallel.coreCount - 1) / Parallel.coreCount)
        let blocks = Parallel.map((rows + blockSize - 1) / blockSize) { index in
            let range = index * blockSize..<min(rows, (index + 1) * blockSize)
            var scores = [Double](repeating: 0, count: range.count * treesPerStage)
            for row in 0..<range.count {
                for k in 0..<treesPerStage { scores[row * treesPerStage + k] = initialScores[k] }
            }
            scores.withUnsafeMutableBufferPointer { scores in
                guard let base = scores.baseAddress else { return }
                for (index, tree) in trees.enumerated() {
                    tree.addScaledLeafValues(
                        of: features, rows: range, scale: learningRate,
                        to: base + index % treesPerStage, stride: treesPerStage)
                }
            }
            return scores
        }
        return blocks.flatMap { $0 }
    }

    /// The mean over the trees that split of their impurity decreases (each
    /// divided by its root's weight), scaled to sum to 1; zeros when no tree
    /// splits. scikit-learn's `feature_importances_` for gradient boosting.
    static func featureImportances(_ trees: [DecisionTree], featureCount: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: featureCount)
        let splitting = trees.filter { $0.nodeCount > 1 }
        for tree in splitting {
            for (feature, decrease) in tree.impurityDecreases.enumerated() { sum[feature] += decrease }
        }
        let mean = sum.map { $0 / Double(max(splitting.count, 1)) }
        let total = mean.reduce(0, +)
        guard total > 0 else { return mean }
        return mean.map { $0 / total }
    }

    /// Throws unless the decoded parts make a model: a learning rate of at
    /// least 0, finite initial scores (one per tree of a stage), at least one
    /// stage of trees, each tree on `featureCount` features with one value per node.
    static func check(
        trees: [DecisionTree], treesPerStage: Int, initialScores: [Double], featureCount: Int, learningRate: Double,
        decoder: any Decoder
    ) throws {
        func fail(_ problem: String) -> DecodingError {
            DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a gradient boosting model: \(problem)"))
        }
        guard featureCount >= 1, treesPerStage >= 1 else { throw fail("it has no features or no trees per stage") }
        guard learningRate >= 0, learningRate.isFinite else { throw fail("its learning rate is \(learningRate)") }
        guard initialScores.count == treesPerStage, initialScores.allSatisfy(\.isFinite) else {
            throw fail("it needs \(treesPerStage) finite initial scores")
        }
        guard !trees.isEmpty, trees.count % treesPerStage == 0 else {
            throw fail("it needs at least one stage of \(treesPerStage) trees")
        }
        guard trees.allSatisfy({ $0.featureCount == featureCount && $0.valueCount == 1 }) else {
            throw fail("every tree needs \(featureCount) features and 1 value per node")
        }
    }
}
