/// A tensor BLOB read in place (schema/TENSOR_FORMAT.md): its dtype and
/// shape, checked against the BLOB's length, and its elements, valid as long
/// as the bytes it was made from.
///
/// Making a view checks the whole header, so reading any element afterwards
/// stays inside the BLOB.
public struct TensorView {
    static let magic: [UInt8] = Array("TNSR".utf8)
    static let version: UInt8 = 1
    static let maximumAxes = 16

    public let dtype: TensorDType
    public let shape: [Int]
    /// The element bytes (little-endian, row-major).
    public let data: UnsafeRawBufferPointer
    /// The number of elements.
    public let count: Int

    /// Reads the header of `blob`; throws when it is not a tensor of this
    /// format or its length disagrees with its shape.
    public init(_ blob: UnsafeRawBufferPointer) throws(TensorFormatError) {
        guard blob.count >= 8, blob.prefix(4).elementsEqual(Self.magic) else {
            throw TensorFormatError("the BLOB is not a tensor: it does not start with the bytes 'TNSR' (see schema/TENSOR_FORMAT.md)")
        }
        guard blob[4] == Self.version else {
            throw TensorFormatError("the tensor has format version \(blob[4]); this store reads version \(Self.version)")
        }
        guard let dtype = TensorDType(rawValue: blob[5]) else {
            throw TensorFormatError("the tensor has an unknown dtype code \(blob[5]) (1 uint8, 2 float32, 3 float64, 4 int32)")
        }
        let axes = Int(blob[6])
        guard axes <= Self.maximumAxes else {
            throw TensorFormatError("the tensor claims \(axes) axes; at most \(Self.maximumAxes) are allowed")
        }
        let dataOffset = 8 + 8 * axes
        guard blob.count >= dataOffset else {
            throw TensorFormatError("the tensor is cut short: its header needs \(dataOffset) bytes, the BLOB has \(blob.count)")
        }
        var shape = [Int]()
        shape.reserveCapacity(axes)
        for axis in 0..<axes {
            let length = UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: 8 + 8 * axis, as: UInt64.self))
            guard length <= UInt64(Int.max) else {
                throw TensorFormatError("the tensor's axis \(axis) has an impossible length \(length)")
            }
            shape.append(Int(length))
        }
        guard let count = Self.elementCount(shape),
              case (let bytes, false) = count.multipliedReportingOverflow(by: dtype.itemSize),
              blob.count - dataOffset == bytes
        else {
            throw TensorFormatError("the tensor's header says shape \(Self.json(shape)) of \(dtype.name), but the BLOB has \(blob.count - dataOffset) data bytes")
        }
        self.dtype = dtype
        self.shape = shape
        self.count = count
        self.data = UnsafeRawBufferPointer(rebasing: blob[dataOffset...])
    }

    /// The element at flat (row-major) `index`, as a Double (exact for every dtype).
    @inline(__always)
    public func value(at index: Int) -> Double {
        dtype.value(in: data, at: index)
    }

    /// The product of `shape`, or nil when it overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        var product = 1
        for axis in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: axis)
            guard !overflow else { return nil }
            product = next
        }
        return product
    }

    /// The shape as a JSON array: `[2,3]`; `[]` for a scalar.
    public var shapeJSON: String { Self.json(shape) }

    static func json(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ",") + "]"
    }

    /// A BLOB of this tensor with axis `axis` cut to its first `length`
    /// entries or padded with zeros after them, the other axes unchanged
    /// (numpy: `t[..., :length, ...]` or `np.pad(t, …)` with zeros at the
    /// end). A negative axis counts from the last (−1). Throws for a scalar
    /// (it has no axis), an axis out of range, a negative length, or a result
    /// over `maximumBytes`.
    public func padded(axis requested: Int = 0, length: Int, maximumBytes: Int) throws(TensorFormatError) -> [UInt8] {
        guard !shape.isEmpty else {
            throw TensorFormatError("a scalar tensor has no axis to pad")
        }
        let axis = requested < 0 ? requested + shape.count : requested
        guard (0..<shape.count).contains(axis) else {
            throw TensorFormatError("axis \(requested) is out of range for a tensor of shape \(shapeJSON)")
        }
        guard length >= 0 else {
            throw TensorFormatError("the length must be 0 or more, not \(length)")
        }
        var newShape = shape
        newShape[axis] = length
        guard let outer = Self.elementCount(Array(shape[..<axis])), let inner = Self.elementCount(Array(shape[(axis + 1)...])),
              let newCount = Self.elementCount(newShape),
              case (let newBytes, false) = newCount.multipliedReportingOverflow(by: dtype.itemSize),
              newBytes + 8 + 8 * shape.count <= maximumBytes
        else {
            throw TensorFormatError("a tensor of shape \(Self.json(newShape)) would be larger than the \(maximumBytes) bytes a BLOB may hold")
        }
        let sliceBytes = inner * dtype.itemSize
        let kept = min(shape[axis], length) * sliceBytes
        let padding = (length - min(shape[axis], length)) * sliceBytes
        var bytes = Tensor.header(dtype: dtype, shape: newShape)
        bytes.reserveCapacity(bytes.count + newBytes)
        for block in 0..<outer {
            let start = block * shape[axis] * sliceBytes
            bytes.append(contentsOf: data[start..<(start + kept)])
            bytes.append(contentsOf: repeatElement(0, count: padding))
        }
        return bytes
    }
}
