import StoreCore

/// The cross-validation folds of a run's training rows, each with its own
/// preprocessing (fills and encodings) fitted on the fold's training part
/// only, as a scikit-learn `Pipeline` (imputer, encoder, model) inside
/// `cross_val_score` or `GridSearchCV` refits them.
///
/// (1) Folds are `Folds.assign`'s (StratifiedKFold or KFold, not shuffled)
///     over the training rows in key order.
/// (2) Each fold's `Preprocessing` is fitted on the other folds' rows with
///     the run's `--impute` and `--encode`: fills are their median, mean or
///     most frequent value; categories are the ones they hold, so a
///     category seen only in the held-out fold is all 0 (one-hot) or -1
///     (label) there, as `handle_unknown` has it.
/// (3) SMOTE and class weights are then fitted by `FitRecipe` on the same
///     rows (the other folds').
/// (4) The feature matrices are made when a fold is asked for, not kept:
///     a grid search transforms each fold once per candidate rather than
///     holding every fold's copy of the training rows.
struct FoldFeatures {
    /// One fold: the model is fitted on `train`, measured on `test`.
    struct Fold {
        let train: Matrix
        let trainTargets: TrainingTargets
        let test: Matrix
        let testTargets: TrainingTargets
        /// The test rows, as positions among the training rows.
        let testPositions: [Int]
    }

    let data: TrainingData
    /// The run's training rows (positions in `data`).
    let trainRows: [Int]
    /// The targets of `trainRows`.
    let targets: TrainingTargets
    let count: Int
    /// The fold (0-based) of each training row.
    let assignment: [Int]
    /// Each fold's (train, test) positions among the training rows.
    let parts: [(train: [Int], test: [Int])]
    /// Each fold's preprocessing, fitted on its training part.
    let preprocessing: [Preprocessing]

    /// Cuts the training rows into `folds` folds and fits each fold's
    /// preprocessing. Fails like `Preprocessing.fit`, naming the fold.
    static func make(
        data: TrainingData, trainRows: [Int], targets: TrainingTargets,
        impute: ImputeStrategy?, encode: EncodeStrategy?, folds: Int
    ) throws -> FoldFeatures {
        let assignment = try Folds.assign(targets, folds: folds)
        let parts = Folds.parts(assignment, folds: folds)
        let preprocessing = try parts.enumerated().map { index, part in
            do {
                return try Preprocessing.fit(data, rows: part.train.map { trainRows[$0] }, impute: impute, encode: encode)
            } catch let error as StoreError {
                throw StoreError("cross-validation fold \(index + 1) of \(folds): \(error.message)")
            }
        }
        return FoldFeatures(data: data, trainRows: trainRows, targets: targets, count: folds,
                            assignment: assignment, parts: parts, preprocessing: preprocessing)
    }

    /// Fold `index` (0-based), transformed by its own preprocessing.
    func fold(_ index: Int) -> Fold {
        let part = parts[index]
        let steps = preprocessing[index]
        return Fold(
            train: steps.transform(data.values, rows: part.train.map { trainRows[$0] }),
            trainTargets: targets.rows(part.train),
            test: steps.transform(data.values, rows: part.test.map { trainRows[$0] }),
            testTargets: targets.rows(part.test),
            testPositions: part.test)
    }
}
