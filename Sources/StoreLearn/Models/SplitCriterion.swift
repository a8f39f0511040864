import Foundation

/// How tree growth sums a node's rows and scores a split: scikit-learn's
/// `Criterion` classes (sklearn/tree/_criterion.pyx, 1.9), with their
/// formulas term for term so that, with whole-number weights, split scores
/// come out to the same bits.
///
/// A split search calls `setNode` once, then `clearLeft` and `addLeft` for
/// rows in increasing order of a feature, asking `proxyImprovement` at each
/// place a split could go; the right side is always the node minus the left.
protocol SplitCriterion {
    /// Numbers stored per node: class probabilities, or the mean.
    var valueCount: Int { get }
    var weightedLeft: Double { get }
    /// Makes `rows[0..<count]` the node, with nothing on the left; returns the node's weight.
    mutating func setNode(_ rows: UnsafePointer<UInt32>, count: Int) -> Double
    /// The node's impurity; `setNode` computes it only for the root, as
    /// children get theirs from their parent's split.
    func nodeImpurity() -> Double
    mutating func clearLeft()
    mutating func addLeft(_ row: Int)
    /// A number that orders splits as their impurity decrease does.
    func proxyImprovement() -> Double
    /// Makes `rows[0..<count]` the left side and gives both sides' impurity.
    mutating func measureLeft(_ rows: UnsafePointer<UInt32>, count: Int) -> (left: Double, right: Double)
    /// The node's values: class fractions by weight, or the weighted mean.
    func value(at index: Int) -> Double
}

/// An impurity of class counts: Gini or entropy.
protocol ClassImpurity {
    static func impurity(_ counts: UnsafePointer<Double>, classCount: Int, weight: Double) -> Double
    /// The impurities of `left` and of `total − left`.
    static func childImpurities(total: UnsafePointer<Double>, left: UnsafePointer<Double>, classCount: Int, weightedLeft: Double, weightedRight: Double) -> (left: Double, right: Double)
}

/// 1 − Σₖ (countₖ / weight)², scikit-learn's `Gini`.
enum GiniImpurity: ClassImpurity {
    static func impurity(_ counts: UnsafePointer<Double>, classCount: Int, weight: Double) -> Double {
        var squares = 0.0
        for label in 0..<classCount { squares += counts[label] * counts[label] }
        return 1.0 - squares / (weight * weight)
    }

    static func childImpurities(total: UnsafePointer<Double>, left: UnsafePointer<Double>, classCount: Int, weightedLeft: Double, weightedRight: Double) -> (left: Double, right: Double) {
        var squaresLeft = 0.0
        var squaresRight = 0.0
        for label in 0..<classCount {
            let countLeft = left[label]
            let countRight = total[label] - countLeft
            squaresLeft += countLeft * countLeft
            squaresRight += countRight * countRight
        }
        return (1.0 - squaresLeft / (weightedLeft * weightedLeft), 1.0 - squaresRight / (weightedRight * weightedRight))
    }
}

/// −Σₖ pₖ log₂ pₖ over classes with pₖ > 0, scikit-learn's `Entropy`.
enum EntropyImpurity: ClassImpurity {
    static func impurity(_ counts: UnsafePointer<Double>, classCount: Int, weight: Double) -> Double {
        var entropy = 0.0
        for label in 0..<classCount where counts[label] > 0 {
            let fraction = counts[label] / weight
            entropy -= fraction * log2Natural(fraction)
        }
        return entropy
    }

    static func childImpurities(total: UnsafePointer<Double>, left: UnsafePointer<Double>, classCount: Int, weightedLeft: Double, weightedRight: Double) -> (left: Double, right: Double) {
        var entropyLeft = 0.0
        var entropyRight = 0.0
        for label in 0..<classCount {
            let countLeft = left[label]
            if countLeft > 0 {
                let fraction = countLeft / weightedLeft
                entropyLeft -= fraction * log2Natural(fraction)
            }
            let countRight = total[label] - countLeft
            if countRight > 0 {
                let fraction = countRight / weightedRight
                entropyRight -= fraction * log2Natural(fraction)
            }
        }
        return (entropyLeft, entropyRight)
    }

    /// log₂ as scikit-learn takes it (sklearn/tree/_utils.pyx `log`): ln x / ln 2.
    private static func log2Natural(_ x: Double) -> Double {
        Foundation.log(x) / Foundation.log(2.0)
    }
}

/// Class counts by weight, scored by `Impurity`: scikit-learn's
/// `ClassificationCriterion` with one output.
struct ClassCriterion<Impurity: ClassImpurity>: SplitCriterion {
    private let classes: UnsafeBufferPointer<Int>
    private let weights: UnsafeBufferPointer<Double>
    private let classCount: Int
    /// Room for `2 × classCount` counts: the node's, then the left side's.
    private let counts: UnsafeMutablePointer<Double>
    private var weightedTotal = 0.0
    private(set) var weightedLeft = 0.0

    var valueCount: Int { classCount }

    init(classes: UnsafeBufferPointer<Int>, weights: UnsafeBufferPointer<Double>, classCount: Int, counts: UnsafeMutablePointer<Double>) {
        self.classes = classes
        self.weights = weights
        self.classCount = classCount
        self.counts = counts
    }

    private var left: UnsafeMutablePointer<Double> { counts + classCount }

    mutating func setNode(_ rows: UnsafePointer<UInt32>, count: Int) -> Double {
        counts.update(repeating: 0, count: classCount)
        var weight = 0.0
        for index in 0..<count {
            let row = Int(rows[index])
            let rowWeight = weights[row]
            counts[classes[row]] += rowWeight
            weight += rowWeight
        }
        weightedTotal = weight
        clearLeft()
        return weight
    }

    func nodeImpurity() -> Double {
        Impurity.impurity(counts, classCount: classCount, weight: weightedTotal)
    }

    mutating func clearLeft() {
        left.update(repeating: 0, count: classCount)
        weightedLeft = 0
    }

    mutating func addLeft(_ row: Int) {
        let rowWeight = weights[row]
        left[classes[row]] += rowWeight
        weightedLeft += rowWeight
    }

    func proxyImprovement() -> Double {
        let weightedRight = weightedTotal - weightedLeft
        let (impurityLeft, impurityRight) = Impurity.childImpurities(total: counts, left: left, classCount: classCount, weightedLeft: weightedLeft, weightedRight: weightedRight)
        return -weightedRight * impurityRight - weightedLeft * impurityLeft
    }

    mutating func measureLeft(_ rows: UnsafePointer<UInt32>, count: Int) -> (left: Double, right: Double) {
        clearLeft()
        for index in 0..<count { addLeft(Int(rows[index])) }
        return Impurity.childImpurities(total: counts, left: left, classCount: classCount, weightedLeft: weightedLeft, weightedRight: weightedTotal - weightedLeft)
    }

    func value(at index: Int) -> Double {
        counts[index] / weightedTotal
    }
}

/// Weighted mean squared error, scikit-learn's `MSE` with one output:
/// impurity Σw y² / Σw − (Σw y / Σw)², proxy (Σ_L w y)² / Σ_L w + (Σ_R w y)² / Σ_R w.
struct SquaredErrorCriterion: SplitCriterion {
    private let targets: UnsafeBufferPointer<Double>
    private let weights: UnsafeBufferPointer<Double>
    private var weightedTotal = 0.0
    private var sumTotal = 0.0
    private var squaresTotal = 0.0
    private(set) var weightedLeft = 0.0
    private var sumLeft = 0.0

    var valueCount: Int { 1 }

    init(targets: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>) {
        self.targets = targets
        self.weights = weights
    }

    mutating func setNode(_ rows: UnsafePointer<UInt32>, count: Int) -> Double {
        var weight = 0.0
        var sum = 0.0
        var squares = 0.0
        for index in 0..<count {
            let row = Int(rows[index])
            let rowWeight = weights[row]
            let target = targets[row]
            weight += rowWeight
            sum += rowWeight * target
            squares += rowWeight * target * target
        }
        weightedTotal = weight
        sumTotal = sum
        squaresTotal = squares
        clearLeft()
        return weight
    }

    func nodeImpurity() -> Double {
        let mean = sumTotal / weightedTotal
        return squaresTotal / weightedTotal - mean * mean
    }

    mutating func clearLeft() {
        weightedLeft = 0
        sumLeft = 0
    }

    mutating func addLeft(_ row: Int) {
        let rowWeight = weights[row]
        weightedLeft += rowWeight
        sumLeft += rowWeight * targets[row]
    }

    /// `addLeft` for a row whose weight w and w × target were read together
    /// (gradient boosting keeps them side by side, one cache line a row).
    mutating func addLeft(weight: Double, weightedTarget: Double) {
        weightedLeft += weight
        sumLeft += weightedTarget
    }

    func proxyImprovement() -> Double {
        let sumRight = sumTotal - sumLeft
        return sumLeft * sumLeft / weightedLeft + sumRight * sumRight / (weightedTotal - weightedLeft)
    }

    mutating func measureLeft(_ rows: UnsafePointer<UInt32>, count: Int) -> (left: Double, right: Double) {
        clearLeft()
        var squaresLeft = 0.0
        for index in 0..<count {
            let row = Int(rows[index])
            let rowWeight = weights[row]
            let target = targets[row]
            weightedLeft += rowWeight
            sumLeft += rowWeight * target
            squaresLeft += rowWeight * target * target
        }
        let weightedRight = weightedTotal - weightedLeft
        let meanLeft = sumLeft / weightedLeft
        let meanRight = (sumTotal - sumLeft) / weightedRight
        return (squaresLeft / weightedLeft - meanLeft * meanLeft, (squaresTotal - squaresLeft) / weightedRight - meanRight * meanRight)
    }

    func value(at index: Int) -> Double {
        sumTotal / weightedTotal
    }
}
