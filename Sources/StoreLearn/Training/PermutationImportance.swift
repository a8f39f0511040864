import StoreCore

/// Permutation importance, as scikit-learn's `permutation_importance` with
/// its defaults: for each feature, the drop in the model's score when that
/// column of the rows is shuffled, over 5 shuffles; the score is accuracy
/// for a classifier and R² for a regressor (what `estimator.score` gives).
///
/// (1) The importance is the mean drop; `std` is the population standard
///     deviation of the drops (numpy's `std`).
/// (2) Shuffles come from the seeded generator, so a seed gives the same
///     figures (not scikit-learn's, whose shuffles come from numpy).
/// (3) The rows are those given: `store train` uses the test rows (else
///     validation, else train). Of more than `maximumRows`, that many are
///     drawn once with the seed and used for every feature, as
///     `permutation_importance(max_samples=2000)` would (which draws them
///     again for each repeat): 101 predictions of every test row would take
///     longer than fitting a forest.
enum PermutationImportance {
    static let repeats = 5
    static let maximumRows = 2000

    struct Feature {
        let importance: Double
        let std: Double
    }

    static func compute(model: TrainedModel, features: Matrix, targets: TrainingTargets, seed: UInt64) -> [Feature] {
        guard features.rows > 1 else { return [] }
        var random = SeededRandom(seed: seed)
        if features.rows > maximumRows {
            var order = Array(0..<features.rows)
            for index in 0..<maximumRows {
                order.swapAt(index, index + Int(random.nextBits() % UInt64(features.rows - index)))
            }
            let chosen = Array(order[..<maximumRows]).sorted()
            return compute(model: model, features: features.rows(chosen), targets: targets.rows(chosen), seed: random.nextBits())
        }
        let baseline = score(model, features, targets)
        var shuffled = features
        var result: [Feature] = []
        for column in 0..<features.columns {
            var drops: [Double] = []
            for _ in 0..<repeats {
                var order = Array(0..<features.rows)
                for index in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(index, Int(random.nextBits() % UInt64(index + 1)))
                }
                for (row, source) in order.enumerated() { shuffled[row, column] = features[source, column] }
                drops.append(baseline - score(model, shuffled, targets))
            }
            for row in 0..<features.rows { shuffled[row, column] = features[row, column] }
            let mean = drops.reduce(0, +) / Double(drops.count)
            let variance = drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(drops.count)
            result.append(Feature(importance: mean, std: variance.squareRoot()))
        }
        return result
    }

    /// Accuracy (classification) or R² (regression) of the model on the rows.
    static func score(_ model: TrainedModel, _ features: Matrix, _ targets: TrainingTargets) -> Double {
        switch targets {
        case .classes(let classes, _):
            guard let probabilities = model.probabilities(features) else { return .nan }
            let predicted = probabilities.largestInEachRow
            return Double(zip(predicted, classes).filter { $0 == $1 }.count) / Double(classes.count)
        case .values(let actual):
            guard let predicted = model.values(features) else { return .nan }
            let mean = actual.reduce(0, +) / Double(actual.count)
            let residual = zip(actual, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let total = actual.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total
        }
    }
}
