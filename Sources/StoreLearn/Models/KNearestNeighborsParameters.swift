/// The settings of a k-nearest-neighbours model, as scikit-learn 1.9's
/// `KNeighborsClassifier` and `KNeighborsRegressor` name them, with its
/// defaults; the metric is always Euclidean (scikit-learn's default,
/// Minkowski with p = 2).
///
/// ```swift
/// var parameters = KNearestNeighborsParameters()   // k = 5, uniform
/// parameters.k = 15
/// parameters.weights = .distance
/// ```
///
/// (1) `k` (`n_neighbors`) must be at least 1 and at most the number of
///     training rows.
/// (2) `.uniform`: every neighbour counts 1. `.distance`: a neighbour at
///     distance d counts 1/d, except that when some of a query's neighbours
///     are at distance 0 (1/d is infinite), those count 1 and the rest 0, as
///     scikit-learn's `_get_weights`.
public struct KNearestNeighborsParameters: Sendable, Equatable, Codable {
    /// How the k neighbours of a query are weighed (scikit-learn `weights`).
    public enum Weights: String, Sendable, Equatable, Codable, CaseIterable {
        case uniform, distance
    }

    public var k: Int = 5
    public var weights: Weights = .uniform

    public init(k: Int = 5, weights: Weights = .uniform) {
        self.k = k
        self.weights = weights
    }

    /// Throws unless `k` suits the training rows (1) and there is at least
    /// one feature column (`TrainingCheck` checks the rest).
    func check(training features: Matrix) throws(FitError) {
        guard features.columns >= 1 else {
            throw FitError("k-nearest neighbours needs at least one feature column; there are none.")
        }
        guard k >= 1 else {
            throw FitError("k (n_neighbors) must be at least 1, not \(k).")
        }
        guard k <= features.rows else {
            throw FitError("k (n_neighbors) is \(k), but there are only \(features.rows) training rows; choose k of at most \(features.rows).")
        }
    }

    /// `error` as the error of decoding a fitted model that is not one.
    static func decodingError(_ error: FitError, kind: String, decoder: any Decoder) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a \(kind): \(error)"))
    }
}

extension KNearestNeighborsParameters.Weights {
    /// The weights of one query's neighbours at `distances` (2), written to
    /// `weights` (of the same count); false when the neighbours were not
    /// found (NaN distances).
    func fill(_ weights: inout [Double], distances: ArraySlice<Double>) -> Bool {
        guard let first = distances.first, !first.isNaN else { return false }
        switch self {
        case .uniform:
            for place in weights.indices { weights[place] = 1 }
        case .distance:
            var exact = false
            for (place, distance) in zip(weights.indices, distances) {
                weights[place] = 1 / distance
                if weights[place].isInfinite { exact = true }
            }
            if exact {
                for place in weights.indices { weights[place] = weights[place].isInfinite ? 1 : 0 }
            }
        }
        return true
    }
}
