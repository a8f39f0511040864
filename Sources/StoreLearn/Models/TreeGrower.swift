import StoreCore

/// Grows one CART tree as scikit-learn does (`DepthFirstTreeBuilder` with
/// the `best` splitter, sklearn/tree/_tree.pyx and _splitter.pyx, 1.9):
///
/// (1) Rows with weight 0 take no part (a bootstrap's undrawn rows).
/// (2) Nodes grow depth first, left child first, so a node's children come
///     after it in the node arrays.
/// (3) A node is a leaf when it is at `maxDepth`, has fewer than
///     `minSamplesSplit` or `2 × minSamplesLeaf` rows, has impurity ≤ machine
///     epsilon, has no split leaving `minSamplesLeaf` rows on each side, or its
///     best split decreases impurity by less than `minImpurityDecrease`.
/// (4) A node draws features at random without replacement (Fisher–Yates,
///     skipping features found constant above it), at least `maxFeatures` of
///     them and on until one is not constant in the node.
/// (5) For each drawn feature the node's rows are sorted by value and every
///     place between two distinct values is scored; the best score wins, the
///     first met on a tie. The threshold is the midpoint `a/2 + b/2` of the two
///     values (`a` itself in the rare case the midpoint rounds up to `b`);
///     rows with values ≤ threshold go left.
/// (6) Distinct means different as doubles. (scikit-learn casts features to
///     float32 and treats values within 1e-7 as equal; see DecisionTree.swift.)
struct TreeGrower<Criterion: SplitCriterion> {
    private let ranks: UnsafeBufferPointer<UInt32>
    private let distinctValues: UnsafeBufferPointer<Double>
    private let distinctStart: UnsafeBufferPointer<Int>
    private let rowCount: Int
    private let featureCount: Int
    private let limits: TreeGrowthLimits
    private let workspace: TreeWorkspace

    private struct Split {
        var feature: Int
        /// The largest rank that goes left, and the smallest that goes right.
        var leftRank: UInt32
        var rightRank: UInt32
        var proxy: Double
    }


    /// Grows a tree on `ranks` for the rows with a positive weight in `weights`
    /// (which `criterion` also reads), drawing features from `random`.
    static func grow(
        criterion: inout Criterion, ranks: FeatureRanks, weights: UnsafeBufferPointer<Double>,
        limits: TreeGrowthLimits, random: inout SeededRandom
    ) -> DecisionTree {
        let workspace = TreeWorkspace(rowCount: ranks.rowCount, featureCount: ranks.featureCount)
        return ranks.ranks.withUnsafeBufferPointer { rankBuffer in
            ranks.distinctValues.withUnsafeBufferPointer { distinctBuffer in
                ranks.distinctStart.withUnsafeBufferPointer { startBuffer in
                    let grower = TreeGrower(
                        ranks: rankBuffer, distinctValues: distinctBuffer, distinctStart: startBuffer,
                        rowCount: ranks.rowCount, featureCount: ranks.featureCount, limits: limits, workspace: workspace)
                    return grower.grow(criterion: &criterion, weights: weights, random: &random)
                }
            }
        }
    }

    private func grow(criterion: inout Criterion, weights: UnsafeBufferPointer<Double>, random: inout SeededRandom) -> DecisionTree {
        let samples = workspace.samples
        var sampleCount = 0
        var totalWeight = 0.0
        for row in 0..<rowCount where weights[row] != 0 {
            samples[sampleCount] = UInt32(truncatingIfNeeded: row)
            sampleCount += 1
            totalWeight += weights[row]
        }
        return DepthFirstGrowth.grow(
            criterion: &criterion, samples: samples, sampleCount: sampleCount, totalWeight: totalWeight,
            featureCount: featureCount, limits: limits,
            split: { start, end, constantFeatures, criterion in
                guard let split = bestSplit(start: start, end: end, constantFeatures: &constantFeatures, criterion: &criterion, random: &random) else {
                    return nil
                }
                return NodeSplit(feature: split.feature, threshold: threshold(split), position: partition(start: start, end: end, split: split))
            })
    }

    /// The best split of `samples[start..<end]` among the features drawn, or
    /// nil when every drawn feature is constant or no place leaves
    /// `minSamplesLeaf` rows on both sides. `constantFeatures` comes in as the
    /// number known constant above this node and goes out with those found here.
    private func bestSplit(start: Int, end: Int, constantFeatures: inout Int, criterion: inout Criterion, random: inout SeededRandom) -> Split? {
        var best: Split?
        FeatureDraw.draw(
            featureCount: featureCount, maxFeatures: limits.maxFeatures,
            features: workspace.features, knownConstant: workspace.knownConstant,
            constantFeatures: &constantFeatures, random: &random
        ) { feature in
            switch search(feature: feature, start: start, end: end, criterion: &criterion) {
            case .constant:
                return false
            case .searched(let split):
                if let split, split.proxy > best?.proxy ?? -Double.infinity { best = split }
                return true
            }
        }
        return best
    }

    private enum FeatureSearch {
        /// The feature has one value in the node.
        case constant
        /// The best split on the feature; nil when no place leaves
        /// `minSamplesLeaf` rows on both sides.
        case searched(Split?)
    }

    /// Sorts `samples[start..<end]` by `feature` into `workspace.keys` and
    /// scores every place between two distinct values.
    private func search(feature: Int, start: Int, end: Int, criterion: inout Criterion) -> FeatureSearch {
        let samples = workspace.samples
        let keys = workspace.keys
        let count = end - start
        let column = feature * rowCount
        var lowest = UInt32.max
        var highest: UInt32 = 0
        for index in 0..<count {
            let row = samples[start + index]
            let rank = ranks[column + Int(row)]
            lowest = min(lowest, rank)
            highest = max(highest, rank)
            keys[index] = UInt64(rank) << 32 | UInt64(row)
        }
        guard lowest < highest else { return .constant }
        RankSort.sort(keys, count: count, lowest: lowest, span: highest - lowest, scratch: workspace.scratch, histogram: workspace.histogram)

        let minLeaf = limits.minSamplesLeaf
        var best: Split?
        criterion.clearLeft()
        var previous = keys[0]
        for index in 1..<count {
            let next = keys[index]
            criterion.addLeft(Int(truncatingIfNeeded: previous & 0xFFFF_FFFF))
            let leftRank = UInt32(truncatingIfNeeded: previous >> 32)
            let rightRank = UInt32(truncatingIfNeeded: next >> 32)
            previous = next
            // index rows on the left, count − index on the right.
            if leftRank == rightRank || index < minLeaf { continue }
            if count - index < minLeaf { break }
            let proxy = criterion.proxyImprovement()
            if proxy > best?.proxy ?? -Double.infinity {
                best = Split(feature: feature, leftRank: leftRank, rightRank: rightRank, proxy: proxy)
            }
        }
        return .searched(best)
    }

    /// Puts the rows of `samples[start..<end]` that go left before those that
    /// go right; returns where the right ones begin.
    private func partition(start: Int, end: Int, split: Split) -> Int {
        let samples = workspace.samples
        let column = split.feature * rowCount
        var left = start
        var right = end
        while left < right {
            if ranks[column + Int(samples[left])] <= split.leftRank {
                left += 1
            } else {
                right -= 1
                let held = samples[left]
                samples[left] = samples[right]
                samples[right] = held
            }
        }
        return left
    }

    private func threshold(_ split: Split) -> Double {
        FeatureRanks.threshold(
            below: distinctValues[distinctStart[split.feature] + Int(split.leftRank)],
            above: distinctValues[distinctStart[split.feature] + Int(split.rightRank)])
    }
}

/// How a node draws the features it searches, (4) of `TreeGrower`, for
/// every grower that follows it.
enum FeatureDraw {
    /// Draws features at random without replacement, at least `maxFeatures`
    /// of them and on until one is not constant in the node, calling `search`
    /// on each drawn feature not known constant above the node; `search`
    /// returns false when the feature is constant in the node.
    ///
    /// `features` is a permutation of the features kept from node to node of
    /// one tree (starting as the identity), and `knownConstant` the features
    /// known constant, in the order they were found. `constantFeatures`
    /// comes in as the number known constant above this node and goes out
    /// with those found here.
    static func draw(
        featureCount: Int, maxFeatures: Int,
        features: UnsafeMutablePointer<Int>, knownConstant: UnsafeMutablePointer<Int>,
        constantFeatures: inout Int, random: inout SeededRandom,
        search: (Int) -> Bool
    ) {
        // features[0..<known] are constant above this node, in the order
        // knownConstant keeps; features[known..<total] were found constant
        // here; features[total..<unseen] are yet to draw; features[unseen...]
        // were drawn and searched.
        let known = constantFeatures
        var total = known
        var drawnConstant = 0
        var foundConstant = 0
        var unseen = featureCount
        var visited = 0
        while unseen > total, visited < maxFeatures || visited <= foundConstant + drawnConstant {
            visited += 1
            var draw = drawnConstant + random.index(below: unseen - foundConstant - drawnConstant)
            if draw < known {
                swapFeatures(features, drawnConstant, draw)
                drawnConstant += 1
                continue
            }
            draw += foundConstant
            if search(features[draw]) {
                unseen -= 1
                swapFeatures(features, unseen, draw)
            } else {
                swapFeatures(features, total, draw)
                foundConstant += 1
                total += 1
            }
        }
        features.update(from: knownConstant, count: known)
        (knownConstant + known).update(from: features + known, count: foundConstant)
        constantFeatures = total
    }

    private static func swapFeatures(_ features: UnsafeMutablePointer<Int>, _ i: Int, _ j: Int) {
        let held = features[i]
        features[i] = features[j]
        features[j] = held
    }
}

/// The buffers one tree's growth works in, allocated once per tree.
final class TreeWorkspace {
    /// The rows in play, grouped node by node.
    let samples: UnsafeMutablePointer<UInt32>
    /// One node's `rank << 32 | row` keys, and room to sort them.
    let keys: UnsafeMutablePointer<UInt64>
    let scratch: UnsafeMutablePointer<UInt64>
    let histogram: UnsafeMutablePointer<Int>
    /// A permutation of the features (see `TreeGrower.bestSplit`), and the
    /// features known constant, in the order they were found.
    let features: UnsafeMutablePointer<Int>
    let knownConstant: UnsafeMutablePointer<Int>

    init(rowCount: Int, featureCount: Int) {
        samples = .allocate(capacity: max(rowCount, 1))
        keys = .allocate(capacity: max(rowCount, 1))
        scratch = .allocate(capacity: max(rowCount, 1))
        histogram = .allocate(capacity: RankSort.histogramSize)
        features = .allocate(capacity: max(featureCount, 1))
        knownConstant = .allocate(capacity: max(featureCount, 1))
        for feature in 0..<featureCount {
            features[feature] = feature
            knownConstant[feature] = feature
        }
    }

    deinit {
        samples.deallocate()
        keys.deallocate()
        scratch.deallocate()
        histogram.deallocate()
        features.deallocate()
        knownConstant.deallocate()
    }
}

/// The node arrays of a tree being grown.
struct TreeNodes {
    private let featureCount: Int
    private let valueCount: Int
    private var feature: [Int] = []
    private var threshold: [Double] = []
    private var left: [Int] = []
    private var right: [Int] = []
    private var value: [Double] = []
    private var impurity: [Double] = []
    private var sampleCount: [Int] = []
    private var weightedSampleCount: [Double] = []

    init(featureCount: Int, valueCount: Int) {
        self.featureCount = featureCount
        self.valueCount = valueCount
    }

    /// Adds a node (a leaf when `feature` is nil) as the `isLeft` child of
    /// `parent` (−1 for the root); returns its index.
    mutating func append(
        parent: Int, isLeft: Bool, feature: Int?, threshold: Double?,
        impurity: Double, sampleCount: Int, weightedSampleCount: Double, value: some Sequence<Double>
    ) -> Int {
        let node = self.feature.count
        if parent >= 0 {
            if isLeft { left[parent] = node } else { right[parent] = node }
        }
        self.feature.append(feature ?? DecisionTree.undefined)
        self.threshold.append(threshold ?? Double(DecisionTree.undefined))
        left.append(DecisionTree.leaf)
        right.append(DecisionTree.leaf)
        self.value.append(contentsOf: value)
        self.impurity.append(impurity)
        self.sampleCount.append(sampleCount)
        self.weightedSampleCount.append(weightedSampleCount)
        return node
    }

    func tree() -> DecisionTree {
        DecisionTree(
            featureCount: featureCount, valueCount: valueCount, feature: feature, threshold: threshold,
            left: left, right: right, value: value, impurity: impurity,
            sampleCount: sampleCount, weightedSampleCount: weightedSampleCount)
    }
}
