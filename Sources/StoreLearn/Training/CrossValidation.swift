import GRDB
import StoreCore

/// K-fold cross-validation of a fit on the training rows (`--cv K`), as
/// scikit-learn's `cross_validate` of a `Pipeline` with
/// `StratifiedKFold(K)` for classes and `KFold(K)` for numbers (see
/// `Folds`): each fold is predicted by a model fitted on the other folds
/// with the same recipe.
///
/// (1) Everything learned from data is learned again inside each fold, from
///     the other folds' rows only: fills and encodings (`FoldFeatures`),
///     then SMOTE rows and class weights (`FitRecipe`). So the scores match
///     `cross_val_score(Pipeline([imputer, encoder, model]), X, y,
///     cv=PredefinedSplit(folds))` and no fold's score has seen its rows.
/// (2) Each fold is measured alone (its overall measures, as
///     `MetricRow`); `summary` gives the mean and population standard
///     deviation over folds (numpy's, as `cv_results_` reports them).
struct CrossValidation {
    let folds: Int
    /// The fold (0-based) of each training row, in the order given.
    let assignment: [Int]
    /// Each training row predicted by the model that did not see it.
    let predictions: Predictions
    /// The overall measures of each fold.
    let scores: [[MetricRow]]

    static func run(
        recipe: FitRecipe, settings: ModelSettings, folds: FoldFeatures,
        classes: TargetClasses?, progress: FitProgress? = nil
    ) throws -> CrossValidation {
        var collector = Collector(rows: folds.trainRows.count)
        for index in 0..<folds.count {
            let fold = folds.fold(index)
            let model = try recipe.fit(features: fold.train, targets: fold.trainTargets, settings: settings).model
            try collector.add(positions: fold.testPositions, targets: fold.testTargets,
                              probabilities: model.probabilities(fold.test), values: model.values(fold.test))
            progress?(index + 1, folds.count)
        }
        return collector.result(folds: folds.count, assignment: folds.assignment, classes: classes)
    }

    /// The folds' out-of-fold predictions, placed at their rows, and each
    /// fold's overall measures, as the folds are added one by one.
    struct Collector {
        /// The training rows every fold's test rows are among.
        let rows: Int
        private var probabilities: Matrix?
        private var values: [Double]?
        private var scores: [[MetricRow]] = []

        init(rows: Int) {
            self.rows = rows
        }

        /// Adds one fold: its test rows' `positions` among the training
        /// rows, their `targets`, and what the fold's model gave them (class
        /// probabilities, or predicted values).
        mutating func add(positions: [Int], targets: TrainingTargets, probabilities given: Matrix?, values predictedValues: [Double]?) throws {
            switch targets {
            case .classes(let actual, let count):
                let predicted = given ?? Matrix(rows: positions.count, columns: count)
                var all = probabilities ?? Matrix(rows: rows, columns: count)
                for (row, source) in positions.enumerated() {
                    for column in 0..<count { all[source, column] = predicted[row, column] }
                }
                probabilities = all
                scores.append(try MetricRow.classification(actual: actual, predicted: predicted.largestInEachRow, probabilities: predicted)
                    .filter { $0.classIndex == nil })
            case .values(let actual):
                let predicted = predictedValues ?? []
                var all = values ?? [Double](repeating: .nan, count: rows)
                for (row, source) in positions.enumerated() { all[source] = predicted[row] }
                values = all
                scores.append(try MetricRow.regression(actual: actual, predicted: predicted))
            }
        }

        func result(folds: Int, assignment: [Int], classes: TargetClasses?) -> CrossValidation {
            CrossValidation(folds: folds, assignment: assignment,
                            predictions: Predictions(probabilities: probabilities, values: values, classes: classes), scores: scores)
        }
    }

    /// The mean and population standard deviation of `metric` over the
    /// folds; nil when a fold has no value for it (e.g. ROC AUC of a fold
    /// with one class).
    func summary(_ metric: String) -> (mean: Double, std: Double)? {
        let values = scores.compactMap { fold in fold.first { $0.name == metric }?.value }
        guard values.count == scores.count, !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    /// The metrics every fold has, in the first fold's order.
    var metricNames: [String] {
        scores.first?.map(\.name).filter { summary($0) != nil } ?? []
    }
}

extension CrossValidation {
    /// Writes each fold's scores to `cv_scores`, their means to `metrics`
    /// (split 'cv') and the out-of-fold predictions of the training rows
    /// `trainRows` to `predictions` (split 'cv', fold 1…K).
    func write(modelID: Int64, data: TrainingData, trainRows: [Int], in db: Database) throws {
        let score = try db.makeStatement(sql: "INSERT INTO cv_scores (model_id, fold, metric, value) VALUES (?, ?, ?, ?)")
        for (fold, rows) in scores.enumerated() {
            for row in rows { try score.execute(arguments: [modelID, fold + 1, row.name, row.value]) }
        }
        let metric = try db.makeStatement(sql: "INSERT INTO metrics (model_id, split, metric, class, value) VALUES (?, 'cv', ?, NULL, ?)")
        for name in metricNames {
            try metric.execute(arguments: [modelID, name, summary(name)?.mean])
        }
        try predictions.write(modelID: modelID, data: data, rows: trainRows, folds: assignment, in: db)
    }
}
