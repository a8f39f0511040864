import GRDB
import StoreCore

/// The measures of a model on each split of its data, written to the
/// `metrics`, `confusion`, `roc_curve` and `pr_curve` tables.
///
/// (1) Every split with rows is measured on its own rows.
/// (2) Classification: the rows of `MetricRow.classification` (scikit-learn's
///     definitions, see Metrics/), the confusion matrix's non-zero cells, and
///     the ROC and precision–recall curves of the positive class (two
///     classes) or of each class against the rest (more).
/// (3) Regression: rmse, mae, mse and r2.
/// (4) Class indices are written as the target's own class values.
struct Evaluation {
    struct Measure {
        let split: TrainingData.Split
        let metric: MetricRow
    }

    let measures: [Measure]
    private let confusions: [(TrainingData.Split, ConfusionMatrix)]
    private let rocCurves: [(TrainingData.Split, Int, ROCCurve)]
    private let prCurves: [(TrainingData.Split, Int, PrecisionRecallCurve)]

    init(data: TrainingData, predictions: Predictions) throws {
        var measures: [Measure] = []
        var confusions: [(TrainingData.Split, ConfusionMatrix)] = []
        var rocCurves: [(TrainingData.Split, Int, ROCCurve)] = []
        var prCurves: [(TrainingData.Split, Int, PrecisionRecallCurve)] = []
        let actualClasses = predictions.classes?.indices(data.targets) ?? []
        for split in TrainingData.Split.allCases {
            let rows = data.rows(in: split)
            guard !rows.isEmpty else { continue }
            if let probabilities = predictions.probabilities, let predicted = predictions.classIndices {
                let actual = rows.map { actualClasses[$0] }
                let splitPredicted = rows.map { predicted[$0] }
                let splitProbabilities = probabilities.rows(rows)
                measures += try MetricRow.classification(actual: actual, predicted: splitPredicted, probabilities: splitProbabilities)
                    .map { Measure(split: split, metric: $0) }
                confusions.append((split, try ConfusionMatrix(actual: actual, predicted: splitPredicted, classCount: probabilities.columns)))
                let positives = probabilities.columns == 2 ? [1] : Array(0..<probabilities.columns)
                for positive in positives where actual.contains(positive) {
                    rocCurves.append((split, positive, try ROCCurve(actual: actual, probabilities: splitProbabilities, positiveClass: positive)))
                    prCurves.append((split, positive, try PrecisionRecallCurve(actual: actual, probabilities: splitProbabilities, positiveClass: positive)))
                }
            } else if let values = predictions.values {
                let actual = rows.map { row -> Double in
                    if case .number(let number) = data.targets[row] { number } else { .nan }
                }
                measures += try MetricRow.regression(actual: actual, predicted: rows.map { values[$0] })
                    .map { Measure(split: split, metric: $0) }
            }
        }
        self.measures = measures
        self.confusions = confusions
        self.rocCurves = rocCurves
        self.prCurves = prCurves
    }

    /// The overall value of `metric` on the first of test, validation, train that has it.
    func headline(_ metric: String) -> (TrainingData.Split, Double)? {
        for split in [TrainingData.Split.test, .validation, .train] {
            if let found = measures.first(where: { $0.split == split && $0.metric.name == metric && $0.metric.classIndex == nil }),
               let value = found.metric.value {
                return (split, value)
            }
        }
        return nil
    }

    func write(modelID: Int64, classes: TargetClasses?, in db: Database) throws {
        func label(_ index: Int?) -> DatabaseValue {
            guard let index, let classes, classes.values.indices.contains(index) else { return .null }
            return Predictions.databaseValue(classes.values[index])
        }
        let metric = try db.makeStatement(sql: "INSERT INTO metrics (model_id, split, metric, class, value) VALUES (?, ?, ?, ?, ?)")
        for measure in measures {
            try metric.execute(arguments: [modelID, measure.split.rawValue, measure.metric.name, label(measure.metric.classIndex), measure.metric.value])
        }
        let confusion = try db.makeStatement(sql: "INSERT INTO confusion (model_id, split, actual, predicted, count) VALUES (?, ?, ?, ?, ?)")
        for (split, matrix) in confusions {
            for cell in matrix.cells where cell.count > 0 {
                try confusion.execute(arguments: [modelID, split.rawValue, label(cell.actual), label(cell.predicted), cell.count])
            }
        }
        let roc = try db.makeStatement(sql: "INSERT INTO roc_curve (model_id, split, class, point, fpr, tpr, threshold) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (split, positive, curve) in rocCurves {
            for (index, point) in curve.points.enumerated() {
                try roc.execute(arguments: [modelID, split.rawValue, label(positive), index, point.falsePositiveRate, point.truePositiveRate,
                                            point.threshold.isFinite ? point.threshold : nil])
            }
        }
        let pr = try db.makeStatement(sql: "INSERT INTO pr_curve (model_id, split, class, point, precision, recall, threshold) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (split, positive, curve) in prCurves {
            for (index, point) in curve.points.enumerated() {
                try pr.execute(arguments: [modelID, split.rawValue, label(positive), index, point.precision, point.recall, point.threshold])
            }
        }
    }
}
