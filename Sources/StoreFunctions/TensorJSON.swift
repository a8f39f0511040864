import Foundation
import StoreCore

/// Tensors as nested JSON arrays, the text form of `tensor()` and
/// `tensor_json()`: `[[1,2,3],[4,5,6]]` is a 2 × 3 tensor, a bare number a
/// scalar, `[]` a tensor of shape [0].
enum TensorJSON {
    /// The tensor that `text` spells, with elements of `dtype`. Throws when
    /// the text is not JSON, holds anything but arrays and numbers, is not
    /// rectangular, nests deeper than a tensor's axes allow, or has a value
    /// the dtype cannot hold (uint8: integers 0 to 255; int32: integers of
    /// 32 bits; float32: finite values within its range, rounded to nearest).
    static func read(_ text: String, dtype: TensorDType) throws(TensorFormatError) -> Tensor {
        let root: Nested
        do {
            root = try JSONDecoder().decode(Nested.self, from: Data(text.utf8))
        } catch {
            throw TensorFormatError("the text is not JSON made of nested arrays of numbers, such as '[[1,2],[3,4]]'")
        }
        let shape = root.shape
        var values = [Double]()
        try root.flatten(into: &values, shape: shape, path: [])
        switch dtype {
        case .float64:
            return try Tensor(shape: shape, float64: values)
        case .float32:
            var floats = [Float]()
            floats.reserveCapacity(values.count)
            for value in values {
                let float = Float(value)
                guard float.isFinite else {
                    throw TensorFormatError("\(plain(value)) does not fit float32 (largest magnitude \(Float.greatestFiniteMagnitude))")
                }
                floats.append(float)
            }
            return try Tensor(shape: shape, float32: floats)
        case .uint8:
            var bytes = [UInt8]()
            bytes.reserveCapacity(values.count)
            for value in values {
                guard let byte = UInt8(exactly: value) else {
                    throw TensorFormatError("\(plain(value)) does not fit uint8 (integers 0 to 255)")
                }
                bytes.append(byte)
            }
            return try Tensor(shape: shape, uint8: bytes)
        case .int32:
            var integers = [Int32]()
            integers.reserveCapacity(values.count)
            for value in values {
                guard let integer = Int32(exactly: value) else {
                    throw TensorFormatError("\(plain(value)) does not fit int32 (integers \(Int32.min) to \(Int32.max))")
                }
                integers.append(integer)
            }
            return try Tensor(shape: shape, int32: integers)
        }
    }

    /// A number as a person writes it in an error: `256`, `0.5`.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }

    /// The tensor as nested JSON arrays in row-major order: uint8 and int32
    /// elements as integers, floats in the shortest form that reads back to the same
    /// value (float32 elements as float32 print), NaN and infinities as null.
    static func write(_ tensor: TensorView) -> String {
        var text = ""
        var next = 0
        write(tensor, axis: 0, next: &next, to: &text)
        return text
    }

    private static func write(_ tensor: TensorView, axis: Int, next: inout Int, to text: inout String) {
        guard axis < tensor.shape.count else {
            text += element(tensor, at: next)
            next += 1
            return
        }
        text += "["
        for index in 0..<tensor.shape[axis] {
            if index > 0 { text += "," }
            write(tensor, axis: axis + 1, next: &next, to: &text)
        }
        text += "]"
    }

    private static func element(_ tensor: TensorView, at index: Int) -> String {
        let value = tensor.value(at: index)
        guard value.isFinite else { return "null" }
        switch tensor.dtype {
        case .uint8, .int32: return String(Int(value))
        case .float32: return Float(value).description
        case .float64: return value.description
        }
    }
}

/// A JSON value that is a number or an array of such values.
private indirect enum Nested: Decodable {
    case number(Double)
    case list([Nested])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .list(try container.decode([Nested].self))
        }
    }

    /// The shape as the first entry of each level says it.
    var shape: [Int] {
        switch self {
        case .number: []
        case .list(let items): [items.count] + (items.first?.shape ?? [])
        }
    }

    /// Appends the numbers in row-major order, checking that every entry has
    /// the shape the first entries gave.
    func flatten(into values: inout [Double], shape: [Int], path: [Int]) throws(TensorFormatError) {
        let depth = path.count
        switch self {
        case .number(let value):
            guard depth == shape.count else {
                throw TensorFormatError("the nested arrays are not rectangular: \(Self.place(path)) is a number where an array of \(shape[depth]) was expected")
            }
            values.append(value)
        case .list(let items):
            guard depth < shape.count else {
                throw TensorFormatError("the nested arrays are not rectangular: \(Self.place(path)) is an array where a number was expected")
            }
            guard items.count == shape[depth] else {
                throw TensorFormatError("the nested arrays are not rectangular: \(Self.place(path)) has \(items.count) entries where \(shape[depth]) were expected")
            }
            for (index, item) in items.enumerated() {
                try item.flatten(into: &values, shape: shape, path: path + [index])
            }
        }
    }

    private static func place(_ path: [Int]) -> String {
        path.isEmpty ? "the top level" : "entry " + path.map { "[\($0)]" }.joined()
    }
}
