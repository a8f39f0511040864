/// The settings of a support vector classifier, as scikit-learn 1.9's `SVC`
/// names them, with its defaults except `probability` (see (4)); `seed`
/// stands for `random_state`.
///
/// ```swift
/// var parameters = SupportVectorParameters()
/// parameters.kernel = .polynomial(degree: 2, coef0: 1)
/// parameters.c = 10
/// parameters.gamma = .value(0.5)
/// ```
///
/// (1) `gamma` `.scale` is 1 / (features · variance of every feature value
///     of the training rows), or 1 when that variance is 0; `.auto` is
///     1 / features. The linear kernel has no gamma.
/// (2) `tolerance` is libsvm's `eps`: the solver stops when the largest
///     violation of the optimality conditions is at most this.
/// (3) `maxIterations` must stay -1: libsvm 3.24 takes no iteration limit
///     (scikit-learn's copy does). libsvm stops on its own after
///     max(10 000 000, 100 · rows) iterations of one binary problem.
/// (4) `probability` (scikit-learn's default is false, and 1.9 deprecates
///     it) fits Platt's sigmoid to the decision values of an internal 5-fold
///     cross-validation of each pair of classes, which costs about five more
///     fits. The folds are shuffled with C `rand()`, seeded from `seed`.
public struct SupportVectorParameters: Sendable, Equatable, Codable {
    /// The kernel k(x, y) of the classifier.
    public enum Kernel: Sendable, Equatable, Codable {
        /// x · y.
        case linear
        /// exp(−gamma · |x − y|²).
        case rbf
        /// (gamma · x · y + coef0)^degree; scikit-learn's defaults are 3 and 0.
        case polynomial(degree: Int = 3, coef0: Double = 0)
        /// tanh(gamma · x · y + coef0); scikit-learn's default coef0 is 0.
        case sigmoid(coef0: Double = 0)
    }

    /// How gamma is chosen; see (1).
    public enum Gamma: Sendable, Equatable, Codable {
        case scale
        case auto
        case value(Double)
    }

    public var kernel: Kernel = .rbf
    /// The penalty on margin violations (scikit-learn `C`).
    public var c: Double = 1
    public var gamma: Gamma = .scale
    public var tolerance: Double = 1e-3
    /// The kernel cache, in megabytes.
    public var cacheSize: Double = 200
    /// libsvm's shrinking heuristics (scikit-learn `shrinking`).
    public var shrinking: Bool = true
    /// See (3).
    public var maxIterations: Int = -1
    /// See (4).
    public var probability: Bool = true
    public var seed: UInt64 = 0

    public init(
        kernel: Kernel = .rbf,
        c: Double = 1,
        gamma: Gamma = .scale,
        tolerance: Double = 1e-3,
        cacheSize: Double = 200,
        shrinking: Bool = true,
        maxIterations: Int = -1,
        probability: Bool = true,
        seed: UInt64 = 0
    ) {
        self.kernel = kernel
        self.c = c
        self.gamma = gamma
        self.tolerance = tolerance
        self.cacheSize = cacheSize
        self.shrinking = shrinking
        self.maxIterations = maxIterations
        self.probability = probability
        self.seed = seed
    }

    /// Throws unless every setting is one libsvm accepts.
    func check() throws(FitError) {
        guard c > 0, c.isFinite else { throw FitError("C must be a number greater than 0, not \(c).") }
        guard tolerance > 0, tolerance.isFinite else {
            throw FitError("tol must be a number greater than 0, not \(tolerance).")
        }
        guard cacheSize > 0, cacheSize.isFinite else {
            throw FitError("cache_size must be a number of megabytes greater than 0, not \(cacheSize).")
        }
        guard maxIterations == -1 else {
            throw FitError("max_iter must be -1: libsvm 3.24 takes no iteration limit (it stops by itself after max(10000000, 100 × rows) iterations).")
        }
        switch kernel {
        case .polynomial(let degree, let coef0):
            guard degree >= 0, degree <= Int(Int32.max) else {
                throw FitError("degree must be an integer of 0 or more, not \(degree).")
            }
            guard coef0.isFinite else { throw FitError("coef0 must be a number, not \(coef0).") }
        case .sigmoid(let coef0):
            guard coef0.isFinite else { throw FitError("coef0 must be a number, not \(coef0).") }
        case .linear, .rbf:
            break
        }
        if case .value(let value) = gamma, !(value > 0 && value.isFinite) {
            throw FitError("gamma must be a number greater than 0 (or scale, or auto), not \(value).")
        }
    }

    /// Gamma for `features`, as (1).
    func resolvedGamma(for features: Matrix) -> Double {
        switch gamma {
        case .value(let value):
            return value
        case .auto:
            return 1 / Double(max(features.columns, 1))
        case .scale:
            let count = Double(features.values.count)
            guard count > 0 else { return 1 }
            let mean = features.values.reduce(0, +) / count
            let variance = features.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            return variance == 0 ? 1 : 1 / (Double(features.columns) * variance)
        }
    }
}
