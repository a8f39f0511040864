/// The rows a network reads, already in its input layout and scale, as
/// 32-bit floats: each row at its own length along the variable axis (time
/// for a sequence, width for an image), padded only when a batch is made.
///
/// (1) An image row is channels × height × length, a sequence row
///     length × features, a flat row features, all row-major.
/// (2) A batch pads every row with zeros to its longest row; `lengths` then
///     tell the network each row's true length, so padding never reaches a
///     recurrent layer or an average (see store_torch.h).
public struct NetworkRows: Sendable {
    /// The shape of the longest row.
    public private(set) var shape: NetworkInputShape
    /// Each row's length along the variable axis (1 per row for flat rows).
    public private(set) var lengths: [Int] = []
    private var values: [Float] = []
    private var offsets: [Int] = [0]

    /// Empty rows of `shape`; the variable axis's length in `shape` is
    /// replaced by the longest appended row's.
    public init(shape: NetworkInputShape) {
        self.shape = shape
    }

    public var count: Int { lengths.count }

    /// The shortest row's length along the variable axis, nil for flat rows
    /// or when there are no rows.
    public var shortest: Int? {
        shape.variableAxisLength == nil ? nil : lengths.min()
    }

    /// Whether rows differ in length.
    public var varies: Bool {
        guard let shortest, let longest = shape.variableAxisLength else { return false }
        return shortest != longest
    }

    /// The floats of one row per step of the variable axis (image:
    /// channels × height, sequence: features), or the whole row when flat.
    public var valuesPerStep: Int {
        switch shape {
        case .image(let channels, let height, _): channels * height
        case .sequence(_, let features): features
        case .flat(let features): features
        }
    }

    /// Appends a row of `length` steps; `row` must hold
    /// `length × valuesPerStep` floats in the layout of rule (1).
    public mutating func append(_ row: UnsafeBufferPointer<Float>, length: Int) {
        values.append(contentsOf: row)
        offsets.append(values.count)
        lengths.append(length)
        switch shape {
        case .image(let c, let h, let w) where length > w || lengths.count == 1: shape = .image(channels: c, height: h, width: length)
        case .sequence(let t, let f) where length > t || lengths.count == 1: shape = .sequence(steps: length, features: f)
        default: break
        }
    }

    /// The floats of row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[offsets[index]..<offsets[index + 1]]
    }

    /// Fills `batch` with `rows` (indices), padded to the longest of them.
    public func fill(_ batch: inout NetworkBatch, with rows: ArraySlice<Int>) {
        let steps = rows.map { lengths[$0] }.max() ?? 0
        let perRow: Int
        switch shape {
        case .image(let c, let h, _): perRow = c * h * steps
        case .sequence(_, let f): perRow = steps * f
        case .flat(let f): perRow = f
        }
        batch.reset(count: rows.count, steps: shape.variableAxisLength == nil ? 0 : steps, floatsPerRow: perRow, withLengths: varies)
        values.withUnsafeBufferPointer { source in
            batch.values.withUnsafeMutableBufferPointer { target in
                guard let source = source.baseAddress, let target = target.baseAddress else { return }
                for (slot, row) in rows.enumerated() {
                    let length = lengths[row]
                    let from = offsets[row]
                    let to = slot * perRow
                    switch shape {
                    case .image(let c, let h, _) where length != steps:
                        // Each line of a shorter picture lands at the start of the batch's wider line.
                        for line in 0..<(c * h) {
                            (target + to + line * steps).update(from: source + from + line * length, count: length)
                        }
                    default:
                        (target + to).update(from: source + from, count: offsets[row + 1] - from)
                    }
                }
            }
        }
        if varies {
            for (slot, row) in rows.enumerated() { batch.lengths[slot] = Int64(lengths[row]) }
        }
    }
}

/// A batch of rows ready for the bridge: `count` rows padded to `steps`
/// along the variable axis, with each row's true length when rows vary.
/// Its buffers are reused from batch to batch.
public struct NetworkBatch: Sendable {
    public internal(set) var values: [Float] = []
    public internal(set) var lengths: [Int64] = []
    public private(set) var count = 0
    /// The padded length of the variable axis (0 for flat rows).
    public private(set) var steps = 0
    /// Floats per row (padded).
    public private(set) var floatsPerRow = 0
    private var hasLengths = false

    public init() {}

    mutating func reset(count: Int, steps: Int, floatsPerRow: Int, withLengths: Bool) {
        self.count = count
        self.steps = steps
        self.floatsPerRow = floatsPerRow
        hasLengths = withLengths
        let needed = count * floatsPerRow
        if values.count < needed { values = [Float](repeating: 0, count: needed) }
        if withLengths {
            values.withUnsafeMutableBufferPointer { buffer in
                for index in 0..<needed { buffer[index] = 0 }
            }
        }
        if lengths.count < count { lengths = [Int64](repeating: 0, count: count) }
    }

    /// The floats of row `slot`, to change in place (augmentation).
    public mutating func withRow<R>(_ slot: Int, _ body: (inout UnsafeMutableBufferPointer<Float>) -> R) -> R {
        let start = slot * floatsPerRow
        return values.withUnsafeMutableBufferPointer { all in
            var row = UnsafeMutableBufferPointer(rebasing: all[start..<(start + floatsPerRow)])
            return body(&row)
        }
    }

    func withPointers<R>(_ body: (UnsafePointer<Float>?, UnsafePointer<Int64>?) -> R) -> R {
        values.withUnsafeBufferPointer { x in
            guard hasLengths else { return body(x.baseAddress, nil) }
            return lengths.withUnsafeBufferPointer { body(x.baseAddress, $0.baseAddress) }
        }
    }
}
