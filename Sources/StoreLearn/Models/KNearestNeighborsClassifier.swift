/// A fitted k-nearest-neighbours classifier: scikit-learn 1.9's
/// `KNeighborsClassifier(n_neighbors=k, weights=…)` with its Euclidean metric.
///
/// ```swift
/// let model = try KNearestNeighborsClassifier.fit(
///     features: Matrix([[0], [1], [2], [10]]), classes: [0, 0, 1, 1], classCount: 2,
///     parameters: KNearestNeighborsParameters(k: 3))
/// model.probabilities(Matrix([[1.2]]))   // [2/3, 1/3]: rows 1, 2 and 0 are nearest
/// model.predict(Matrix([[1.2]]))         // [0]
/// ```
///
/// (1) Fitting keeps the training rows and their classes; that is all the
///     model is, and all it encodes.
/// (2) The probability of a class is the weighted share of the query's k
///     nearest training rows that are in it, the weights as
///     `KNearestNeighborsParameters` (2) says; `predict` takes the most
///     probable class, the lowest on ties, as scikit-learn.
/// (3) The neighbours are `NearestNeighbors`': exact and Euclidean. When
///     several training rows tie for the k-th place, the ones kept are those
///     scikit-learn's brute-force search keeps when it shares out the
///     queries (more queries than training rows, or over 1,024 per thread);
///     otherwise scikit-learn's choice among them depends on its threads and
///     algorithm (`"auto"` picks a k-d tree for 15 features or fewer, unless
///     k ≥ rows / 2), and can differ.
/// (4) Sample weights are checked and then ignored: scikit-learn's
///     `KNeighborsClassifier` takes no `sample_weight`, so class weights do
///     not apply to it.
/// (5) A query row with a missing or infinite feature gets NaN
///     probabilities (scikit-learn refuses such rows). The queries must have
///     as many columns as the training rows.
/// (6) Fitting fails with a sentence when there are no rows or no feature
///     columns, a feature is missing or infinite, a class is outside
///     0..<classCount, there are fewer than 2 classes, or k is below 1 or
///     above the number of training rows. Decoding checks the same and throws.
public struct KNearestNeighborsClassifier: Classifier, Equatable {
    public let classCount: Int
    public let parameters: KNearestNeighborsParameters
    /// The class of each training row.
    public let trainingClasses: [Int]
    private let index: NearestNeighbors

    /// The training rows.
    public var trainingFeatures: Matrix { index.references }

    /// Keeps `features` and their `classes` (indices 0..<classCount); `weights` are checked and ignored (4).
    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: KNearestNeighborsParameters = KNearestNeighborsParameters()
    ) throws(FitError) -> KNearestNeighborsClassifier {
        try TrainingCheck.classification(features: features, classes: classes, classCount: classCount, weights: weights)
        try parameters.check(training: features)
        return KNearestNeighborsClassifier(classCount: classCount, parameters: parameters, features: features, classes: classes)
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        precondition(features.columns == trainingFeatures.columns, "the queries have \(features.columns) columns, the training rows \(trainingFeatures.columns)")
        let found = index.search(features, k: parameters.k, excludingSelf: false)
        var output = Matrix(rows: features.rows, columns: classCount)
        var weights = [Double](repeating: 0, count: found.k)
        for row in 0..<features.rows {
            let places = (row * found.k)..<((row + 1) * found.k)
            guard parameters.weights.fill(&weights, distances: found.distances[places]) else {
                for label in 0..<classCount { output[row, label] = .nan }
                continue
            }
            for (weight, neighbour) in zip(weights, found.indices[places]) {
                output[row, trainingClasses[neighbour]] += weight
            }
            var total = 0.0
            for label in 0..<classCount { total += output[row, label] }
            for label in 0..<classCount { output[row, label] /= total }
        }
        return output
    }

    private init(classCount: Int, parameters: KNearestNeighborsParameters, features: Matrix, classes: [Int]) {
        self.classCount = classCount
        self.parameters = parameters
        self.trainingClasses = classes
        self.index = NearestNeighbors(references: features)
    }

    private enum CodingKeys: String, CodingKey {
        case classCount, parameters, features, classes
    }

    /// Decodes a classifier, refusing one that `fit` would refuse (6).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        let parameters = try container.decode(KNearestNeighborsParameters.self, forKey: .parameters)
        let features = try container.decode(Matrix.self, forKey: .features)
        let classes = try container.decode(ModelArray<Int>.self, forKey: .classes).values
        do throws(FitError) {
            try TrainingCheck.classification(features: features, classes: classes, classCount: classCount, weights: nil)
            try parameters.check(training: features)
        } catch {
            throw KNearestNeighborsParameters.decodingError(error, kind: "k-nearest-neighbours classifier", decoder: decoder)
        }
        self.init(classCount: classCount, parameters: parameters, features: features, classes: classes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classCount, forKey: .classCount)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(trainingFeatures, forKey: .features)
        try container.encode(ModelArray(trainingClasses), forKey: .classes)
    }
}
