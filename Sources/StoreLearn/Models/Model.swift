/// What a trained model offers, whatever its kind. Fitting is each model's
/// own static function, taking its `…Parameters` value and training rows;
/// what it returns is a fitted value that predicts and serializes (Codable,
/// stored in the `models` table), as scikit-learn keeps settings apart from
/// what was learned.
///
/// Class labels are indices 0..<classCount into the model's sorted class
/// values; the trainer maps them to and from the target's own values.

/// A fitted classifier.
public protocol Classifier: Codable, Sendable {
    var classCount: Int { get }
    /// One row per row of `features`, one column per class; each row sums to 1.
    func probabilities(_ features: Matrix) -> Matrix
}

extension Classifier {
    /// The most probable class of each row (the lowest index on ties, as
    /// scikit-learn's argmax).
    public func predict(_ features: Matrix) -> [Int] {
        probabilities(features).largestInEachRow
    }
}

/// A fitted regressor.
public protocol Regressor: Codable, Sendable {
    /// One prediction per row of `features`.
    func predict(_ features: Matrix) -> [Double]
}

/// Why a model cannot be fitted, as a sentence for the user.
public struct FitError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
