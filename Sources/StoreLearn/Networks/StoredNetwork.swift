import Foundation
import GRDB
import StoreCore
import StoreNetworks

/// A network read back from its `models` row and its `model_arrays`: the
/// layers rebuilt in libtorch with the stored weights, and the stored input
/// preparation, ready to score tensors or rows as the test rows were scored.
final class StoredNetwork {
    let description: NetworkDescription
    let input: NetworkInput
    /// The class values in the model's order (nil for regression).
    let classes: [TrainingData.Value]?
    let network: Network

    /// Decodes a `models` row (format 2) and its arrays (name, tensor BLOB);
    /// `name` names the model in errors.
    init(name: String, model: String, preprocessing: String, classes: String?, formatVersion: Int, arrays: [(String, [UInt8])]) throws {
        guard formatVersion <= NetworkTrainer.formatVersion else {
            throw StoreError("model '\(name)' was stored by a newer store (format \(formatVersion)); upgrade store to use it.")
        }
        let decoder = JSONDecoder()
        do {
            description = try decoder.decode(NetworkDescription.self, from: Data(model.utf8))
            input = try decoder.decode(NetworkInput.self, from: Data(preprocessing.utf8))
            self.classes = try classes.map { try decoder.decode([TrainingData.Value].self, from: Data($0.utf8)) }
        } catch {
            throw StoreError("model '\(name)' in the models table cannot be read (\(error)); train it again.")
        }
        let plan = try NetworkPlan(layers: NetworkLayer.list(description.layers), input: description.input, outputs: description.outputs)
        network = try Network(plan: plan, seed: 0)
        let stored = try arrays.map { arrayName, blob -> NetworkArray in
            let tensor: Tensor
            do {
                tensor = try blob.withUnsafeBytes { try Tensor(blob: $0) }
            } catch {
                throw StoreError("model '\(name)': its array \(arrayName) in model_arrays is not a tensor (\(error)); train it again.")
            }
            guard tensor.dtype == .float32 else {
                throw StoreError("model '\(name)': its array \(arrayName) is \(tensor.dtype.name), not float32; train it again.")
            }
            let values = tensor.withElements { value in (0..<tensor.count).map { Float(value($0)) } }
            return NetworkArray(name: arrayName, shape: tensor.shape, values: values)
        }
        do {
            try network.load(stored)
        } catch {
            throw StoreError("model '\(name)': \(error)")
        }
    }

    /// The raw columns a network on numeric columns reads, in order; empty
    /// for a tensor input.
    var rawColumns: [String] {
        input.columns.map { preprocessing in
            preprocessing.steps.map { step in
                switch step {
                case .number(let column, _), .label(let column, _, _), .onehot(let column, _, _): column
                }
            }
        } ?? []
    }

    /// Class probabilities (`outputs` per row) or predicted values of tensors.
    func outputs(tensors: [Tensor], describe: (Int) -> String) throws -> [Float] {
        let rows = try input.rows(tensors, describe: describe)
        // Rows shorter than any in training may not survive the convolutions and pools: say so before libtorch does.
        _ = try NetworkPlan(layers: network.plan.layers, input: rows.shape, shortest: rows.shortest, outputs: network.plan.outputs)
        return try NetworkTraining.outputs(of: network, rows: rows, indices: Array(0..<rows.count))
    }

    /// The outputs as scores: class probabilities as a matrix (one row per
    /// row) or predicted numbers.
    func scores(_ outputs: [Float]) -> (probabilities: Matrix?, values: [Double]?) {
        NetworkTrainer.scores(outputs, outputs: description.outputs, classification: classes != nil)
    }

    /// Class probabilities or predicted values of raw numeric-column rows.
    func outputs(values: [[TrainingData.Value]], describe: (Int) -> String) throws -> [Float] {
        let rows = try input.rows(values, describe: describe)
        return try NetworkTraining.outputs(of: network, rows: rows, indices: Array(0..<rows.count))
    }
}
