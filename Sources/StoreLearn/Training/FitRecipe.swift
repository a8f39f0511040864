import StoreCore

/// How a training run fits a model to some of its rows, the same way for the
/// final model, each cross-validation fold and each search candidate:
/// SMOTE rows added to those rows only (`--oversample smote`), balanced
/// class weights computed on them (`--class-weight balanced`), then the
/// model's own fit.
struct FitRecipe: Sendable {
    let kind: ModelKind
    let smote: Bool
    let balancedClasses: Bool
    let seed: UInt64

    struct Fit {
        let model: TrainedModel
        /// Synthetic rows added per class index (SMOTE), empty without.
        let added: [Int: Int]
    }

    func fit(
        features: Matrix, targets: TrainingTargets, settings: ModelSettings, progress: FitProgress? = nil
    ) throws(FitError) -> Fit {
        var features = features
        var targets = targets
        var added: [Int: Int] = [:]
        var weights: [Double]?
        if case .classes(var classes, let count) = targets {
            if smote {
                var random = SeededRandom(seed: seed)
                let synthetic = try SMOTE.synthesize(features: features, classes: classes, classCount: count, random: &random)
                features = features.appending(synthetic.features)
                classes += synthetic.classes
                for label in synthetic.classes { added[label, default: 0] += 1 }
                targets = .classes(classes, count: count)
            }
            if balancedClasses { weights = Self.balancedWeights(classes, classCount: count) }
        }
        let model = try TrainedModel.fit(kind, settings: settings, features: features, targets: targets,
                                         weights: weights, seed: seed, progress: progress)
        return Fit(model: model, added: added)
    }

    /// scikit-learn's `compute_class_weight("balanced")`, as sample weights:
    /// n / (classes present · rows of the class).
    static func balancedWeights(_ classes: [Int], classCount: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in classes { counts[label] += 1 }
        let present = counts.filter { $0 > 0 }.count
        return classes.map { Double(classes.count) / (Double(present) * Double(counts[$0])) }
    }
}
