import Foundation
import StoreCore

/// A fitted array of a model — a tree's thresholds and children, a forest's
/// leaf values, the rows a nearest-neighbours model keeps, support vectors —
/// as the `models` row stores it (format 2).
///
/// (1) Encoded with a `ModelArrays.Sink` in the encoder's `userInfo`, an
///     array of `ModelArrays.inlineLimit` numbers or more goes to the sink as
///     a tensor (schema/TENSOR_FORMAT.md; the store writes it to
///     `model_arrays`), named after its place in the model's JSON
///     (`fitted.trees.3.threshold`), and the JSON holds `{"array": NAME}`.
///     Shorter arrays (a logistic regression's coefficients) stay in the JSON,
///     where a person reads them.
/// (2) Numbers that are all whole and fit 32 bits (node indices, features,
///     row counts, and unweighted sample weights, which are doubles) are
///     int32 tensors; other doubles are float64, and integers that do not fit
///     32 bits too (exact below 2^53). Either way the values read back are
///     the ones written.
/// (3) Decoding reads either form, so models written before format 2 (all
///     numbers in the JSON) still load; a reference needs a
///     `ModelArrays.Source` in the decoder's `userInfo` holding the array.
struct ModelArray<Element: ModelArrayElement>: Codable, Sendable, Equatable {
    var values: [Element]

    init(_ values: [Element]) {
        self.values = values
    }

    private enum Keys: String, CodingKey {
        case array
    }

    func encode(to encoder: any Encoder) throws {
        guard values.count >= ModelArrays.inlineLimit, let sink = encoder.userInfo[ModelArrays.sinkKey] as? ModelArrays.Sink else {
            var container = encoder.singleValueContainer()
            try container.encode(values)
            return
        }
        let name = encoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        sink.add(name: name, tensor: try Element.tensor(values))
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .array)
    }

    init(from decoder: any Decoder) throws {
        if let inline = try? decoder.singleValueContainer().decode([Element].self) {
            values = inline
            return
        }
        let name = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .array)
        guard let source = decoder.userInfo[ModelArrays.sourceKey] as? ModelArrays.Source, let blob = source.arrays[name] else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "the array \(name) is not in model_arrays"))
        }
        do {
            values = try blob.withUnsafeBytes { try Element.values(TensorView($0)) }
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "the array \(name) in model_arrays: \(error)"))
        }
    }
}

/// The numbers a `ModelArray` holds, and their tensor form (rule 2).
protocol ModelArrayElement: Codable, Sendable, Equatable {
    static func tensor(_ values: [Self]) throws -> Tensor
    static func values(_ tensor: TensorView) throws -> [Self]
}

extension Double: ModelArrayElement {
    static func tensor(_ values: [Double]) throws -> Tensor {
        let whole = values.compactMap { Int32(exactly: $0) }
        if whole.count == values.count && !values.contains(where: { $0 == 0 && $0.sign == .minus }) {
            return try Tensor(shape: [values.count], int32: whole)
        }
        return try Tensor(shape: [values.count], float64: values)
    }

    static func values(_ tensor: TensorView) throws -> [Double] {
        guard tensor.shape.count == 1 else { throw TensorFormatError("a model's array has one axis, not \(tensor.shape.count)") }
        return (0..<tensor.count).map(tensor.value(at:))
    }
}

extension Int: ModelArrayElement {
    static func tensor(_ values: [Int]) throws -> Tensor {
        let narrow = values.compactMap(Int32.init(exactly:))
        if narrow.count == values.count { return try Tensor(shape: [values.count], int32: narrow) }
        return try Tensor(shape: [values.count], float64: values.map(Double.init))
    }

    static func values(_ tensor: TensorView) throws -> [Int] {
        guard tensor.shape.count == 1 else { throw TensorFormatError("a model's array has one axis, not \(tensor.shape.count)") }
        return try (0..<tensor.count).map { index in
            guard let value = Int(exactly: tensor.value(at: index)) else {
                throw TensorFormatError("element \(index) is \(tensor.value(at: index)), not a whole number")
            }
            return value
        }
    }
}

/// The side store of a model's large arrays while it is encoded or decoded.
enum ModelArrays {
    /// Arrays shorter than this stay in the JSON (rule 1).
    static let inlineLimit = 64

    static let sinkKey = CodingUserInfoKey(rawValue: "store.modelArrays.sink")!
    static let sourceKey = CodingUserInfoKey(rawValue: "store.modelArrays.source")!

    /// Collects the arrays an encoding moves out of the JSON.
    final class Sink: @unchecked Sendable {
        private(set) var arrays: [(name: String, blob: [UInt8])] = []

        func add(name: String, tensor: Tensor) {
            arrays.append((name, tensor.blob))
        }
    }

    /// The arrays of one model, by name, for decoding.
    final class Source: Sendable {
        let arrays: [String: [UInt8]]

        init(_ arrays: [(String, [UInt8])]) {
            self.arrays = Dictionary(arrays, uniquingKeysWith: { first, _ in first })
        }
    }

    /// `value` as its JSON (sorted keys) and the arrays moved out of it.
    static func encode<Value: Encodable>(_ value: Value) throws -> (json: String, arrays: [(name: String, blob: [UInt8])]) {
        let sink = Sink()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[sinkKey] = sink
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        return (json, sink.arrays)
    }

    /// Decodes JSON whose references name `arrays`.
    static func decode<Value: Decodable>(_ type: Value.Type, from json: String, arrays: [(String, [UInt8])]) throws -> Value {
        let decoder = JSONDecoder()
        decoder.userInfo[sourceKey] = Source(arrays)
        return try decoder.decode(type, from: Data(json.utf8))
    }
}
