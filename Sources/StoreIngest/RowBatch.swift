import Foundation

/// Rows of a CSV ingest converted to SQL values, handed from the parsing
/// thread to the writing thread. Storage is allocated once per batch and
/// reused, so the per-row work of both threads allocates nothing.
final class RowBatch {
    enum Kind: UInt8 {
        case null, integer, real, text
    }

    /// A record set aside (`--skip-bad`).
    struct Reject {
        let line: Int
        let raw: String
        let reason: String
    }

    let columns: Int
    let capacity: Int
    private(set) var rows = 0
    /// Per value (row-major): its kind.
    let kinds: UnsafeMutablePointer<Kind>
    /// Per value: Int64 bits, Double bits, or the text's offset in `text`.
    let payloads: UnsafeMutablePointer<UInt64>
    /// Per value: the text's length in bytes (text values only).
    let lengths: UnsafeMutablePointer<Int32>
    /// Per row: `row_id` and the source line, for messages.
    let rowIDs: UnsafeMutablePointer<Int64>
    let lines: UnsafeMutablePointer<Int>
    private(set) var text: UnsafeMutablePointer<UInt8>
    private(set) var textCount = 0
    private var textCapacity: Int
    var rejects: [Reject] = []
    /// Bytes of the source read when the batch was filled, and records seen.
    var bytesRead: Int64 = 0
    var records = 0
    /// Set on the last batch: the parse finished, or failed with this error.
    var isLast = false
    var error: Error?

    init(columns: Int, capacity: Int) {
        self.columns = columns
        self.capacity = capacity
        let values = max(1, columns * capacity)
        kinds = .allocate(capacity: values)
        payloads = .allocate(capacity: values)
        lengths = .allocate(capacity: values)
        rowIDs = .allocate(capacity: capacity)
        lines = .allocate(capacity: capacity)
        textCapacity = 1 << 16
        text = .allocate(capacity: textCapacity)
    }

    deinit {
        kinds.deallocate()
        payloads.deallocate()
        lengths.deallocate()
        rowIDs.deallocate()
        lines.deallocate()
        text.deallocate()
    }

    var isFull: Bool { rows == capacity }

    func reset() {
        rows = 0
        textCount = 0
        rejects.removeAll(keepingCapacity: true)
        isLast = false
        error = nil
    }

    /// Starts a row; its values are then set with `set…(column:)`.
    @inline(__always)
    func beginRow(rowID: Int64, line: Int) {
        rowIDs[rows] = rowID
        lines[rows] = line
        rows += 1
    }

    @inline(__always)
    func setNull(column: Int) {
        kinds[(rows - 1) * columns + column] = .null
    }

    @inline(__always)
    func setInteger(_ value: Int64, column: Int) {
        let index = (rows - 1) * columns + column
        kinds[index] = .integer
        payloads[index] = UInt64(bitPattern: value)
    }

    @inline(__always)
    func setReal(_ value: Double, column: Int) {
        let index = (rows - 1) * columns + column
        kinds[index] = .real
        payloads[index] = value.bitPattern
    }

    /// Copies `bytes` (UTF-8) into the batch as the value of `column`.
    @inline(__always)
    func setText(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        let index = (rows - 1) * columns + column
        reserveText(bytes.count)
        if let base = bytes.baseAddress, bytes.count > 0 {
            (text + textCount).update(from: base, count: bytes.count)
        }
        kinds[index] = .text
        payloads[index] = UInt64(textCount)
        lengths[index] = Int32(clamping: bytes.count)
        textCount += bytes.count
    }

    private func reserveText(_ count: Int) {
        guard textCount + count > textCapacity else { return }
        var newCapacity = textCapacity * 2
        while newCapacity < textCount + count { newCapacity *= 2 }
        text = text.grown(keeping: textCount, to: newCapacity)
        textCapacity = newCapacity
    }
}

/// Hands batches between the parsing thread and the writing thread: two
/// batches circulate, so one is filled while the other is written.
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var empty: [RowBatch]
    private var full: [RowBatch] = []
    private var stopped = false

    init(batches: [RowBatch]) {
        empty = batches
    }

    /// A batch to fill, or nil when the writer has stopped.
    func takeEmpty() -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while empty.isEmpty && !stopped { condition.wait() }
        if stopped { return nil }
        return empty.removeFirst()
    }

    func putFull(_ batch: RowBatch) {
        condition.lock()
        full.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The next filled batch, in order.
    func takeFull() -> RowBatch {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty { condition.wait() }
        return full.removeFirst()
    }

    func putEmpty(_ batch: RowBatch) {
        batch.reset()
        condition.lock()
        empty.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The writer gives up (an error): the parser stops at its next batch.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
