/// An n-dimensional array as the store keeps it: a BLOB in the tensor format
/// of schema/TENSOR_FORMAT.md (magic `TNSR`, version, dtype, shape, then the
/// elements little-endian in row-major order).
///
/// `Tensor` owns its bytes and is what ingests build and write;
/// `TensorView` reads a BLOB in place, for SQL functions.
///
///     let t = try Tensor(shape: [2, 2], float32: [1, 2, 3, 4])
///     t.blob.count  // 8 + 2 × 8 + 4 × 4 = 40
public struct Tensor: Equatable, Sendable {
    public let dtype: TensorDType
    public let shape: [Int]
    /// The elements, little-endian, row-major.
    public let data: [UInt8]

    /// A tensor of bytes (an image: height × width × channels).
    public init(shape: [Int], uint8 values: [UInt8]) throws(TensorFormatError) {
        try Self.check(shape: shape, count: values.count)
        self.init(checked: .uint8, shape: shape, data: values)
    }

    /// A tensor of 32-bit floats (an MFCC matrix: coefficients × frames).
    public init(shape: [Int], float32 values: [Float]) throws(TensorFormatError) {
        try self.init(shape: shape, dtype: .float32, words: values.map(\.bitPattern))
    }

    /// A tensor of 64-bit floats.
    public init(shape: [Int], float64 values: [Double]) throws(TensorFormatError) {
        try self.init(shape: shape, dtype: .float64, words: values.map(\.bitPattern))
    }

    /// A tensor of 32-bit signed integers (a tree's node indices).
    public init(shape: [Int], int32 values: [Int32]) throws(TensorFormatError) {
        try self.init(shape: shape, dtype: .int32, words: values.map { UInt32(bitPattern: $0) })
    }

    /// A tensor from the bit patterns of its elements.
    private init<Word: FixedWidthInteger>(shape: [Int], dtype: TensorDType, words: [Word]) throws(TensorFormatError) {
        try Self.check(shape: shape, count: words.count)
        let data = words.map(\.littleEndian).withUnsafeBytes { Array($0) }
        self.init(checked: dtype, shape: shape, data: data)
    }

    /// A copy of the tensor in a BLOB; throws when the BLOB is malformed.
    public init(blob: UnsafeRawBufferPointer) throws(TensorFormatError) {
        let view = try TensorView(blob)
        self.init(checked: view.dtype, shape: view.shape, data: Array(view.data))
    }

    private init(checked dtype: TensorDType, shape: [Int], data: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// The number of elements: the product of the shape (1 for a scalar).
    public var count: Int { data.count / dtype.itemSize }

    /// Calls `body` with a reader of the elements as Doubles (exact for every
    /// dtype) by flat row-major index, valid during the call; nothing is copied.
    public func withElements<R>(_ body: (_ value: (Int) -> Double) throws -> R) rethrows -> R {
        try data.withUnsafeBytes { raw in try body { dtype.value(in: raw, at: $0) } }
    }

    /// The tensor as a BLOB in the store's format.
    public var blob: [UInt8] {
        var bytes = Self.header(dtype: dtype, shape: shape)
        bytes.append(contentsOf: data)
        return bytes
    }

    /// The header of a tensor: magic, version, dtype, ndim, reserved, shape.
    static func header(dtype: TensorDType, shape: [Int]) -> [UInt8] {
        var bytes = Array(TensorView.magic)
        bytes.reserveCapacity(8 + 8 * shape.count)
        bytes.append(contentsOf: [TensorView.version, dtype.rawValue, UInt8(shape.count), 0])
        for axis in shape { append(UInt64(axis).littleEndian, to: &bytes) }
        return bytes
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    private static func check(shape: [Int], count: Int) throws(TensorFormatError) {
        guard shape.count <= TensorView.maximumAxes else {
            throw TensorFormatError("a tensor has at most \(TensorView.maximumAxes) axes, not \(shape.count)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorFormatError("the shape \(shape) has a negative axis")
        }
        guard let expected = TensorView.elementCount(shape), expected == count else {
            throw TensorFormatError("the shape \(shape) needs \(TensorView.elementCount(shape).map(String.init) ?? "too many") elements, not \(count)")
        }
    }
}

/// The element types a tensor can hold, with their codes in the format.
public enum TensorDType: UInt8, Sendable, CaseIterable {
    case uint8 = 1
    case float32 = 2
    case float64 = 3
    case int32 = 4

    /// The dtype's name, as numpy spells it: `uint8`, `float32`, `float64`, `int32`.
    public var name: String {
        switch self {
        case .uint8: "uint8"
        case .float32: "float32"
        case .float64: "float64"
        case .int32: "int32"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = found
    }

    /// Element `index` of little-endian row-major `data` of this dtype, as a
    /// Double (exact for every dtype). `data` must hold the element.
    @inline(__always)
    public func value(in data: UnsafeRawBufferPointer, at index: Int) -> Double {
        switch self {
        case .uint8:
            Double(data[index])
        case .float32:
            Double(Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))))
        case .float64:
            Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        case .int32:
            Double(Int32(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))))
        }
    }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .uint8: 1
        case .float32: 4
        case .float64: 8
        case .int32: 4
        }
    }
}

/// Why bytes are not a tensor, in a phrase that completes
/// "tensor_mean(): …".
public struct TensorFormatError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
