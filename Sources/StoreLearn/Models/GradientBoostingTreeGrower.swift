import Dispatch
import StoreCore

/// Grows the regression trees of gradient boosting: the same trees as
/// `TreeGrower` with `SquaredErrorCriterion` (scikit-learn's
/// `DecisionTreeRegressor(criterion="squared_error")`, which its gradient
/// boosting fits to the negative gradient), by another route suited to
/// growing hundreds of shallow trees on one training set:
///
/// (1) Every feature's rows are sorted once per fit (`FeatureOrder`); a tree
///     starts from that order and keeps each node's rows sorted by every
///     feature by partitioning them stably at each split, instead of sorting
///     a node's rows feature by feature as `TreeGrower` does. The scan over a
///     feature reads each row's weight and weight × target side by side
///     (`WeightedTarget`), one cache line a row.
/// (2) Nodes and stopping rules (`DepthFirstGrowth`), feature draws (`FeatureDraw`), the scan over
///     places to split, thresholds and tie-breaking are `TreeGrower`'s, so
///     with the same seed both grow the same tree (up to the last bits of
///     sums, which add rows in another order).
/// (3) With more than one thread in the workspace, a large node searches its
///     features and partitions their rows on all of them; the winner is
///     picked in draw order, so the tree does not depend on the threads.
/// (4) Growth records the leaf of every row it holds (`leafOfRow`), for the
///     leaf values gradient boosting sets afterwards.
/// (5) `FeatureOrder` and each workspace hold `featureCount × rowCount`
///     keys of 8 bytes: each as much memory as the training matrix.
struct GradientBoostingTreeGrower {
    private let order: FeatureOrder
    private let ranks: FeatureRanks
    private let limits: TreeGrowthLimits
    private let workspace: GradientBoostingWorkspace

    fileprivate struct Split {
        var feature: Int
        /// The largest rank that goes left, and the smallest that goes right.
        var leftRank: UInt32
        var rightRank: UInt32
        var proxy: Double
        /// Rows of the node that go left.
        var leftCount: Int
    }


    /// Nodes with fewer `rows × features` than this search and partition on
    /// one thread: below it, handing work to other threads costs more than
    /// it saves.
    private static let parallelWork = 1 << 16

    /// Grows a regression tree on `targets` for the rows with a positive
    /// weight in `weights`, drawing features from `random`; afterwards
    /// `workspace.leafOfRow` holds each row's leaf (−1 for rows of weight 0).
    static func grow(
        targets: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>,
        order: FeatureOrder, ranks: FeatureRanks, limits: TreeGrowthLimits,
        random: inout SeededRandom, workspace: GradientBoostingWorkspace
    ) -> DecisionTree {
        var criterion = SquaredErrorCriterion(targets: targets, weights: weights)
        for row in 0..<order.rowCount {
            workspace.weightedTargets[row] = WeightedTarget(weight: weights[row], product: weights[row] * targets[row])
        }
        let grower = GradientBoostingTreeGrower(order: order, ranks: ranks, limits: limits, workspace: workspace)
        return grower.grow(criterion: &criterion, weights: weights, random: &random)
    }

    private func grow(criterion: inout SquaredErrorCriterion, weights: UnsafeBufferPointer<Double>, random: inout SeededRandom) -> DecisionTree {
        let rowCount = order.rowCount
        let featureCount = order.featureCount
        let samples = workspace.samples
        let leafOfRow = workspace.leafOfRow
        var sampleCount = 0
        var totalWeight = 0.0
        for row in 0..<rowCount {
            leafOfRow[row] = -1
            if weights[row] != 0 {
                samples[sampleCount] = UInt32(truncatingIfNeeded: row)
                sampleCount += 1
                totalWeight += weights[row]
            }
        }
        workspace.load(order, weights: weights, allRows: sampleCount == rowCount)
        for feature in 0..<featureCount {
            workspace.features[feature] = feature
            workspace.knownConstant[feature] = feature
        }

        return DepthFirstGrowth.grow(
            criterion: &criterion, samples: samples, sampleCount: sampleCount, totalWeight: totalWeight,
            featureCount: featureCount, limits: limits,
            split: { start, end, constantFeatures, criterion in
                guard let split = bestSplit(start: start, end: end, constantFeatures: &constantFeatures, criterion: &criterion, random: &random) else {
                    return nil
                }
                markLeft(split, start: start, end: end)
                partitionSamples(start: start, end: end)
                return NodeSplit(feature: split.feature, threshold: threshold(split), position: start + split.leftCount)
            },
            accepted: { split, start, end, childDepth, impurityLeft, impurityRight in
                // Children that will only be leaves need no keys sorted.
                if mayGrow(count: split.position - start, depth: childDepth, impurity: impurityLeft)
                    || mayGrow(count: end - split.position, depth: childDepth, impurity: impurityRight) {
                    partitionKeys(start: start, end: end, except: split.feature)
                }
            },
            leaf: { node, start, end in
                let leaf = Int32(truncatingIfNeeded: node)
                for index in start..<end { leafOfRow[Int(samples[index])] = leaf }
            })
    }

    /// Whether a child may split, as far as its size, depth and impurity
    /// tell; when neither child may, their keys need not be partitioned.
    private func mayGrow(count: Int, depth: Int, impurity: Double) -> Bool {
        depth < limits.maxDepth && count >= limits.minSamplesSplit && impurity > Double.ulpOfOne
    }

    /// The best split of the node's rows among the features drawn, or nil
    /// (as `TreeGrower`'s `bestSplit`).
    private func bestSplit(start: Int, end: Int, constantFeatures: inout Int, criterion: inout SquaredErrorCriterion, random: inout SeededRandom) -> Split? {
        let rowCount = order.rowCount
        let keys = workspace.keys
        let drawn = workspace.drawn
        let last = end - start - 1
        var drawnCount = 0
        FeatureDraw.draw(
            featureCount: order.featureCount, maxFeatures: limits.maxFeatures,
            features: workspace.features, knownConstant: workspace.knownConstant,
            constantFeatures: &constantFeatures, random: &random
        ) { feature in
            let segment = keys + feature * rowCount + start
            guard segment[0] >> 32 != segment[last] >> 32 else { return false }
            drawn[drawnCount] = feature
            drawnCount += 1
            return true
        }
        let splits = workspace.splits
        let threads = min(workspace.threads, drawnCount)
        if threads > 1, (end - start) * drawnCount >= Self.parallelWork {
            let node = NodeCriterion(criterion: criterion)
            let searched = drawnCount
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var criterion = node.criterion
                for index in Swift.stride(from: thread, to: searched, by: threads) {
                    workspace.splits[index] = search(feature: workspace.drawn[index], start: start, end: end, criterion: &criterion)
                }
            }
        } else {
            for index in 0..<drawnCount {
                splits[index] = search(feature: drawn[index], start: start, end: end, criterion: &criterion)
            }
        }
        var best: Split?
        for index in 0..<drawnCount {
            if let split = splits[index], split.proxy > best?.proxy ?? -Double.infinity { best = split }
        }
        return best
    }

    /// The best place to split the node's rows on `feature`, scanning them in
    /// the feature's order as `TreeGrower.search` does after sorting; nil
    /// when no place leaves `minSamplesLeaf` rows on both sides.
    private func search(feature: Int, start: Int, end: Int, criterion: inout SquaredErrorCriterion) -> Split? {
        let keys = workspace.keys + feature * order.rowCount + start
        let count = end - start
        let weightedTargets = workspace.weightedTargets
        let minLeaf = limits.minSamplesLeaf
        var best: Split?
        criterion.clearLeft()
        var previous = keys[0]
        for index in 1..<count {
            let next = keys[index]
            let row = weightedTargets[Int(truncatingIfNeeded: previous & 0xFFFF_FFFF)]
            criterion.addLeft(weight: row.weight, weightedTarget: row.product)
            let leftRank = UInt32(truncatingIfNeeded: previous >> 32)
            let rightRank = UInt32(truncatingIfNeeded: next >> 32)
            previous = next
            // index rows on the left, count − index on the right.
            if leftRank == rightRank || index < minLeaf { continue }
            if count - index < minLeaf { break }
            let proxy = criterion.proxyImprovement()
            if proxy > best?.proxy ?? -Double.infinity {
                best = Split(feature: feature, leftRank: leftRank, rightRank: rightRank, proxy: proxy, leftCount: index)
            }
        }
        return best
    }

    /// Marks in `goesLeft` which of the node's rows go left: the first
    /// `leftCount` in the split feature's order.
    private func markLeft(_ split: Split, start: Int, end: Int) {
        let keys = workspace.keys + split.feature * order.rowCount + start
        let goesLeft = workspace.goesLeft
        for index in 0..<(end - start) {
            goesLeft[Int(truncatingIfNeeded: keys[index] & 0xFFFF_FFFF)] = index < split.leftCount ? 1 : 0
        }
    }

    /// Puts the node's rows that go left before those that go right, each in
    /// the order they were.
    private func partitionSamples(start: Int, end: Int) {
        let samples = workspace.samples + start
        let scratch = workspace.sampleScratch
        let goesLeft = workspace.goesLeft
        var left = 0
        var right = 0
        for index in 0..<(end - start) {
            let row = samples[index]
            let isLeft = Int(goesLeft[Int(row)])
            samples[left] = row
            scratch[right] = row
            left += isLeft
            right += 1 - isLeft
        }
        (samples + left).update(from: scratch, count: right)
    }

    /// Partitions the node's keys of every feature but the split one (whose
    /// keys are in order already) as `partitionSamples` does the rows.
    private func partitionKeys(start: Int, end: Int, except splitFeature: Int) {
        let rowCount = order.rowCount
        let featureCount = order.featureCount
        let count = end - start
        let threads = count * featureCount >= Self.parallelWork ? min(workspace.threads, featureCount) : 1
        if threads > 1 {
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                partitionKeys(start: start, count: count, except: splitFeature, features: Swift.stride(from: thread, to: featureCount, by: threads), scratch: workspace.keyScratch + thread * rowCount)
            }
        } else {
            partitionKeys(start: start, count: count, except: splitFeature, features: Swift.stride(from: 0, to: featureCount, by: 1), scratch: workspace.keyScratch)
        }
    }

    /// One thread's share of `partitionKeys`: the keys of `features`, using
    /// `scratch` (room for `count` keys) for the ones that go right.
    private func partitionKeys(start: Int, count: Int, except splitFeature: Int, features: StrideTo<Int>, scratch: UnsafeMutablePointer<UInt64>) {
        let goesLeft = workspace.goesLeft
        for feature in features where feature != splitFeature {
            let segment = workspace.keys + feature * order.rowCount + start
            var left = 0
            var right = 0
            for index in 0..<count {
                let key = segment[index]
                let isLeft = Int(goesLeft[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)])
                segment[left] = key
                scratch[right] = key
                left += isLeft
                right += 1 - isLeft
            }
            (segment + left).update(from: scratch, count: right)
        }
    }

    private func threshold(_ split: Split) -> Double {
        let values = ranks.distinctStart[split.feature]
        return FeatureRanks.threshold(
            below: ranks.distinctValues[values + Int(split.leftRank)],
            above: ranks.distinctValues[values + Int(split.rightRank)])
    }
}

/// A row's weight w and w × target, which a split search reads together.
struct WeightedTarget {
    var weight: Double
    var product: Double
}

/// A node's criterion, which each thread searching the node copies: the
/// copies share only the targets and weights, which they read.
private struct NodeCriterion: @unchecked Sendable {
    let criterion: SquaredErrorCriterion
}

/// Every feature's rows sorted once for a whole gradient boosting fit: for
/// feature `f`, `keys[f * rowCount ..< (f + 1) * rowCount]` are
/// `rank << 32 | row` in increasing order (rows of one value in row order).
struct FeatureOrder: Sendable {
    let rowCount: Int
    let featureCount: Int
    let keys: [UInt64]

    /// Orders the rows of each feature by counting their ranks, one feature
    /// per core at a time.
    init(_ ranks: FeatureRanks) {
        let rowCount = ranks.rowCount
        let columns = Parallel.map(ranks.featureCount) { feature in
            let distinct = ranks.distinctStart[feature + 1] - ranks.distinctStart[feature]
            let column = feature * rowCount
            var next = [Int](repeating: 0, count: distinct + 1)
            for row in 0..<rowCount { next[Int(ranks.ranks[column + row]) + 1] += 1 }
            for rank in 0..<distinct { next[rank + 1] += next[rank] }
            var keys = [UInt64](repeating: 0, count: rowCount)
            for row in 0..<rowCount {
                let rank = Int(ranks.ranks[column + row])
                keys[next[rank]] = UInt64(rank) << 32 | UInt64(row)
                next[rank] += 1
            }
            return keys
        }
        self.rowCount = rowCount
        self.featureCount = ranks.featureCount
        self.keys = columns.flatMap { $0 }
    }
}

/// The buffers gradient boosting trees grow in, allocated once per fit and
/// reused by tree after tree. During a split, threads write disjoint
/// features' keys and splits and read the rest (hence `@unchecked Sendable`).
final class GradientBoostingWorkspace: @unchecked Sendable {
    let rowCount: Int
    let featureCount: Int
    /// How many threads a node may use.
    let threads: Int
    /// The tree's rows sorted by each feature within every node's range,
    /// as `FeatureOrder.keys`.
    let keys: UnsafeMutablePointer<UInt64>
    /// Room for `threads` partitions of one feature's keys.
    let keyScratch: UnsafeMutablePointer<UInt64>
    /// The tree's rows in row order within every node's range.
    let samples: UnsafeMutablePointer<UInt32>
    let sampleScratch: UnsafeMutablePointer<UInt32>
    /// 1 for the rows that go left at the split being made.
    let goesLeft: UnsafeMutablePointer<UInt8>
    /// Each row's weight and weight × target in the tree being grown.
    let weightedTargets: UnsafeMutablePointer<WeightedTarget>
    /// Each row's leaf in the last tree grown; −1 for rows it did not hold.
    let leafOfRow: UnsafeMutablePointer<Int32>
    /// The permutation and constant features of `FeatureDraw`.
    let features: UnsafeMutablePointer<Int>
    let knownConstant: UnsafeMutablePointer<Int>
    /// A node's drawn features that are not constant, and their best splits.
    fileprivate let drawn: UnsafeMutablePointer<Int>
    fileprivate let splits: UnsafeMutablePointer<GradientBoostingTreeGrower.Split?>

    init(rowCount: Int, featureCount: Int, threads: Int) {
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.threads = max(1, threads)
        let rows = max(rowCount, 1)
        let features = max(featureCount, 1)
        keys = .allocate(capacity: rows * features)
        keyScratch = .allocate(capacity: rows * self.threads)
        samples = .allocate(capacity: rows)
        sampleScratch = .allocate(capacity: rows)
        goesLeft = .allocate(capacity: rows)
        weightedTargets = .allocate(capacity: rows)
        leafOfRow = .allocate(capacity: rows)
        self.features = .allocate(capacity: features)
        knownConstant = .allocate(capacity: features)
        drawn = .allocate(capacity: features)
        splits = .allocate(capacity: features)
        splits.initialize(repeating: nil, count: features)
    }

    deinit {
        keys.deallocate()
        keyScratch.deallocate()
        samples.deallocate()
        sampleScratch.deallocate()
        goesLeft.deallocate()
        weightedTargets.deallocate()
        leafOfRow.deallocate()
        features.deallocate()
        knownConstant.deallocate()
        drawn.deallocate()
        splits.deinitialize(count: max(featureCount, 1))
        splits.deallocate()
    }

    /// Copies `order` into `keys`, keeping only the rows of positive weight
    /// unless `allRows` says every row has one.
    fileprivate func load(_ order: FeatureOrder, weights: UnsafeBufferPointer<Double>, allRows: Bool) {
        order.keys.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            if allRows {
                keys.update(from: base, count: source.count)
                return
            }
            for feature in 0..<featureCount {
                let column = base + feature * rowCount
                let target = keys + feature * rowCount
                var kept = 0
                for index in 0..<rowCount {
                    let key = column[index]
                    target[kept] = key
                    kept += weights[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)] != 0 ? 1 : 0
                }
            }
        }
    }
}
