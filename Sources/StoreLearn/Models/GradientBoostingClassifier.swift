import Foundation
import StoreCore

/// A fitted gradient boosting classifier with log loss: scikit-learn's
/// `GradientBoostingClassifier` (sklearn/ensemble/_gb.py, 1.9).
///
/// ```swift
/// let model = try GradientBoostingClassifier.fit(
///     features: features, classes: classes, classCount: 2,
///     parameters: GradientBoostingParameters(nEstimators: 200, seed: 7))
/// model.probabilities(rows)   // sigmoid (softmax) of the raw scores
/// ```
///
/// (1) Two classes boost one raw score, the logit of class 1, one tree per
///     stage; K > 2 classes boost one score per class, K trees per stage,
///     and probabilities are their softmax.
/// (2) Scores start from the weighted class shares p, clipped to
///     [ε, 1 − ε] (ε = 2⁻⁵²): log(p₁ / (1 − p₁)) for two classes,
///     log pₖ − mean(log p) for more (scikit-learn's `DummyClassifier`
///     prior through the loss's link).
/// (3) Trees fit the negative gradient y − p; each leaf then takes one
///     Newton step Σw(y − p) / Σw p(1 − p) over the stage's rows in it, times
///     (K − 1) / K for K > 2 classes (see `GradientBoosting.Loss.leafValue`).
/// (4) Weights scale rows in the prior, the trees and the leaf steps
///     (scikit-learn's `sample_weight`; class weights "balanced" are
///     `rows / (classCount × rows of the class)` per row).
/// (5) A class with no training weight keeps a probability near 0 (its
///     prior is clipped to ε); scikit-learn would not know the class at all,
///     so with such a class the two differ by the (K − 1) / K factor.
/// (6) `progress`, when given, is called with the number of stages done
///     (1, 2, … nEstimators, in that order), from the fitting thread.
/// (7) Fitting fails with a sentence on no rows or no features, NaN or
///     infinite features, classes outside `0..<classCount`, fewer than two
///     classes with weight, lengths that do not match, negative weights, or
///     parameters out of range.
public struct GradientBoostingClassifier: Classifier, Equatable {
    public let classCount: Int
    public let featureCount: Int
    public let learningRate: Double
    /// The raw scores every row starts from, one per tree of a stage.
    public let initialScores: [Double]
    /// The trees, stage after stage, `treesPerStage` to a stage (tree `k` of
    /// a stage for class `k`). Leaves hold the Newton steps, before the
    /// learning rate.
    public let trees: [DecisionTree]

    /// 1 for two classes, else the class count.
    public var treesPerStage: Int { Self.treesPerStage(classCount: classCount) }

    public var stageCount: Int { trees.count / treesPerStage }

    /// See `GradientBoosting.featureImportances`.
    public var featureImportances: [Double] { GradientBoosting.featureImportances(trees, featureCount: featureCount) }

    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: GradientBoostingParameters = GradientBoostingParameters(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(FitError) -> GradientBoostingClassifier {
        try TreeInput.check(features: features)
        try TreeInput.check(classes: classes, classCount: classCount, rows: features.rows)
        let weights = try TreeInput.weights(weights, rows: features.rows)
        let limits = try parameters.resolved(featureCount: features.columns)
        var classWeights = [Double](repeating: 0, count: classCount)
        for (label, weight) in zip(classes, weights) { classWeights[label] += weight }
        let weighted = classWeights.filter { $0 > 0 }.count
        guard weighted >= 2 else {
            throw FitError("Only \(weighted) class has rows of positive weight; gradient boosting needs at least 2.")
        }
        let total = classWeights.reduce(0, +)
        let initialScores = Self.initialScores(priors: classWeights.map { $0 / total })
        let loss: GradientBoosting.Loss = classCount == 2
            ? .binomial(classes: classes)
            : .multinomial(classes: classes, classCount: classCount)
        let trees = GradientBoosting.fitStages(
            features: features, loss: loss, weights: weights, initialScores: initialScores,
            parameters: parameters, limits: limits, progress: progress)
        return GradientBoostingClassifier(
            classCount: classCount, featureCount: features.columns, learningRate: parameters.learningRate,
            initialScores: initialScores, trees: trees)
    }

    /// The raw scores of each row, one column per tree of a stage:
    /// scikit-learn's `decision_function` (a single column for two classes).
    public func decisionFunction(_ features: Matrix) -> Matrix {
        Matrix(
            checkedRows: features.rows, columns: treesPerStage,
            values: GradientBoosting.rawScores(
                features, trees: trees, treesPerStage: treesPerStage, initialScores: initialScores, learningRate: learningRate))
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        let scores = decisionFunction(features).values
        var result = Matrix(rows: features.rows, columns: classCount)
        if classCount == 2 {
            for row in 0..<features.rows {
                let probability = 1 / (1 + exp(-scores[row]))
                result[row, 0] = 1 - probability
                result[row, 1] = probability
            }
        } else {
            var probabilities = [Double](repeating: 0, count: classCount)
            for row in 0..<features.rows {
                GradientBoosting.Loss.softmax(scores, start: row * classCount, count: classCount, into: &probabilities)
                for label in 0..<classCount { result[row, label] = probabilities[label] }
            }
        }
        return result
    }

    init(classCount: Int, featureCount: Int, learningRate: Double, initialScores: [Double], trees: [DecisionTree]) {
        self.classCount = classCount
        self.featureCount = featureCount
        self.learningRate = learningRate
        self.initialScores = initialScores
        self.trees = trees
    }

    private static func treesPerStage(classCount: Int) -> Int {
        classCount == 2 ? 1 : classCount
    }

    /// The raw scores of the class priors, clipped to [ε, 1 − ε]: the logit
    /// of class 1 for two classes (as scipy's `logit`, which takes
    /// log1p(2(p − ½)) − log1p(−2(p − ½)) between 0.3 and 0.65 for accuracy),
    /// and log pₖ − mean(log p) for more (scikit-learn's symmetric
    /// multinomial logit).
    static func initialScores(priors: [Double]) -> [Double] {
        let epsilon = Double.ulpOfOne
        let clipped = priors.map { min(max($0, epsilon), 1 - epsilon) }
        if clipped.count == 2 {
            let p = clipped[1]
            if p < 0.3 || p > 0.65 { return [log(p / (1 - p))] }
            let s = 2 * (p - 0.5)
            return [log1p(s) - log1p(-s)]
        }
        let logs = clipped.map { log($0) }
        let geometricMean = exp(logs.reduce(0, +) / Double(logs.count))
        return clipped.map { log($0 / geometricMean) }
    }

    private enum CodingKeys: String, CodingKey {
        case classCount, featureCount, learningRate, initialScores, trees
    }

    /// Decodes a model and checks that its parts fit together.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        guard classCount >= 2 else {
            throw DecodingError.dataCorruptedError(forKey: .classCount, in: container, debugDescription: "a gradient boosting classifier needs at least 2 classes, not \(classCount)")
        }
        self.init(
            classCount: classCount,
            featureCount: try container.decode(Int.self, forKey: .featureCount),
            learningRate: try container.decode(Double.self, forKey: .learningRate),
            initialScores: try container.decode([Double].self, forKey: .initialScores),
            trees: try container.decode([DecisionTree].self, forKey: .trees))
        try GradientBoosting.check(
            trees: trees, treesPerStage: treesPerStage, initialScores: initialScores,
            featureCount: featureCount, learningRate: learningRate, decoder: decoder)
    }
}
