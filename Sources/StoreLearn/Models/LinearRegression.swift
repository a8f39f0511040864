import COpenBLAS

/// The settings of a linear regression, with scikit-learn's defaults.
public struct LinearRegressionParameters: Codable, Sendable, Equatable {
    /// The L2 penalty (scikit-learn `Ridge(alpha=…)`); 0 is ordinary least squares.
    public var alpha = 0.0
    public var fitIntercept = true

    public init() {}
}

/// Least squares, optionally with an L2 (ridge) penalty, as scikit-learn's
/// `LinearRegression` (alpha 0) and `Ridge(alpha)`.
///
/// With an intercept, the features and target are first centered (with the
/// sample weights), so the intercept is not penalized; rows are scaled by
/// √weight. Alpha 0 solves the least-squares problem by LAPACK's SVD-based
/// `dgelsd`, which gives the minimum-norm solution when columns are
/// collinear, as scipy's `lstsq` behind `LinearRegression`; alpha > 0 solves
/// the normal equations (XᵀX + αI)w = Xᵀy by Cholesky (`dposv`), as `Ridge`'s
/// "cholesky" solver.
public struct LinearRegression: Regressor, Equatable {
    public let coefficients: [Double]
    public let intercept: Double

    public static func fit(
        features: Matrix, targets: [Double], weights: [Double]? = nil,
        parameters: LinearRegressionParameters = LinearRegressionParameters()
    ) throws(FitError) -> LinearRegression {
        try TrainingCheck.regression(features: features, targets: targets, weights: weights)
        guard parameters.alpha >= 0 else { throw FitError("alpha must be 0 or more, not \(parameters.alpha).") }
        let n = features.rows
        let d = features.columns
        let w = weights ?? [Double](repeating: 1, count: n)
        let total = w.reduce(0, +)
        var featureMeans = [Double](repeating: 0, count: d)
        var targetMean = 0.0
        if parameters.fitIntercept {
            for row in 0..<n {
                for column in 0..<d { featureMeans[column] += w[row] * features[row, column] }
                targetMean += w[row] * targets[row]
            }
            featureMeans = featureMeans.map { $0 / total }
            targetMean /= total
        }
        var design = [Double](repeating: 0, count: n * d)
        var response = [Double](repeating: 0, count: max(n, d))
        for row in 0..<n {
            let scale = w[row].squareRoot()
            for column in 0..<d { design[row * d + column] = scale * (features[row, column] - featureMeans[column]) }
            response[row] = scale * (targets[row] - targetMean)
        }
        let coefficients: [Double]
        if d == 0 {
            coefficients = []
        } else if parameters.alpha == 0 {
            coefficients = try leastSquares(design: &design, response: &response, rows: n, columns: d)
        } else {
            coefficients = try ridge(design: design, response: response, rows: n, columns: d, alpha: parameters.alpha)
        }
        var intercept = 0.0
        if parameters.fitIntercept {
            intercept = targetMean
            for column in 0..<d { intercept -= featureMeans[column] * coefficients[column] }
        }
        return LinearRegression(coefficients: coefficients, intercept: intercept)
    }

    public func predict(_ features: Matrix) -> [Double] {
        (0..<features.rows).map { row in
            var value = intercept
            for (column, coefficient) in coefficients.enumerated() { value += coefficient * features[row, column] }
            return value
        }
    }

    /// The minimum-norm least-squares solution by LAPACK `dgelsd`.
    private static func leastSquares(design: inout [Double], response: inout [Double], rows: Int, columns: Int) throws(FitError) -> [Double] {
        var singular = [Double](repeating: 0, count: min(rows, columns))
        var rank: Int32 = 0
        // Singular values below this share of the largest count as zero
        // (numpy's lstsq default), so exactly collinear columns are treated as such.
        let cutoff = Double.ulpOfOne * Double(max(rows, columns))
        let status = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), 1,
                                    &design, Int32(columns), &response, 1, &singular, cutoff, &rank)
        guard status == 0 else { throw FitError("the least-squares solver (LAPACK dgelsd) failed with code \(status).") }
        return Array(response[0..<columns])
    }

    /// (XᵀX + αI)⁻¹Xᵀy by BLAS and LAPACK `dposv`.
    private static func ridge(design: [Double], response: [Double], rows: Int, columns: Int, alpha: Double) throws(FitError) -> [Double] {
        var gram = [Double](repeating: 0, count: columns * columns)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(columns), Int32(columns), Int32(rows),
                    1, design, Int32(columns), design, Int32(columns), 0, &gram, Int32(columns))
        for index in 0..<columns { gram[index * columns + index] += alpha }
        var right = [Double](repeating: 0, count: columns)
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1, design, Int32(columns),
                    response, 1, 0, &right, 1)
        let status = LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(columns), 1,
                                   &gram, Int32(columns), &right, 1)
        guard status == 0 else { throw FitError("the ridge solver (LAPACK dposv) failed with code \(status).") }
        return right
    }
}

extension LinearRegression {
    private enum CodingKeys: String, CodingKey {
        case coefficients, intercept
    }

    /// Decodes a model; the coefficients are a `ModelArray` (in
    /// `model_arrays` when there are many features).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        coefficients = try container.decode(ModelArray<Double>.self, forKey: .coefficients).values
        intercept = try container.decode(Double.self, forKey: .intercept)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ModelArray(coefficients), forKey: .coefficients)
        try container.encode(intercept, forKey: .intercept)
    }
}
