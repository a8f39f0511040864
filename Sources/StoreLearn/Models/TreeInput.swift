import StoreCore

/// The checks every tree model runs on its training rows before fitting, and
/// the step from checked rows to a grown tree. Each check fails with a
/// sentence that says which row is wrong and what to do; rows and columns
/// are counted from 1 in messages.
enum TreeInput {
    static let maxRows = 1 << 30

    static func check(features: Matrix) throws(FitError) {
        guard features.rows > 0 else {
            throw FitError("There are no training rows; a tree needs at least one.")
        }
        guard features.columns > 0 else {
            throw FitError("There are no feature columns; a tree needs at least one.")
        }
        // Node and feature numbers are kept in 32 bits; a tree has fewer
        // than twice as many nodes as rows.
        guard features.rows <= Self.maxRows, features.columns <= Int(Int32.max) else {
            throw FitError("There are \(features.rows) rows of \(features.columns) features; trees take at most \(Self.maxRows) rows and \(Int32.max) features.")
        }
        if let index = features.values.firstIndex(where: { !$0.isFinite }) {
            let (row, column) = index.quotientAndRemainder(dividingBy: features.columns)
            let value = features.values[index]
            if value.isNaN {
                throw FitError("Row \(row + 1), column \(column + 1) of the features is missing (NaN); impute first, e.g. with coalesce() in the feature view.")
            }
            throw FitError("Row \(row + 1), column \(column + 1) of the features is \(value); trees need finite values, so clip or drop it first.")
        }
    }

    static func check(classes: [Int], classCount: Int, rows: Int) throws(FitError) {
        guard classCount >= 1 else {
            throw FitError("The class count is \(classCount); a classifier needs at least one class.")
        }
        guard classes.count == rows else {
            throw FitError("There are \(rows) feature rows but \(classes.count) classes; give one class per row.")
        }
        if let index = classes.firstIndex(where: { !(0..<classCount).contains($0) }) {
            throw FitError("Row \(index + 1) has class \(classes[index]), but classes must be between 0 and \(classCount - 1).")
        }
    }

    static func check(targets: [Double], rows: Int) throws(FitError) {
        guard targets.count == rows else {
            throw FitError("There are \(rows) feature rows but \(targets.count) targets; give one target per row.")
        }
        if let index = targets.firstIndex(where: { !$0.isFinite }) {
            throw FitError("Row \(index + 1) has target \(targets[index]); targets must be finite numbers, so drop or impute it first.")
        }
    }

    /// `weights` checked, or all ones when there are none.
    static func weights(_ weights: [Double]?, rows: Int) throws(FitError) -> [Double] {
        guard let weights else { return [Double](repeating: 1, count: rows) }
        guard weights.count == rows else {
            throw FitError("There are \(rows) feature rows but \(weights.count) weights; give one weight per row.")
        }
        if let index = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw FitError("Row \(index + 1) has weight \(weights[index]); weights must be finite and not negative.")
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw FitError("Every weight is 0; at least one row must weigh something.")
        }
        return weights
    }

    /// A classification tree grown on checked rows.
    static func growClassifier(
        ranks: FeatureRanks, classes: [Int], classCount: Int, weights: [Double],
        criterion: DecisionTreeParameters.Criterion, limits: TreeGrowthLimits, random: inout SeededRandom
    ) -> DecisionTree {
        let counts = UnsafeMutablePointer<Double>.allocate(capacity: 2 * classCount)
        defer { counts.deallocate() }
        return classes.withUnsafeBufferPointer { classes in
            weights.withUnsafeBufferPointer { weights in
                switch criterion {
                case .gini:
                    var criterion = ClassCriterion<GiniImpurity>(classes: classes, weights: weights, classCount: classCount, counts: counts)
                    return TreeGrower.grow(criterion: &criterion, ranks: ranks, weights: weights, limits: limits, random: &random)
                case .entropy:
                    var criterion = ClassCriterion<EntropyImpurity>(classes: classes, weights: weights, classCount: classCount, counts: counts)
                    return TreeGrower.grow(criterion: &criterion, ranks: ranks, weights: weights, limits: limits, random: &random)
                }
            }
        }
    }

    /// A regression tree grown on checked rows.
    static func growRegressor(
        ranks: FeatureRanks, targets: [Double], weights: [Double], limits: TreeGrowthLimits, random: inout SeededRandom
    ) -> DecisionTree {
        targets.withUnsafeBufferPointer { targets in
            weights.withUnsafeBufferPointer { weights in
                var criterion = SquaredErrorCriterion(targets: targets, weights: weights)
                return TreeGrower.grow(criterion: &criterion, ranks: ranks, weights: weights, limits: limits, random: &random)
            }
        }
    }
}
