import COpenBLAS
import Foundation

/// The settings of a logistic regression, with scikit-learn's defaults.
public struct LogisticRegressionParameters: Codable, Sendable, Equatable {
    /// Inverse strength of the L2 penalty (scikit-learn `C`).
    public var c = 1.0
    public var fitIntercept = true
    public var maximumIterations = 1000
    /// Converged when every entry of the objective's gradient is at most this.
    public var tolerance = 1e-8

    public init() {}
}

/// L2-penalized logistic regression, as scikit-learn's
/// `LogisticRegression(penalty="l2", solver="lbfgs")`: binary (one weight
/// vector, the sigmoid) for two classes, multinomial (one vector per class,
/// the softmax) for more. The intercept is not penalized.
///
/// It minimizes Σᵢ sᵢ·loss(xᵢ, yᵢ) / Σᵢ sᵢ + ‖W‖² / (2·C·Σᵢ sᵢ), with sᵢ the
/// sample weights (1 by default; class weights multiply them), by L-BFGS
/// to a gradient of at most `tolerance` (scikit-learn stops at 1e-4 after
/// at most 100 iterations, so its coefficients can differ in the last
/// digits it did not reach). The products with the data go through BLAS.
public struct LogisticRegression: Classifier, Equatable {
    public let classCount: Int
    /// One row per score: 1 for two classes (the score of class 1), else one per class.
    public let coefficients: [[Double]]
    public let intercepts: [Double]
    /// Iterations the solver took.
    public let iterations: Int

    /// Fits the model to `features` and their `classes` (indices 0..<classCount).
    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: LogisticRegressionParameters = LogisticRegressionParameters()
    ) throws(FitError) -> LogisticRegression {
        try TrainingCheck.classification(features: features, classes: classes, classCount: classCount, weights: weights)
        guard parameters.c > 0 else { throw FitError("C must be greater than 0, not \(parameters.c).") }
        let scores = classCount == 2 ? 1 : classCount
        let problem = LogisticProblem(features: features, classes: classes, scores: scores, weights: weights, parameters: parameters)
        var settings = LBFGS.Settings()
        settings.maximumIterations = parameters.maximumIterations
        settings.gradientTolerance = parameters.tolerance
        let result = LBFGS.minimize(from: [Double](repeating: 0, count: scores * problem.width), settings: settings) { point, gradient in
            problem.evaluate(point, gradient: &gradient)
        }
        let d = features.columns
        let coefficients = (0..<scores).map { Array(result.point[($0 * problem.width)..<($0 * problem.width + d)]) }
        let intercepts = (0..<scores).map { parameters.fitIntercept ? result.point[$0 * problem.width + d] : 0 }
        return LogisticRegression(classCount: classCount, coefficients: coefficients, intercepts: intercepts, iterations: result.iterations)
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        var output = Matrix(rows: features.rows, columns: classCount)
        let scores = coefficients.count
        guard features.rows > 0, scores > 0 else { return output }
        let d = features.columns
        let weights = coefficients.flatMap { $0 }
        var z = [Double](repeating: 0, count: features.rows * scores)
        for row in 0..<features.rows {
            for score in 0..<scores { z[row * scores + score] = intercepts[score] }
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(features.rows), Int32(scores), Int32(d),
                    1, features.values, Int32(d), weights, Int32(d), 1, &z, Int32(scores))
        for row in 0..<features.rows {
            if scores == 1 {
                let p = LogisticProblem.sigmoid(z[row])
                output[row, 0] = 1 - p
                output[row, 1] = p
            } else {
                let slice = z[(row * scores)..<((row + 1) * scores)]
                let top = slice.max() ?? 0
                let total = slice.reduce(0) { $0 + exp($1 - top) }
                for score in 0..<scores { output[row, score] = exp(z[row * scores + score] - top) / total }
            }
        }
        return output
    }
}

/// The objective of a logistic regression fit and its gradient, computed
/// with two BLAS matrix products per evaluation.
struct LogisticProblem {
    let rows: Int
    let features: Int
    /// Columns of `design`: the features, then 1 for the intercept.
    let width: Int
    let scores: Int
    /// The features with a column of ones appended (when fitting an intercept), row after row.
    let design: [Double]
    let classes: [Int]
    /// Sample weights divided by their sum.
    let weights: [Double]
    /// 1 / (C · Σ sᵢ).
    let penalty: Double

    init(features: Matrix, classes: [Int], scores: Int, weights: [Double]?, parameters: LogisticRegressionParameters) {
        rows = features.rows
        self.features = features.columns
        width = features.columns + (parameters.fitIntercept ? 1 : 0)
        self.scores = scores
        var design = [Double]()
        design.reserveCapacity(rows * width)
        for row in 0..<rows {
            design.append(contentsOf: features.row(row))
            if parameters.fitIntercept { design.append(1) }
        }
        self.design = design
        self.classes = classes
        let raw = weights ?? [Double](repeating: 1, count: rows)
        let total = raw.reduce(0, +)
        self.weights = raw.map { $0 / total }
        penalty = 1 / (parameters.c * total)
    }

    /// The objective at `point` (`scores × width` parameters), with its gradient.
    func evaluate(_ point: [Double], gradient: inout [Double]) -> Double {
        var z = [Double](repeating: 0, count: rows * scores)
        // One score per row is a matrix–vector product: dgemm would copy the
        // whole design matrix into its panels on every call.
        if scores == 1 {
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(width), 1, design, Int32(width), point, 1, 0, &z, 1)
        } else {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(scores), Int32(width),
                        1, design, Int32(width), point, Int32(width), 0, &z, Int32(scores))
        }
        var loss = 0.0
        // z becomes the weighted residuals sᵢ·(pᵢₖ − [yᵢ = k]).
        for row in 0..<rows {
            let weight = weights[row]
            let actual = classes[row]
            if scores == 1 {
                let score = z[row]
                let y = actual == 1 ? 1.0 : 0.0
                loss += weight * (max(score, 0) + log1p(exp(-abs(score))) - y * score)
                z[row] = weight * (Self.sigmoid(score) - y)
            } else {
                let base = row * scores
                var top = -Double.infinity
                for score in 0..<scores { top = max(top, z[base + score]) }
                var total = 0.0
                for score in 0..<scores { total += exp(z[base + score] - top) }
                let logTotal = top + log(total)
                loss += weight * (logTotal - z[base + actual])
                for score in 0..<scores {
                    let p = exp(z[base + score] - logTotal)
                    z[base + score] = weight * (p - (score == actual ? 1 : 0))
                }
            }
        }
        if scores == 1 {
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(width), 1, design, Int32(width), z, 1, 0, &gradient, 1)
        } else {
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(scores), Int32(width), Int32(rows),
                        1, z, Int32(scores), design, Int32(width), 0, &gradient, Int32(width))
        }
        for score in 0..<scores {
            for feature in 0..<features {
                let w = point[score * width + feature]
                loss += 0.5 * penalty * w * w
                gradient[score * width + feature] += penalty * w
            }
        }
        return loss
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}

extension LogisticRegression {
    private enum CodingKeys: String, CodingKey {
        case classCount, coefficients, intercepts, iterations
    }

    /// Decodes a model; each score's coefficients are a `ModelArray` (in
    /// `model_arrays` when there are many features).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        classCount = try container.decode(Int.self, forKey: .classCount)
        coefficients = try container.decode([ModelArray<Double>].self, forKey: .coefficients).map(\.values)
        intercepts = try container.decode([Double].self, forKey: .intercepts)
        iterations = try container.decode(Int.self, forKey: .iterations)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classCount, forKey: .classCount)
        try container.encode(coefficients.map(ModelArray.init), forKey: .coefficients)
        try container.encode(intercepts, forKey: .intercepts)
        try container.encode(iterations, forKey: .iterations)
    }
}
