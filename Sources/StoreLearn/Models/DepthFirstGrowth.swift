/// A node's split as a grower found and applied it: the feature and
/// threshold, and the rows it divides, `samples[start..<position]` going left.
struct NodeSplit {
    let feature: Int
    let threshold: Double
    let position: Int
}

/// The depth-first loop every tree grower shares, rules (2) and (3) of
/// `TreeGrower` (scikit-learn's `DepthFirstTreeBuilder`): a node is a leaf
/// at `maxDepth`, below `minSamplesSplit` or `2 × minSamplesLeaf` rows, at
/// impurity ≤ machine epsilon, without a split, or when its split decreases
/// impurity by less than `minImpurityDecrease`; otherwise its children are
/// grown left first.
///
/// The growers differ only in how they find and apply a split: `split`
/// searches the rows `samples[start..<end]` and leaves them partitioned (left
/// rows first), `accepted` is told of a split that passed the impurity test
/// (with the children's depth and impurities), and `leaf` of every leaf node
/// and its rows.
enum DepthFirstGrowth {
    private struct Pending {
        var start: Int
        var end: Int
        var depth: Int
        var parent: Int
        var isLeft: Bool
        var impurity: Double
        var constantFeatures: Int
    }

    static func grow<Criterion: SplitCriterion>(
        criterion: inout Criterion, samples: UnsafeMutablePointer<UInt32>, sampleCount: Int, totalWeight: Double,
        featureCount: Int, limits: TreeGrowthLimits,
        split: (_ start: Int, _ end: Int, _ constantFeatures: inout Int, _ criterion: inout Criterion) -> NodeSplit?,
        accepted: (_ split: NodeSplit, _ start: Int, _ end: Int, _ childDepth: Int, _ impurityLeft: Double, _ impurityRight: Double) -> Void = { _, _, _, _, _, _ in },
        leaf: (_ node: Int, _ start: Int, _ end: Int) -> Void = { _, _, _ in }
    ) -> DecisionTree {
        var nodes = TreeNodes(featureCount: featureCount, valueCount: criterion.valueCount)
        var stack = [Pending(start: 0, end: sampleCount, depth: 0, parent: -1, isLeft: false, impurity: 0, constantFeatures: 0)]
        let epsilon = Double.ulpOfOne
        var isRoot = true
        while let pending = stack.popLast() {
            let count = pending.end - pending.start
            let weight = criterion.setNode(samples + pending.start, count: count)
            var impurity = pending.impurity
            if isRoot {
                impurity = criterion.nodeImpurity()
                isRoot = false
            }
            let mayGrow = pending.depth < limits.maxDepth
                && count >= limits.minSamplesSplit
                && count >= 2 * limits.minSamplesLeaf
                && impurity > epsilon
            var constantFeatures = pending.constantFeatures
            var chosen: (split: NodeSplit, impurityLeft: Double, impurityRight: Double)?
            if mayGrow, let found = split(pending.start, pending.end, &constantFeatures, &criterion) {
                let (impurityLeft, impurityRight) = criterion.measureLeft(samples + pending.start, count: found.position - pending.start)
                let weightedLeft = criterion.weightedLeft
                let weightedRight = weight - weightedLeft
                let improvement = (weight / totalWeight)
                    * (impurity - weightedRight / weight * impurityRight - weightedLeft / weight * impurityLeft)
                if improvement + epsilon >= limits.minImpurityDecrease {
                    chosen = (found, impurityLeft, impurityRight)
                    accepted(found, pending.start, pending.end, pending.depth + 1, impurityLeft, impurityRight)
                }
            }
            let node = nodes.append(
                parent: pending.parent, isLeft: pending.isLeft,
                feature: chosen?.split.feature, threshold: chosen?.split.threshold,
                impurity: impurity, sampleCount: count, weightedSampleCount: weight,
                value: (0..<criterion.valueCount).lazy.map(criterion.value(at:)))
            if let chosen {
                let position = chosen.split.position
                stack.append(Pending(start: position, end: pending.end, depth: pending.depth + 1, parent: node, isLeft: false, impurity: chosen.impurityRight, constantFeatures: constantFeatures))
                stack.append(Pending(start: pending.start, end: position, depth: pending.depth + 1, parent: node, isLeft: true, impurity: chosen.impurityLeft, constantFeatures: constantFeatures))
            } else {
                leaf(node, pending.start, pending.end)
            }
        }
        return nodes.tree()
    }
}
