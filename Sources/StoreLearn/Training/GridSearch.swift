import GRDB
import StoreCore

/// A grid search over model settings (`--search key=v1,v2 …`), as
/// scikit-learn's `GridSearchCV` (with `--cv`) or a search scored on the
/// validation rows (without): every combination of the listed values is
/// fitted with the run's recipe and scored; the best trains the final model.
///
/// (1) Candidates are the grid's combinations in order, the last key
///     varying fastest (as `ParameterGrid` with the keys in the given
///     order); each adds its values to the run's `--param` settings, and
///     a key may not be in both.
/// (2) The score is `metric` (accuracy for classes and r2 for numbers, as
///     `estimator.score`, unless `--scoring` says otherwise): its mean over
///     the folds with `--cv`, else its value on the validation rows.
///     Lower is better for log_loss, rmse, mae and mse, higher otherwise.
/// (3) Ranks are scikit-learn's `rank_test_score`: 1 is best, equal scores
///     share the smaller rank, a candidate without a score ranks last; the
///     chosen candidate is the first with rank 1.
struct GridSearch {
    struct Candidate {
        let settings: [String: String]
        let mean: Double?
        let std: Double?
        var rank = 0
        /// The candidate's cross-validation, kept for the chosen one.
        let crossValidation: CrossValidation?
    }

    let metric: String
    let candidates: [Candidate]

    var chosen: Candidate? { candidates.first { $0.rank == 1 } }

    /// The combinations of `key=v1,v2,…` specifications.
    static func grid(_ specifications: [String], base: ModelSettings) throws(FitError) -> [[String: String]] {
        var grid: [[String: String]] = [[:]]
        var seen: Set<String> = []
        for specification in specifications {
            guard let equals = specification.firstIndex(of: "="), equals != specification.startIndex else {
                throw FitError("--search takes key=value1,value2,…, not '\(specification)'.")
            }
            let key = String(specification[..<equals]).trimmingCharacters(in: .whitespaces)
            let values = specification[specification.index(after: equals)...].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { throw FitError("--search \(key) lists no values.") }
            guard base.values[key] == nil else { throw FitError("\(key) is given both by --param and by --search; keep one.") }
            guard seen.insert(key).inserted else { throw FitError("--search \(key) is given twice.") }
            grid = grid.flatMap { settings in
                values.map { value in settings.merging([key: value]) { $1 } }
            }
        }
        return grid
    }

    static func lowerIsBetter(_ metric: String) -> Bool {
        ["log_loss", "rmse", "mae", "mse"].contains(metric)
    }

    /// Fits and scores every candidate: by cross-validation over `folds`
    /// (each fold with its own preprocessing, as `GridSearchCV` of a
    /// `Pipeline`), else on `validation` (features and targets, with the
    /// run's preprocessing fitted on all of `features`' rows), which must
    /// then have rows.
    static func run(
        grid: [[String: String]], base: ModelSettings, recipe: FitRecipe, metric: String,
        features: Matrix, targets: TrainingTargets, classes: TargetClasses?, folds: FoldFeatures?,
        validation: (features: Matrix, targets: TrainingTargets)?, progress: FitProgress?
    ) throws -> GridSearch {
        var candidates: [Candidate] = []
        for (index, values) in grid.enumerated() {
            let settings = ModelSettings(values: base.values.merging(values) { $1 })
            if let folds {
                let crossValidation = try CrossValidation.run(recipe: recipe, settings: settings, folds: folds, classes: classes)
                let summary = crossValidation.summary(metric)
                candidates.append(Candidate(settings: values, mean: summary?.mean, std: summary?.std, crossValidation: crossValidation))
            } else if let validation, validation.targets.count > 0 {
                let model = try recipe.fit(features: features, targets: targets, settings: settings).model
                let value = try score(model, metric: metric, features: validation.features, targets: validation.targets)
                candidates.append(Candidate(settings: values, mean: value, std: nil, crossValidation: nil))
            } else {
                throw FitError("--search needs --cv K or validation rows (split = 'validation') to score the candidates on.")
            }
            progress?(index + 1, grid.count)
        }
        let sign = lowerIsBetter(metric) ? -1.0 : 1.0
        for index in candidates.indices {
            guard let mean = candidates[index].mean, !mean.isNaN else {
                candidates[index].rank = candidates.count
                continue
            }
            candidates[index].rank = 1 + candidates.filter { other in
                guard let otherMean = other.mean, !otherMean.isNaN else { return false }
                return sign * otherMean > sign * mean
            }.count
        }
        return GridSearch(metric: metric, candidates: candidates)
    }

    /// The overall value of `metric` for the model on the rows; nil when undefined there.
    static func score(_ model: TrainedModel, metric: String, features: Matrix, targets: TrainingTargets) throws -> Double? {
        let rows: [MetricRow]
        switch targets {
        case .classes(let actual, let count):
            let probabilities = model.probabilities(features) ?? Matrix(rows: features.rows, columns: count)
            rows = try MetricRow.classification(actual: actual, predicted: probabilities.largestInEachRow, probabilities: probabilities)
        case .values(let actual):
            rows = try MetricRow.regression(actual: actual, predicted: model.values(features) ?? [])
        }
        return rows.first { $0.name == metric && $0.classIndex == nil }?.value
    }

    /// Writes every candidate to `search_results`.
    func write(modelID: Int64, in db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO search_results (model_id, candidate, parameters, metric, mean, std, rank, chosen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let chosenIndex = candidates.firstIndex { $0.rank == 1 }
        for (index, candidate) in candidates.enumerated() {
            try statement.execute(arguments: [modelID, index + 1, try JSON.text(candidate.settings), metric,
                                              candidate.mean, candidate.std, candidate.rank, index == chosenIndex ? 1 : 0])
        }
    }
}
