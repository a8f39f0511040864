import Foundation
import GRDB
import GRDBSQLite
import StoreCore

/// A model read back from `models`: the fitted model with the preprocessing
/// and classes it was trained with, ready to score raw rows.
public struct StoredModel: Sendable {
    public let model: TrainedModel
    public let preprocessing: Preprocessing
    /// The class values in the model's order (nil for regression).
    public let classes: [TrainingData.Value]?

    /// The view's columns the model reads, in order, before encoding.
    public var rawColumns: [String] {
        preprocessing.steps.map { step in
            switch step {
            case .number(let column, _), .label(let column, _, _), .onehot(let column, _, _): column
            }
        }
    }

    /// Decodes the JSON columns of a `models` row and its `model_arrays`
    /// (name, tensor BLOB); `name` names the model in errors.
    init(name: String, model: String, preprocessing: String, classes: String?, formatVersion: Int, arrays: [(String, [UInt8])]) throws {
        guard formatVersion <= Trainer.formatVersion else {
            throw StoreError("model '\(name)' was stored by a newer store (format \(formatVersion)); upgrade store to use it.")
        }
        let decoder = JSONDecoder()
        do {
            self.model = try ModelArrays.decode(TrainedModel.self, from: model, arrays: arrays)
            self.preprocessing = try decoder.decode(Preprocessing.self, from: Data(preprocessing.utf8))
            self.classes = try classes.map { try decoder.decode([TrainingData.Value].self, from: Data($0.utf8)) }
        } catch {
            throw StoreError("model '\(name)' in the models table cannot be read (\(error)); train it again.")
        }
    }

    /// Class probabilities (one row per row) or predicted numbers of raw
    /// rows, through the stored preprocessing. A value missing where the
    /// training rows had none (so no fill was learned) is an error naming
    /// `describe(row)` and the column.
    func score(_ values: [[TrainingData.Value]], describe: (Int) -> String) throws -> (probabilities: Matrix?, values: [Double]?) {
        let features = preprocessing.transform(values, rows: Array(values.indices))
        if let missing = features.values.firstIndex(where: { $0.isNaN }) {
            let column = preprocessing.featureNames[missing % max(features.columns, 1)]
            throw StoreError("\(describe(missing / max(features.columns, 1))) has no \(column), and the model learned no fill for it (it had no missing values in training). Fill it in the view.")
        }
        if let probabilities = model.probabilities(features) { return (probabilities, nil) }
        return (nil, model.values(features))
    }
}
