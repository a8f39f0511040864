/// The checks every model's `fit` makes on its input before it starts, each
/// failing with a sentence that says what to do.
enum TrainingCheck {
    /// Rows, finite features, one class in 0..<classCount per row, and
    /// non-negative weights (one per row) with a positive sum.
    static func classification(features: Matrix, classes: [Int], classCount: Int, weights: [Double]?) throws(FitError) {
        try common(features: features, targets: classes.count, weights: weights)
        guard classCount >= 2 else {
            throw FitError("a classifier needs at least 2 classes in the training rows, not \(classCount).")
        }
        if let bad = classes.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw FitError("row \(bad + 1) has class \(classes[bad]), outside 0..<\(classCount).")
        }
    }

    /// Rows, finite features and targets, and weights as for classification.
    static func regression(features: Matrix, targets: [Double], weights: [Double]?) throws(FitError) {
        try common(features: features, targets: targets.count, weights: weights)
        if let bad = targets.firstIndex(where: { !$0.isFinite }) {
            throw FitError("row \(bad + 1) has a missing or infinite target; drop such rows in the view.")
        }
    }

    private static func common(features: Matrix, targets: Int, weights: [Double]?) throws(FitError) {
        guard features.rows > 0 else { throw FitError("there are no training rows.") }
        guard targets == features.rows else {
            throw FitError("there are \(features.rows) rows of features but \(targets) targets.")
        }
        if let bad = features.values.firstIndex(where: { !$0.isFinite }) {
            throw FitError("row \(bad / max(features.columns, 1) + 1) has a missing or infinite feature (column \(bad % max(features.columns, 1) + 1)); impute it first (--impute, or in the view).")
        }
        if let weights {
            guard weights.count == features.rows else {
                throw FitError("there are \(features.rows) rows but \(weights.count) sample weights.")
            }
            guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.reduce(0, +) > 0 else {
                throw FitError("sample weights must be finite, 0 or more, and not all 0.")
            }
        }
    }
}
