import Foundation

/// The settings of a Gaussian naive Bayes classifier, as scikit-learn 1.9's
/// `GaussianNB` names them, with its defaults.
///
/// ```swift
/// var parameters = GaussianNaiveBayesParameters()   // varSmoothing 1e-9, priors from the data
/// parameters.priors = [0.9, 0.1]
/// ```
public struct GaussianNaiveBayesParameters: Sendable, Equatable, Codable {
    /// The share of the largest feature variance added to every variance
    /// for stability (`var_smoothing`); 0 or more.
    public var varSmoothing: Double = 1e-9
    /// The prior of each class, 0 or more and summing to 1 (`priors`); nil:
    /// each class's share of the training weight.
    public var priors: [Double]? = nil

    public init(varSmoothing: Double = 1e-9, priors: [Double]? = nil) {
        self.varSmoothing = varSmoothing
        self.priors = priors
    }
}

/// A fitted Gaussian naive Bayes classifier: scikit-learn 1.9's `GaussianNB`.
/// Each class has a prior and, for each feature, a normal distribution, the
/// features independent given the class.
///
/// ```swift
/// let model = try GaussianNaiveBayes.fit(
///     features: Matrix([[0], [2], [4], [6]]), classes: [0, 0, 1, 1], classCount: 2)
/// model.means                           // [[1], [5]]
/// model.probabilities(Matrix([[2]]))    // [1 / (1 + e⁻⁴), e⁻⁴ / (1 + e⁻⁴)] ≈ [0.982, 0.018]
/// ```
///
/// (1) Each class's mean and variance of each feature are weighted by the
///     sample weights (1 by default; class weights multiply them), the
///     variance divided by the class's total weight (not one less). Then ε =
///     `varSmoothing` × the largest variance of a feature over all training
///     rows, without weights (as scikit-learn), is added to every variance.
/// (2) The priors are `parameters.priors`, or else each class's share of the
///     total weight.
/// (3) The joint log likelihood of a row x and class c is
///     log P(c) + (−½ Σⱼ log(2π σ²_cj) − ½ Σⱼ (xⱼ − μ_cj)² / σ²_cj), summed
///     in that order, as scikit-learn. The probabilities are
///     exp(jll − logsumexp(jll)) with scikit-learn's log-sum-exp:
///     log1p(s / m) + log m + max, where m classes reach the maximum and s
///     sums exp(jll − max) over the others.
/// (4) A class with no training weight (no rows, or weights all 0) has
///     prior 0, so probability 0, mean 0 and variance ε, as scikit-learn's
///     `partial_fit` with the class named; given priors must give it 0.
///     (scikit-learn takes a class whose weights sum to 1e-8 or less as
///     having no rows for its mean and variance, though not its prior; here
///     only a sum of 0 does.)
/// (5) `predict` is the most probable class, the lowest on ties.
///     scikit-learn takes the largest joint log likelihood, which agrees
///     unless two classes' probabilities round to the same number.
/// (6) A query row with a missing feature gets NaN probabilities. The
///     queries must have as many columns as the training rows.
/// (7) Fitting fails with a sentence on the input every classifier refuses
///     (no rows, a missing or infinite feature, a class outside
///     0..<classCount, fewer than 2 classes, bad sample weights), no feature
///     columns, a negative `varSmoothing`, priors that
///     are not one per class, 0 or more, summing to 1 (within numpy's
///     `isclose`, as scikit-learn), a positive prior for a class with no
///     training weight, or a variance of 0 (every feature constant, or
///     `varSmoothing` 0 and a feature constant within a class).
///     Decoding refuses a model of the wrong shape, or with a variance that
///     is not positive for a class whose prior is.
public struct GaussianNaiveBayes: Classifier, Equatable {
    public let classCount: Int
    public let featureCount: Int
    /// The mean of each feature in each class, one row per class (`theta_`).
    public let means: [[Double]]
    /// The variance of each feature in each class, ε included (`var_`).
    public let variances: [[Double]]
    /// The prior of each class (`class_prior_`).
    public let priors: [Double]
    /// The training weight of each class: its rows when unweighted (`class_count_`).
    public let classCounts: [Double]
    /// What was added to every variance (`epsilon_`).
    public let epsilon: Double

    /// Fits the model to `features` and their `classes` (indices
    /// 0..<classCount), each row weighted by `weights` when given.
    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: GaussianNaiveBayesParameters = GaussianNaiveBayesParameters()
    ) throws(FitError) -> GaussianNaiveBayes {
        try TrainingCheck.classification(features: features, classes: classes, classCount: classCount, weights: weights)
        let width = features.columns
        guard width >= 1 else { throw FitError("Gaussian naive Bayes needs at least one feature column; there are none.") }
        guard parameters.varSmoothing >= 0, parameters.varSmoothing.isFinite else {
            throw FitError("varSmoothing must be a finite number, 0 or more, not \(parameters.varSmoothing).")
        }
        let largestVariance = weightedMoments(features, rows: Array(0..<features.rows), weights: nil).variances.max() ?? 0
        guard largestVariance > 0 else {
            throw FitError("every feature has one value in all training rows; Gaussian naive Bayes needs a feature that varies.")
        }
        let epsilon = parameters.varSmoothing * largestVariance
        var members = [[Int]](repeating: [], count: classCount)
        for (row, label) in classes.enumerated() { members[label].append(row) }
        var means: [[Double]] = []
        var variances: [[Double]] = []
        var classCounts: [Double] = []
        for rows in members {
            let moments = weightedMoments(features, rows: rows, weights: weights)
            means.append(moments.means)
            variances.append(moments.variances.map { $0 + epsilon })
            classCounts.append(moments.total)
        }
        let priors = try Self.priors(parameters.priors, classCounts: classCounts)
        for (label, classVariances) in variances.enumerated() where classCounts[label] > 0 {
            if let feature = classVariances.firstIndex(where: { !$0.isFinite }) {
                throw FitError("the variance of feature \(feature + 1) in class \(label) overflows; scale the features first.")
            }
            if let feature = classVariances.firstIndex(where: { $0 <= 0 }) {
                throw FitError("feature \(feature + 1) is constant in class \(label), and with varSmoothing 0 its variance is 0; make varSmoothing positive, or drop the feature.")
            }
        }
        return GaussianNaiveBayes(
            classCount: classCount, featureCount: width, means: means, variances: variances,
            priors: priors, classCounts: classCounts, epsilon: epsilon)
    }

    /// The given priors, checked, or each class's share of `classCounts`.
    private static func priors(_ given: [Double]?, classCounts: [Double]) throws(FitError) -> [Double] {
        let total = classCounts.reduce(0, +)
        guard let given else { return classCounts.map { $0 / total } }
        guard given.count == classCounts.count else {
            throw FitError("there are \(given.count) priors for \(classCounts.count) classes; give one per class.")
        }
        guard given.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw FitError("priors must be finite and 0 or more; they are \(given).")
        }
        let sum = given.reduce(0, +)
        // numpy's isclose(sum, 1), as scikit-learn checks.
        guard abs(sum - 1) <= 1e-8 + 1e-5 else {
            throw FitError("priors must sum to 1; they sum to \(sum).")
        }
        if let empty = classCounts.indices.first(where: { classCounts[$0] == 0 && given[$0] > 0 }) {
            throw FitError("class \(empty) has no training rows (or only rows of weight 0), so its prior must be 0, not \(given[empty]).")
        }
        return given
    }

    /// The weighted mean and variance (divided by the total weight) of each
    /// column over `rows`, and the total weight; all 0 when that is 0.
    private static func weightedMoments(_ features: Matrix, rows: [Int], weights: [Double]?) -> (means: [Double], variances: [Double], total: Double) {
        let width = features.columns
        var total = 0.0
        var sums = [Double](repeating: 0, count: width)
        for row in rows {
            let weight = weights?[row] ?? 1
            total += weight
            for column in 0..<width { sums[column] += features[row, column] * weight }
        }
        guard total > 0 else {
            return ([Double](repeating: 0, count: width), [Double](repeating: 0, count: width), 0)
        }
        let means = sums.map { $0 / total }
        var squares = [Double](repeating: 0, count: width)
        for row in rows {
            let weight = weights?[row] ?? 1
            for column in 0..<width {
                let deviation = features[row, column] - means[column]
                squares[column] += deviation * deviation * weight
            }
        }
        return (means, squares.map { $0 / total }, total)
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        precondition(features.columns == featureCount, "the queries have \(features.columns) columns, the model \(featureCount)")
        let logPriors = priors.map { log($0) }
        let normalisers = variances.map { classVariances in
            -0.5 * classVariances.reduce(0) { $0 + log(2 * Double.pi * $1) }
        }
        var output = Matrix(rows: features.rows, columns: classCount)
        var joint = [Double](repeating: 0, count: classCount)
        for row in 0..<features.rows {
            for label in 0..<classCount {
                guard priors[label] > 0 else {
                    joint[label] = -.infinity
                    continue
                }
                var distance = 0.0
                for column in 0..<featureCount {
                    let deviation = features[row, column] - means[label][column]
                    distance += deviation * deviation / variances[label][column]
                }
                joint[label] = logPriors[label] + (normalisers[label] - 0.5 * distance)
            }
            let logTotal = Self.logSumExp(joint)
            for label in 0..<classCount { output[row, label] = exp(joint[label] - logTotal) }
        }
        return output
    }

    /// log Σ exp(values), as scikit-learn 1.9's `_logsumexp`: the terms at
    /// the maximum are counted (m) and the rest summed relative to it (s),
    /// giving log1p(s / m) + log m + max. NaN when a value is NaN.
    static func logSumExp(_ values: [Double]) -> Double {
        guard !values.contains(where: \.isNaN), let top = values.max() else { return .nan }
        let shift = top.isFinite ? top : 0
        var atTop = 0.0
        var sum = 0.0
        for value in values {
            if value == top { atTop += 1 } else { sum += exp(value - shift) }
        }
        if sum != 0 { sum /= atTop }
        return log1p(sum) + log(atTop) + top
    }

    init(
        classCount: Int, featureCount: Int, means: [[Double]], variances: [[Double]],
        priors: [Double], classCounts: [Double], epsilon: Double
    ) {
        self.classCount = classCount
        self.featureCount = featureCount
        self.means = means
        self.variances = variances
        self.priors = priors
        self.classCounts = classCounts
        self.epsilon = epsilon
    }

    private enum CodingKeys: String, CodingKey {
        case classCount, featureCount, means, variances, priors, classCounts, epsilon
    }

    /// Decodes a model, refusing one of the wrong shape or with a variance that is not positive (7).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            classCount: try container.decode(Int.self, forKey: .classCount),
            featureCount: try container.decode(Int.self, forKey: .featureCount),
            means: try container.decode([ModelArray<Double>].self, forKey: .means).map(\.values),
            variances: try container.decode([ModelArray<Double>].self, forKey: .variances).map(\.values),
            priors: try container.decode([Double].self, forKey: .priors),
            classCounts: try container.decode([Double].self, forKey: .classCounts),
            epsilon: try container.decode(Double.self, forKey: .epsilon))
        if let problem {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "not a Gaussian naive Bayes model: \(problem)"))
        }
    }

    /// Encodes the model; each class's means and variances are a
    /// `ModelArray` (in `model_arrays` when there are many features).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classCount, forKey: .classCount)
        try container.encode(featureCount, forKey: .featureCount)
        try container.encode(means.map(ModelArray.init), forKey: .means)
        try container.encode(variances.map(ModelArray.init), forKey: .variances)
        try container.encode(priors, forKey: .priors)
        try container.encode(classCounts, forKey: .classCounts)
        try container.encode(epsilon, forKey: .epsilon)
    }

    /// What makes these values no model, or nil.
    private var problem: String? {
        guard classCount >= 2, featureCount >= 1 else {
            return "it needs at least 2 classes and 1 feature, not \(classCount) and \(featureCount)"
        }
        let shapes = [means, variances]
        guard shapes.allSatisfy({ $0.count == classCount && $0.allSatisfy { $0.count == featureCount } }),
              priors.count == classCount, classCounts.count == classCount else {
            return "its means, variances, priors and class counts are not \(classCount) classes of \(featureCount) features"
        }
        guard means.allSatisfy({ $0.allSatisfy(\.isFinite) }),
              variances.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0.isFinite } }),
              zip(variances, priors).allSatisfy({ $1 == 0 || $0.allSatisfy { $0 > 0 } }) else {
            return "its means must be finite, and its variances finite and positive (0 only for a class of prior 0)"
        }
        guard priors.allSatisfy({ $0 >= 0 && $0.isFinite }), priors.contains(where: { $0 > 0 }),
              classCounts.allSatisfy({ $0 >= 0 && $0.isFinite }), epsilon >= 0, epsilon.isFinite else {
            return "its priors, class counts and epsilon must be finite and 0 or more, and some prior positive"
        }
        return nil
    }
}
