import Foundation
import GRDBSQLite
import StoreCore

/// Tensor functions: make, inspect and summarize n-dimensional arrays stored
/// as BLOBs in the format of schema/TENSOR_FORMAT.md (images, MFCC matrices).
///
/// `tensor(json [, dtype])`, `tensor_shape(t)`, `tensor_dtype(t)`,
/// `tensor_json(t)`, `tensor_mean(t)`, `tensor_std(t)`, `tensor_min(t)`,
/// `tensor_max(t)`, `tensor_pad(t, n [, axis])`. Summaries along one axis
/// (`tensor_mean(t, axis)`, `mfcc_mean(t)`, …) are in TensorAxes.swift.
///
/// (1) A NULL argument gives NULL.
/// (2) A tensor argument that is not a BLOB, or a BLOB that is not a
///     well-formed tensor (wrong magic, version, dtype or axis count, or a
///     length that disagrees with the shape), is an error that names the
///     function and says what is wrong. No function reads past a BLOB.
/// (3) The summaries cover every element, whatever the shape, computed in
///     double precision as numpy computes `t.mean()`, `t.std()` (population,
///     ddof = 0), `t.min()` and `t.max()` on the array; uint8 and float32
///     values are widened exactly to doubles first.
/// (4) An empty tensor (an axis of length 0) has no summaries: NULL. So it is
///     when numpy's answer is NaN: a NaN element, or a standard deviation of
///     values that include an infinity.
/// (5) `tensor_json` writes at most 100,000 elements; NaN and infinities,
///     which JSON cannot hold, are written as null.
///
/// Example: `SELECT tensor_shape(tensor('[[1,2,3],[4,5,6]]', 'float32'))` → `[2,3]`.
enum Tensors {
    static let all = [make, makeWithType, shape, dtype, json, mean, std, minimum, maximum, pad, padAxis]

    /// Rule (5): the most elements `tensor_json` writes.
    static let jsonElementLimit = 100_000

    /// SQLite's default largest BLOB (SQLITE_MAX_LENGTH), the bound on `tensor_pad`.
    static let blobLimit = 1_000_000_000

    /// `tensor(json)` → a float64 tensor from nested JSON arrays of numbers
    /// (`'[[1,2],[3,4]]'` has shape [2,2]; a bare number is a scalar, `'[]'`
    /// has shape [0]). Nested arrays must be rectangular.
    static let make = ScalarFunction("tensor", arguments: 1) { arguments in
        try build(arguments, dtype: .float64)
    }

    /// `tensor(json, dtype)` with dtype 'uint8', 'int32', 'float32' or 'float64'.
    /// uint8 takes integers 0 to 255 only; float32 rounds to nearest and
    /// refuses finite values beyond its range.
    static let makeWithType = ScalarFunction("tensor", arguments: 2) { arguments in
        guard let name = arguments.text(1), let dtype = TensorDType(name: name) else {
            throw SQLFunctionError("tensor(): second argument must be the dtype 'uint8', 'int32', 'float32' or 'float64'")
        }
        return try build(arguments, dtype: dtype)
    }

    /// `tensor_shape(t)` → the shape as a JSON array of integers: `[64,64,3]`; `[]` for a scalar.
    static let shape = ScalarFunction("tensor_shape", arguments: 1) { arguments in
        guard let tensor = try view("tensor_shape", arguments) else { return .null }
        return .text(tensor.shapeJSON)
    }

    /// `tensor_dtype(t)` → 'uint8', 'int32', 'float32' or 'float64'.
    static let dtype = ScalarFunction("tensor_dtype", arguments: 1) { arguments in
        guard let tensor = try view("tensor_dtype", arguments) else { return .null }
        return .text(tensor.dtype.name)
    }

    /// `tensor_json(t)` → the elements as nested JSON arrays in row-major
    /// order (uint8 as integers; floats in the shortest form that reads back
    /// to the same value, float32 as numpy prints a float32: `0.1`);
    /// `tensor(tensor_json(t), tensor_dtype(t))` gives back `t`. Rule (5).
    static let json = ScalarFunction("tensor_json", arguments: 1) { arguments in
        guard let tensor = try view("tensor_json", arguments) else { return .null }
        guard tensor.count <= jsonElementLimit else {
            throw SQLFunctionError("tensor_json(): the tensor has \(tensor.count) elements; at most \(jsonElementLimit) are written as JSON. Summarize it with tensor_mean() and friends, or cut it with tensor_pad()")
        }
        return .text(TensorJSON.write(tensor))
    }

    /// `tensor_mean(t)` → the mean of every element (numpy `t.mean()`), with
    /// compensated summation. Rules (3), (4).
    static let mean = ScalarFunction("tensor_mean", arguments: 1) { arguments in
        guard let tensor = try view("tensor_mean", arguments), tensor.count > 0 else { return .null }
        return .number(elementMean(tensor))
    }

    /// `tensor_std(t)` → the population standard deviation of every element
    /// (numpy `t.std()`, ddof = 0), by two passes. Rules (3), (4).
    static let std = ScalarFunction("tensor_std", arguments: 1) { arguments in
        guard let tensor = try view("tensor_std", arguments), tensor.count > 0 else { return .null }
        let center = elementMean(tensor)
        var squares = CompensatedSum()
        for index in 0..<tensor.count {
            let deviation = tensor.value(at: index) - center
            squares.add(deviation * deviation)
        }
        return .number((squares.value / Double(tensor.count)).squareRoot())
    }

    /// `tensor_min(t)` → the smallest element (numpy `t.min()`). Rules (3), (4).
    static let minimum = ScalarFunction("tensor_min", arguments: 1) { arguments in
        guard let tensor = try view("tensor_min", arguments) else { return .null }
        return .number(extreme(tensor, by: <))
    }

    /// `tensor_max(t)` → the largest element (numpy `t.max()`). Rules (3), (4).
    static let maximum = ScalarFunction("tensor_max", arguments: 1) { arguments in
        guard let tensor = try view("tensor_max", arguments) else { return .null }
        return .number(extreme(tensor, by: >))
    }

    /// `tensor_pad(t, n)` → `t` with its first axis cut to its first `n`
    /// entries, or padded with zeros up to `n` (a batch, or a matrix stored
    /// frames-first). The dtype and the other axes are kept. A scalar or a
    /// negative `n` is an error; a NULL `n` gives NULL.
    static let pad = ScalarFunction("tensor_pad", arguments: 2) { arguments in
        try padded("tensor_pad", arguments, axis: 0)
    }

    /// `tensor_pad(t, n, axis)` → the same along `axis` (−1 is the last):
    /// `tensor_pad(mfcc, 130, 1)` gives every MFCC matrix (coefficients ×
    /// frames) 130 frames, as `store ingest audio --frames 130` does.
    static let padAxis = ScalarFunction("tensor_pad", arguments: 3) { arguments in
        guard !arguments.isNull(2) else { return .null }
        guard let axis = arguments.integer(2) else {
            throw SQLFunctionError("tensor_pad(): third argument must be an integer axis")
        }
        return try padded("tensor_pad", arguments, axis: Int(clamping: axis))
    }

    static func padded(_ function: String, _ arguments: SQLArguments, axis: Int) throws -> SQLResult {
        guard let tensor = try view(function, arguments), !arguments.isNull(1) else { return .null }
        guard let length = arguments.integer(1) else {
            throw SQLFunctionError("\(function)(): second argument must be an integer length")
        }
        do {
            return .blob(try tensor.padded(axis: axis, length: Int(clamping: length), maximumBytes: blobLimit))
        } catch {
            throw SQLFunctionError("\(function)(): \(error)")
        }
    }

    // MARK: - Helpers

    /// The first argument as a tensor: nil when NULL, an error when it is not
    /// a well-formed tensor BLOB (rule 2).
    static func view(_ function: String, _ arguments: SQLArguments) throws -> TensorView? {
        guard !arguments.isNull(0) else { return nil }
        guard let blob = arguments.blob(0) else {
            throw SQLFunctionError("\(function)(): first argument must be a tensor BLOB (made by tensor() or an ingest), not \(typeName(arguments.type(0)))")
        }
        do {
            return try TensorView(blob)
        } catch {
            throw SQLFunctionError("\(function)(): \(error)")
        }
    }

    static func typeName(_ type: Int32) -> String {
        switch type {
        case SQLITE_INTEGER: "an INTEGER"
        case SQLITE_FLOAT: "a REAL"
        case SQLITE_TEXT: "TEXT"
        default: "a BLOB"
        }
    }

    static func build(_ arguments: SQLArguments, dtype: TensorDType) throws -> SQLResult {
        guard !arguments.isNull(0) else { return .null }
        guard let text = arguments.text(0) else {
            throw SQLFunctionError("tensor(): first argument must be JSON text of nested arrays of numbers, such as '[[1,2],[3,4]]'")
        }
        do {
            return .blob(try TensorJSON.read(text, dtype: dtype).blob)
        } catch {
            throw SQLFunctionError("tensor(): \(error)")
        }
    }

    static func elementMean(_ tensor: TensorView) -> Double {
        var sum = CompensatedSum()
        for index in 0..<tensor.count { sum.add(tensor.value(at: index)) }
        return sum.value / Double(tensor.count)
    }

    /// The element that wins `better` against all others; NaN when any is
    /// NaN, as numpy propagates it; nil when there is none.
    static func extreme(_ tensor: TensorView, by better: (Double, Double) -> Bool) -> Double? {
        guard tensor.count > 0 else { return nil }
        var best = tensor.value(at: 0)
        for index in 0..<tensor.count {
            let value = tensor.value(at: index)
            if value.isNaN { return .nan }
            if better(value, best) { best = value }
        }
        return best
    }
}
