import Foundation
import StoreCore
import StoreNetworks

/// How a view's values become a network's input rows: learned from the
/// training rows and stored with the model (`models.preprocessing`), so
/// validation, test and new rows are prepared exactly alike.
///
/// (1) A uint8 tensor (an image, height × width × channels) is scaled to
///     [0, 1] (÷ 255) and read channels-first, as PyTorch's `ToTensor()`.
/// (2) A float tensor of two axes (an MFCC matrix, coefficients × frames)
///     is standardized per coefficient with the mean and (population)
///     standard deviation of that coefficient over every frame of every
///     training row; a coefficient with no spread is only centred. Rows may
///     differ in frames.
/// (3) A float tensor of one axis is standardized per element.
/// (4) Numeric columns (an `mlp` on a view without tensors) are prepared
///     as for the other models (`--impute`, `--encode`), then standardized
///     per column as scikit-learn's `StandardScaler`.
/// (5) The layout follows the first layer that shapes the data: conv2d or a
///     pool reads an image (an MFCC matrix as 1 × coefficients × frames),
///     a recurrent layer or conv1d a sequence (frames × coefficients; an
///     image is read as a sequence over its width), dense or flatten a flat
///     vector.
public struct NetworkInput: Codable, Sendable, Equatable {
    public enum Layout: String, Codable, Sendable {
        case image, sequence, flat
    }

    /// The tensor column, or nil for numeric columns.
    public let column: String?
    public let layout: Layout
    /// The tensors' dtype ("uint8", "float32", "float64") or "columns".
    public let dtype: String
    /// A training row's tensor shape, with the longest frames.
    public let shape: [Int]
    /// Rule (4)'s preparation of numeric columns.
    public let columns: Preprocessing?
    public let mean: [Double]?
    public let std: [Double]?

    /// The input shape the network sees.
    public var networkShape: NetworkInputShape {
        switch (layout, shape.count) {
        case (.image, 3): .image(channels: shape[2], height: shape[0], width: shape[1])
        case (.image, _): .image(channels: 1, height: shape[0], width: shape.count > 1 ? shape[1] : 1)
        case (.sequence, _): .sequence(steps: shape.count > 1 ? shape[1] : 1, features: shape[0])
        case (.flat, _): .flat(features: shape.reduce(1, *))
        }
    }

    /// Whether rows are pictures (uint8 images), which image augmentation changes.
    public var isPicture: Bool { dtype == TensorDType.uint8.name && shape.count == 3 }

    /// Rule (5): the layout the first shaping layer reads, for `shape`.
    static func layout(for layers: [NetworkLayer], tensorShape: [Int]?) -> Layout {
        guard let tensorShape, tensorShape.count >= 2 else { return .flat }
        for layer in layers {
            switch layer {
            case .conv2d, .maxPool, .averagePool: return .image
            case .lstm, .gru, .conv1d, .globalAveragePool: return tensorShape.count == 3 ? .image : .sequence
            case .dense, .flatten: return .flat
            case .batchNorm, .dropout, .relu, .tanh, .sigmoid: continue
            }
        }
        return .flat
    }

    /// Fits rules (1)–(3) on the tensors of `rows` (the training rows).
    static func fit(column: String, tensors: [Tensor], rows: [Int], layout: Layout) throws -> NetworkInput {
        guard let first = rows.first.map({ tensors[$0] }) else { throw StoreError("there are no training rows.") }
        let longest = rows.map { tensors[$0].shape.last ?? 0 }.max() ?? 0
        var shape = first.shape
        if first.shape.count == 2 { shape[1] = longest }
        if first.dtype == .uint8 {
            return NetworkInput(column: column, layout: layout, dtype: first.dtype.name, shape: shape, columns: nil, mean: nil, std: nil)
        }
        // A group is a coefficient (its row of frames) of a matrix, or one element of a vector.
        let groups = first.shape.count == 2 ? first.shape[0] : first.count
        func eachValue(_ body: (_ group: Int, _ value: Double) -> Void) {
            for row in rows {
                let tensor = tensors[row]
                let perGroup = tensor.shape.count == 2 ? tensor.shape[1] : 1
                tensor.withElements { value in
                    for index in 0..<(groups * perGroup) { body(index / perGroup, value(index)) }
                }
            }
        }
        var sums = [Double](repeating: 0, count: groups)
        var counts = [Double](repeating: 0, count: groups)
        eachValue { group, value in
            sums[group] += value
            counts[group] += 1
        }
        let mean = zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
        var squares = [Double](repeating: 0, count: groups)
        eachValue { group, value in squares[group] += (value - mean[group]) * (value - mean[group]) }
        let std = zip(squares, counts).map { $1 > 0 ? ($0 / $1).squareRoot() : 0 }
        return NetworkInput(column: column, layout: layout, dtype: first.dtype.name, shape: shape, columns: nil, mean: mean, std: std)
    }

    /// Fits rule (4) on the training rows of tabular data.
    static func fit(columns data: TrainingData, rows: [Int], impute: ImputeStrategy?, encode: EncodeStrategy?) throws -> NetworkInput {
        let preprocessing = try Preprocessing.fit(data, rows: rows, impute: impute, encode: encode)
        let matrix = preprocessing.transform(data.values, rows: rows)
        var mean = [Double](repeating: 0, count: matrix.columns)
        var std = [Double](repeating: 0, count: matrix.columns)
        for column in 0..<matrix.columns {
            let values = (0..<matrix.rows).map { matrix[$0, column] }
            mean[column] = values.reduce(0, +) / Double(max(values.count, 1))
            std[column] = (values.reduce(0) { $0 + ($1 - mean[column]) * ($1 - mean[column]) } / Double(max(values.count, 1))).squareRoot()
        }
        return NetworkInput(column: nil, layout: .flat, dtype: "columns", shape: [matrix.columns], columns: preprocessing, mean: mean, std: std)
    }

    /// The network rows of `tensors` (rules 1–3, 5). `describe(i)` names
    /// row i in errors.
    func rows(_ tensors: [Tensor], describe: (Int) -> String) throws -> NetworkRows {
        var rows = NetworkRows(shape: networkShape)
        var buffer: [Float] = []
        for (index, tensor) in tensors.enumerated() {
            try check(tensor, row: describe(index))
            let frames = tensor.shape.count == 2 ? tensor.shape[1] : 1
            buffer.removeAll(keepingCapacity: true)
            prepare(tensor, into: &buffer)
            let length: Int = switch (layout, tensor.shape.count) {
            case (.flat, _): 1
            case (.image, 3): tensor.shape[1]
            default: frames
            }
            buffer.withUnsafeBufferPointer { rows.append($0, length: length) }
        }
        return rows
    }

    /// The network rows of numeric columns (rule 4): `values` one row of raw
    /// values per row, in the columns' order.
    func rows(_ values: [[TrainingData.Value]], describe: (Int) -> String) throws -> NetworkRows {
        guard let columns, let mean, let std else { throw StoreError("the model's input is a tensor column, not numeric columns.") }
        let matrix = columns.transform(values, rows: Array(values.indices))
        var rows = NetworkRows(shape: .flat(features: matrix.columns))
        var buffer = [Float](repeating: 0, count: matrix.columns)
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns {
                let value = matrix[row, column]
                guard !value.isNaN else {
                    throw StoreError("\(describe(row)) has no \(columns.featureNames[column]), and the model learned no fill for it (it had no missing values in training). Fill it in the view.")
                }
                buffer[column] = Float((value - mean[column]) / (std[column] > 0 ? std[column] : 1))
            }
            buffer.withUnsafeBufferPointer { rows.append($0, length: 1) }
        }
        return rows
    }

    /// Whether `tensor` fits the input: its dtype, its axes, and every axis
    /// but frames (which may differ unless the layout is flat).
    func check(_ tensor: Tensor, row: String) throws {
        let expected = shape.map(String.init).joined(separator: "×")
        guard tensor.dtype.name == dtype else {
            throw StoreError("\(row) has a \(tensor.dtype.name) \(column ?? "input") tensor; the model's are \(dtype) (\(expected)).")
        }
        let framesVary = shape.count == 2 && layout != .flat
        let fits = tensor.shape.count == shape.count
            && zip(tensor.shape, shape).enumerated().allSatisfy { axis, sizes in sizes.0 == sizes.1 || (framesVary && axis == 1 && sizes.0 > 0) }
        guard fits else {
            let got = tensor.shape.map(String.init).joined(separator: "×")
            let hint = shape.count == 3 ? "ingest pictures with one --size" : framesVary ? "only the frames may differ" : "pad or cut the frames to \(shape.last ?? 0) (tensor_pad, or ingest with --frames)"
            throw StoreError("\(row) has a \(got) \(column ?? "input") tensor; the model reads \(expected) (\(hint)).")
        }
    }

    /// Appends the prepared floats of one tensor in the network's layout.
    private func prepare(_ tensor: Tensor, into buffer: inout [Float]) {
        if tensor.dtype == .uint8 {
            let (height, width, channels) = tensor.shape.count == 3 ? (tensor.shape[0], tensor.shape[1], tensor.shape[2]) : (1, tensor.count, 1)
            tensor.data.withUnsafeBufferPointer { bytes in
                if tensor.shape.count == 3 {
                    // height × width × channels → channels × height × width.
                    for channel in 0..<channels {
                        for pixel in 0..<(height * width) { buffer.append(Float(bytes[pixel * channels + channel]) / 255) }
                    }
                } else {
                    for byte in bytes { buffer.append(Float(byte) / 255) }
                }
            }
            return
        }
        let mean = self.mean ?? [], std = self.std ?? []
        tensor.withElements { value in
            if tensor.shape.count == 2 {
                let (coefficients, frames) = (tensor.shape[0], tensor.shape[1])
                func scaled(_ coefficient: Int, _ frame: Int) -> Float {
                    let spread = std[coefficient] > 0 ? std[coefficient] : 1
                    return Float((value(coefficient * frames + frame) - mean[coefficient]) / spread)
                }
                if layout == .sequence {
                    for frame in 0..<frames { for coefficient in 0..<coefficients { buffer.append(scaled(coefficient, frame)) } }
                } else {
                    for coefficient in 0..<coefficients { for frame in 0..<frames { buffer.append(scaled(coefficient, frame)) } }
                }
            } else {
                for index in 0..<tensor.count {
                    let spread = index < std.count && std[index] > 0 ? std[index] : 1
                    buffer.append(Float((value(index) - (index < mean.count ? mean[index] : 0)) / spread))
                }
            }
        }
    }
}
