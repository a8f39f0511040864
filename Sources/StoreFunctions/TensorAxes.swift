import Foundation
import StoreCore

/// Tensor functions along one axis, and single elements: what turns an MFCC
/// matrix or an image into a fixed-length numeric row for a feature view.
///
/// `tensor_mean(t, axis)`, `tensor_std(t, axis)`, `mfcc_mean(t)`,
/// `mfcc_std(t)`, `tensor_at(t, i [, j, …])`.
///
/// (1) A NULL argument gives NULL.
/// (2) A tensor argument that is not a well-formed tensor BLOB is an error
///     that names the function (as for the other tensor functions).
/// (3) Reducing along `axis` removes that axis (numpy `t.mean(axis=axis)`,
///     `t.std(axis=axis)` with ddof = 0); a negative axis counts from the
///     last. The result is a float64 tensor, computed in double precision
///     with compensated sums, so it can differ from numpy's float32 mean of
///     a float32 array in the last float32 digit.
/// (4) Reducing an axis of length 0 gives NULL (numpy's answer is NaN).
/// (5) An index out of range is an error that names the index and the shape;
///     negative indices count from the end, as in numpy.
///
/// Example: `SELECT tensor_json(tensor_mean(tensor('[[1,2],[3,5]]'), 1))` → `[1.5,4.0]`.
enum TensorAxes {
    static let all = [meanAlong, stdAlong, mfccMean, mfccStd, at]

    /// `tensor_mean(t, axis)` → the mean along `axis`. Rules (3), (4).
    static let meanAlong = ScalarFunction("tensor_mean", arguments: 2) { arguments in
        try reduce("tensor_mean", arguments, axisArgument: 1, by: mean)
    }

    /// `tensor_std(t, axis)` → the population standard deviation along `axis`. Rules (3), (4).
    static let stdAlong = ScalarFunction("tensor_std", arguments: 2) { arguments in
        try reduce("tensor_std", arguments, axisArgument: 1, by: standardDeviation)
    }

    /// `mfcc_mean(t)` → for a matrix of coefficients × frames (what `store
    /// ingest audio` writes), the mean of each coefficient over the frames:
    /// `np.mean(mfcc, axis=1)`, the usual fixed-length summary of a
    /// recording. Frames added by `--frames` padding are zeros and count.
    static let mfccMean = ScalarFunction("mfcc_mean", arguments: 1) { arguments in
        try reduce("mfcc_mean", arguments, axisArgument: nil, by: mean)
    }

    /// `mfcc_std(t)` → the standard deviation of each coefficient over the
    /// frames: `np.std(mfcc, axis=1)`.
    static let mfccStd = ScalarFunction("mfcc_std", arguments: 1) { arguments in
        try reduce("mfcc_std", arguments, axisArgument: nil, by: standardDeviation)
    }

    /// `tensor_at(t, i [, j, …])` → one element: with one index per axis, the
    /// element there; with a single index, the element at that flat
    /// (row-major) position. uint8 elements are INTEGERs, floats REALs (NaN
    /// is NULL). Rule (5). `tensor_at(mfcc_mean(mfcc), 0)` is the mean of
    /// the first coefficient.
    static let at = ScalarFunction("tensor_at", arguments: -1) { arguments in
        guard arguments.count >= 2 else {
            throw SQLFunctionError("tensor_at(): give a tensor and at least one index")
        }
        guard let tensor = try Tensors.view("tensor_at", arguments) else { return .null }
        var indices: [Int] = []
        for position in 1..<arguments.count {
            if arguments.isNull(position) { return .null }
            guard let index = arguments.integer(position) else {
                throw SQLFunctionError("tensor_at(): argument \(position + 1) must be an integer index")
            }
            indices.append(Int(clamping: index))
        }
        let flat: Int
        if indices.count == 1 {
            flat = try resolve(indices[0], length: tensor.count, what: "flat index", shape: tensor.shapeJSON)
        } else {
            guard indices.count == tensor.shape.count else {
                throw SQLFunctionError("tensor_at(): the tensor of shape \(tensor.shapeJSON) needs 1 or \(tensor.shape.count) indices, not \(indices.count)")
            }
            var position = 0
            for (axis, index) in indices.enumerated() {
                position = position * tensor.shape[axis]
                    + (try resolve(index, length: tensor.shape[axis], what: "index on axis \(axis)", shape: tensor.shapeJSON))
            }
            flat = position
        }
        let value = tensor.value(at: flat)
        return tensor.dtype == .uint8 || tensor.dtype == .int32 ? .integer(Int64(value)) : .number(value)
    }

    // MARK: - Helpers

    static func resolve(_ index: Int, length: Int, what: String, shape: String) throws -> Int {
        let resolved = index < 0 ? index + length : index
        guard (0..<length).contains(resolved) else {
            throw SQLFunctionError("tensor_at(): \(what) \(index) is out of range for a tensor of shape \(shape)")
        }
        return resolved
    }

    /// The reduction of `arguments`' tensor along the axis given by argument
    /// `axisArgument` (the last axis of a matrix when nil, for the mfcc_ functions).
    static func reduce(
        _ function: String, _ arguments: SQLArguments, axisArgument: Int?,
        by summary: ([Double]) -> Double
    ) throws -> SQLResult {
        guard let tensor = try Tensors.view(function, arguments) else { return .null }
        let axis: Int
        if let axisArgument {
            if arguments.isNull(axisArgument) { return .null }
            guard let requested = arguments.integer(axisArgument) else {
                throw SQLFunctionError("\(function)(): second argument must be an integer axis")
            }
            let resolved = requested < 0 ? Int(requested) + tensor.shape.count : Int(clamping: requested)
            guard (0..<tensor.shape.count).contains(resolved) else {
                throw SQLFunctionError("\(function)(): axis \(requested) is out of range for a tensor of shape \(tensor.shapeJSON)")
            }
            axis = resolved
        } else {
            guard tensor.shape.count == 2 else {
                throw SQLFunctionError("\(function)(): the tensor has shape \(tensor.shapeJSON); it must be a matrix of coefficients × frames")
            }
            axis = 1
        }
        let length = tensor.shape[axis]
        guard length > 0 else { return .null }
        let outer = tensor.shape[..<axis].reduce(1, *)
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        var result: [Double] = []
        result.reserveCapacity(outer * inner)
        var slice = [Double](repeating: 0, count: length)
        for block in 0..<outer {
            for offset in 0..<inner {
                let base = block * length * inner + offset
                for step in 0..<length { slice[step] = tensor.value(at: base + step * inner) }
                result.append(summary(slice))
            }
        }
        var shape = tensor.shape
        shape.remove(at: axis)
        return .blob(try Tensor(shape: shape, float64: result).blob)
    }

    static func mean(_ values: [Double]) -> Double {
        var sum = CompensatedSum()
        for value in values { sum.add(value) }
        return sum.value / Double(values.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        let center = mean(values)
        var squares = CompensatedSum()
        for value in values { squares.add((value - center) * (value - center)) }
        return (squares.value / Double(values.count)).squareRoot()
    }
}
