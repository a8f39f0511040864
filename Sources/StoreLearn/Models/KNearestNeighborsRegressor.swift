/// A fitted k-nearest-neighbours regressor: scikit-learn 1.9's
/// `KNeighborsRegressor(n_neighbors=k, weights=…)` with its Euclidean metric.
///
/// ```swift
/// let model = try KNearestNeighborsRegressor.fit(
///     features: Matrix([[0], [1], [2], [10]]), targets: [0, 1, 4, 100],
///     parameters: KNearestNeighborsParameters(k: 2, weights: .distance))
/// model.predict(Matrix([[1.2]]))   // [1.6]: (1/0.2 · 1 + 1/0.8 · 4) / (1/0.2 + 1/0.8)
/// ```
///
/// (1) The prediction is the weighted mean of the targets of the query's k
///     nearest training rows, the weights as `KNearestNeighborsParameters`
///     (2) says.
/// (2) The rest is as `KNearestNeighborsClassifier` (1), (3) – (6), with
///     targets for classes: sample weights are ignored (scikit-learn's
///     `KNeighborsRegressor` takes none), a query row with a missing or
///     infinite feature predicts NaN, and fitting or decoding fails on
///     missing or infinite targets.
public struct KNearestNeighborsRegressor: Regressor, Equatable {
    public let parameters: KNearestNeighborsParameters
    /// The target of each training row.
    public let trainingTargets: [Double]
    private let index: NearestNeighbors

    /// The training rows.
    public var trainingFeatures: Matrix { index.references }

    /// Keeps `features` and their `targets`; `weights` are checked and ignored.
    public static func fit(
        features: Matrix, targets: [Double], weights: [Double]? = nil,
        parameters: KNearestNeighborsParameters = KNearestNeighborsParameters()
    ) throws(FitError) -> KNearestNeighborsRegressor {
        try TrainingCheck.regression(features: features, targets: targets, weights: weights)
        try parameters.check(training: features)
        return KNearestNeighborsRegressor(parameters: parameters, features: features, targets: targets)
    }

    public func predict(_ features: Matrix) -> [Double] {
        precondition(features.columns == trainingFeatures.columns, "the queries have \(features.columns) columns, the training rows \(trainingFeatures.columns)")
        let found = index.search(features, k: parameters.k, excludingSelf: false)
        var weights = [Double](repeating: 0, count: found.k)
        return (0..<features.rows).map { row in
            let places = (row * found.k)..<((row + 1) * found.k)
            guard parameters.weights.fill(&weights, distances: found.distances[places]) else { return .nan }
            var sum = 0.0
            var total = 0.0
            for (weight, neighbour) in zip(weights, found.indices[places]) {
                sum += weight * trainingTargets[neighbour]
                total += weight
            }
            return sum / total
        }
    }

    private init(parameters: KNearestNeighborsParameters, features: Matrix, targets: [Double]) {
        self.parameters = parameters
        self.trainingTargets = targets
        self.index = NearestNeighbors(references: features)
    }

    private enum CodingKeys: String, CodingKey {
        case parameters, features, targets
    }

    /// Decodes a regressor, refusing one that `fit` would refuse.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let parameters = try container.decode(KNearestNeighborsParameters.self, forKey: .parameters)
        let features = try container.decode(Matrix.self, forKey: .features)
        let targets = try container.decode(ModelArray<Double>.self, forKey: .targets).values
        do throws(FitError) {
            try TrainingCheck.regression(features: features, targets: targets, weights: nil)
            try parameters.check(training: features)
        } catch {
            throw KNearestNeighborsParameters.decodingError(error, kind: "k-nearest-neighbours regressor", decoder: decoder)
        }
        self.init(parameters: parameters, features: features, targets: targets)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(trainingFeatures, forKey: .features)
        try container.encode(ModelArray(trainingTargets), forKey: .targets)
    }
}
