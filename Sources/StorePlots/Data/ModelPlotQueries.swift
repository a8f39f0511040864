import Foundation
import GRDB
import StoreCore

extension MatrixHeatmap {
    /// The confusion matrix of `model` on `split`, from the `confusion`
    /// table, rows and columns in the model's class order.
    public static func confusion(_ model: ModelReference, split: String, normalized: Bool, in db: Database) throws -> MatrixHeatmap {
        try model.requireClassifier(for: "a confusion matrix")
        try model.requireRows(in: "confusion", split: split, what: "confusion matrix", in: db)
        var counts = Array(repeating: Array(repeating: 0, count: model.classes.count), count: model.classes.count)
        for row in try Row.fetchAll(db, sql: "SELECT actual, predicted, count FROM confusion WHERE model_id = ? AND split = ?",
                                    arguments: [model.id, split]) {
            guard let actual = model.classIndex(row[0]), let predicted = model.classIndex(row[1]) else { continue }
            counts[actual][predicted] += row[2] as Int
        }
        return confusion(model: model.name, split: split, classes: model.classLabels, counts: counts, normalized: normalized)
    }
}

extension ROCCurves {
    /// The ROC curves of `model` on `split` from `roc_curve`, in the
    /// model's class order.
    public static func read(_ model: ModelReference, split: String, in db: Database) throws -> ROCCurves {
        try model.requireClassifier(for: "a ROC curve")
        try model.requireRows(in: "roc_curve", split: split, what: "ROC curve", in: db)
        let curves = try model.classes.enumerated().compactMap { _, value -> Curve? in
            let points = try Row.fetchAll(db, sql: "SELECT fpr, tpr FROM roc_curve WHERE model_id = ? AND split = ? AND class = ? ORDER BY point",
                                          arguments: [model.id, split, value])
                .map { DataPoint($0[0], $0[1]) }
            return points.isEmpty ? nil : Curve(label: CellText.plainText(value), points: points)
        }
        return ROCCurves(model: model.name, split: split, curves: curves)
    }
}

extension PrecisionRecallCurves {
    /// The precision–recall curves of `model` on `split` from `pr_curve`,
    /// with each class's share of the split's rows (its `support` over the
    /// total in `metrics`).
    public static func read(_ model: ModelReference, split: String, in db: Database) throws -> PrecisionRecallCurves {
        try model.requireClassifier(for: "a precision–recall curve")
        try model.requireRows(in: "pr_curve", split: split, what: "precision–recall curve", in: db)
        let total = try Double.fetchOne(db, sql: "SELECT sum(value) FROM metrics WHERE model_id = ? AND split = ? AND metric = 'support'",
                                        arguments: [model.id, split])
        let curves = try model.classes.compactMap { value -> Curve? in
            let points = try Row.fetchAll(db, sql: "SELECT recall, precision FROM pr_curve WHERE model_id = ? AND split = ? AND class = ? ORDER BY point",
                                          arguments: [model.id, split, value])
                .map { DataPoint($0[0], $0[1]) }
            guard !points.isEmpty else { return nil }
            let support = try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE model_id = ? AND split = ? AND metric = 'support' AND class = ?",
                                              arguments: [model.id, split, value])
            var prevalence: Double?
            if let support, let total, total > 0 { prevalence = support / total }
            return Curve(label: CellText.plainText(value), points: points, prevalence: prevalence)
        }
        return PrecisionRecallCurves(model: model.name, split: split, curves: curves)
    }
}

extension CalibrationCurves {
    /// Reliability curves of `model` on `split` from its `predictions`:
    /// for a binary model the positive (second) class, else every class
    /// against the rest, each with `bins` uniform bins.
    public static func read(_ model: ModelReference, split: String, bins: Int = 10, in db: Database) throws -> CalibrationCurves {
        try model.requireClassifier(for: "a calibration curve")
        try model.requireRows(in: "predictions", split: split, what: "predictions", in: db)
        let rows = try Row.fetchAll(db, sql: "SELECT actual, probabilities FROM predictions WHERE model_id = ? AND split = ?",
                                    arguments: [model.id, split])
        let labels = model.classLabels
        var actual: [Int?] = []
        var probabilities: [[String: Double]] = []
        let decoder = JSONDecoder()
        for row in rows {
            actual.append(model.classIndex(row[0]))
            let text: String = row[1] as String? ?? "{}"
            probabilities.append((try? decoder.decode([String: Double].self, from: Data(text.utf8))) ?? [:])
        }
        let shown = labels.count == 2 ? [1] : Array(labels.indices)
        let curves = shown.map { index -> Curve in
            var isClass: [Bool] = []
            var probability: [Double] = []
            for (classIndex, row) in zip(actual, probabilities) {
                guard let p = row[labels[index]] else { continue }
                isClass.append(classIndex == index)
                probability.append(p)
            }
            return Curve(label: labels[index], points: Curve.points(actual: isClass, probability: probability, bins: bins), rows: probability.count)
        }
        return CalibrationCurves(model: model.name, split: split, curves: curves)
    }
}

extension FeatureImportances {
    /// The `top` most important features of `model` by `method`
    /// ('permutation' or 'impurity'; nil takes permutation when the model
    /// has it, else impurity), largest first.
    public static func read(_ model: ModelReference, method requested: String?, top: Int = 20, in db: Database) throws -> FeatureImportances {
        let methods = try String.fetchAll(db, sql: "SELECT DISTINCT method FROM feature_importance WHERE model_id = ? ORDER BY method",
                                          arguments: [model.id])
        guard !methods.isEmpty else {
            throw StoreError("'\(model.name)' version \(model.version) has no feature importances (feature_importance has no rows for it).")
        }
        let method = requested ?? (methods.contains("permutation") ? "permutation" : "impurity")
        guard methods.contains(method) else {
            throw StoreError("'\(model.name)' has no \(method) importances; it has \(methods.joined(separator: ", ")). Choose one with --method.")
        }
        let features = try Row.fetchAll(db, sql: """
            SELECT feature, importance, std FROM feature_importance WHERE model_id = ? AND method = ?
            ORDER BY importance DESC, feature LIMIT ?
            """, arguments: [model.id, method, top])
            .map { Feature(name: $0[0], importance: $0[1], std: $0[2]) }
        return FeatureImportances(model: model.name, method: method, features: features)
    }
}

extension LearningCurves {
    /// The per-epoch log of `model` from `training_log`: the final model's
    /// (fold NULL), or one cross-validation fold's. A model trained
    /// otherwise than in epochs has no rows there, and that is an error
    /// that says so.
    public static func read(_ model: ModelReference, fold: Int? = nil, in db: Database) throws -> LearningCurves {
        let rows = try Row.fetchAll(db, sql: """
            SELECT epoch, split, loss, accuracy FROM training_log WHERE model_id = ? AND fold IS ? ORDER BY split, epoch
            """, arguments: [model.id, fold])
        guard !rows.isEmpty else {
            let any = try Int.fetchOne(db, sql: "SELECT count(*) FROM training_log WHERE model_id = ?", arguments: [model.id]) ?? 0
            if any > 0, let fold {
                throw StoreError("'\(model.name)' version \(model.version) has no per-epoch log for fold \(fold); its log has \(any) rows for other folds.")
            }
            throw StoreError("'\(model.name)' version \(model.version) has no per-epoch log: it is a \(model.kind) model, which is not trained in epochs, so training_log has no rows for it. Learning curves come from models trained in epochs (neural networks).")
        }
        return LearningCurves(model: model.name, epochs: rows.map { Epoch(epoch: $0[0], split: $0[1], loss: $0[2], accuracy: $0[3]) })
    }
}
