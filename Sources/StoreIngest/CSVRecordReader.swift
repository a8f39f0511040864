#if canImport(Glibc)
import Glibc
#endif
import StoreCore

/// Reads a CSV file one record at a time, in memory bounded by the longest
/// record rather than the file.
///
/// Parsing follows RFC 4180 — fields separated by the delimiter, records by
/// CRLF, LF or a lone CR; a field in double quotes may hold delimiters, line
/// breaks and doubled quotes (`""` is one `"`) — with these tolerances, which
/// match pandas' C parser:
/// (1) A UTF-8 byte-order mark at the start of a UTF-8 file is skipped.
/// (2) Blank lines between records are skipped (their lines still count).
/// (3) A quote inside an unquoted field is an ordinary character.
/// (4) Text after a closing quote, up to the next delimiter, is kept as is
///     (`"ab"c` reads as `abc`).
/// (5) A quote left open at the end of the file, or a record longer than
///     `maxRecordBytes` (almost always such a quote), is an error naming the line
///     where the record starts.
///
/// Fields are views into the reader's buffer, valid until the next `next()`.
final class CSVRecordReader {
    struct Field {
        var start: Int
        var end: Int
        var inScratch: Bool
    }

    let path: String
    let delimiter: UInt8
    let maxRecordBytes: Int
    /// Size of the file when opened, in bytes.
    let fileSize: Int64
    /// Modification time when opened, to notice a file changed between passes.
    let modificationTime: timespec

    /// Line (1-based) where the current record starts.
    private(set) var line = 0
    /// Number of fields in the current record.
    private(set) var fieldCount = 0
    /// Bytes read from the file so far.
    private(set) var bytesRead: Int64 = 0

    /// The bytes this reader reads: `rangeStart..<rangeEnd` of the file.
    let rangeStart: Int64
    let rangeEnd: Int64

    private let descriptor: Int32
    private let skipsByteOrderMark: Bool
    private let hasher: SHA256?
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var fields: UnsafeMutablePointer<Field>
    private var fieldCapacity = 64
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int
    private var scratchCount = 0
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var nextLine = 1
    private var recordStart = 0
    private var recordEnd = 0

    private enum Scan {
        case record, blank, needMore, finished
    }

    /// Opens `path`, to read the bytes from `rangeStart` up to `rangeEnd` (the
    /// end of the file when nil); line numbers count from 1 at `rangeStart`.
    /// `hashing` computes the SHA-256 of every byte read.
    init(path: String, delimiter: UInt8, encoding: TextEncoding, hashing: Bool,
         bufferBytes: Int = 1 << 20, maxRecordBytes: Int = 64 << 20,
         rangeStart: Int64 = 0, rangeEnd: Int64? = nil) throws {
        self.path = path
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        self.skipsByteOrderMark = encoding == .utf8 && rangeStart == 0
        self.hasher = hashing ? SHA256() : nil
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw StoreError("cannot read \(path): \(String(cString: strerror(errno))).")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw StoreError("cannot read \(path): it is not a regular file.")
        }
        self.descriptor = descriptor
        self.fileSize = Int64(status.st_size)
        self.rangeStart = rangeStart
        self.rangeEnd = min(rangeEnd ?? Int64(status.st_size), Int64(status.st_size))
        self.modificationTime = status.st_mtim
        self.capacity = max(bufferBytes, 16)
        self.buffer = .allocate(capacity: capacity)
        self.scratchCapacity = 4096
        self.scratch = .allocate(capacity: scratchCapacity)
        self.fields = .allocate(capacity: fieldCapacity)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
        scratch.deallocate()
        fields.deallocate()
    }

    /// The read buffer's size in bytes: the initial size, or the longest record
    /// rounded up to a power of two.
    var bufferCapacity: Int { capacity }

    /// Line numbers used so far: the number of the line after the last record.
    var linesRead: Int { nextLine - 1 }

    /// Feeds the hash the file's bytes from the end of this reader's range to
    /// the end of the file, so a reader of the first part of a file can still
    /// give the SHA-256 of all of it.
    func hashRest() throws {
        guard let hasher else { return }
        var offset = rangeEnd
        let scratchBuffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { scratchBuffer.deallocate() }
        while offset < fileSize {
            let count = pread(descriptor, scratchBuffer, Int(min(1 << 20, fileSize - offset)), off_t(offset))
            guard count > 0 else {
                throw StoreError("cannot read \(path): \(count == 0 ? "it ended early" : String(cString: strerror(errno))).")
            }
            hasher.update(UnsafeRawBufferPointer(start: scratchBuffer, count: count))
            offset += Int64(count)
        }
    }

    /// The SHA-256 of the bytes read, once the whole file has been read.
    func sha256() -> String? {
        hasher?.hexDigest()
    }

    /// The bytes of field `index` of the current record, quotes removed.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let field = fields[index]
        let base = field.inScratch ? scratch : buffer
        return UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
    }

    /// The current record's bytes as found in the file, without its line end.
    var rawRecord: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + recordStart, count: recordEnd - recordStart)
    }

    /// Moves to the next record; false at the end of the file.
    func next() throws -> Bool {
        while true {
            switch try scan() {
            case .record: return true
            case .blank: continue
            case .finished: return false
            case .needMore: try refill()
            }
        }
    }

    private func refill() throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                (buffer).update(from: buffer + start, count: remaining)
            }
            end = remaining
            start = 0
        }
        if end == capacity {
            guard capacity < maxRecordBytes else {
                throw CSVReadError(path: path, line: nextLine, message: "a record longer than \(maxRecordBytes >> 20) MiB starts here; most likely a quote opened on this line is never closed.")
            }
            buffer = buffer.grown(keeping: end, to: capacity * 2)
            capacity *= 2
        }
        let wanted = Int(min(Int64(capacity - end), rangeEnd - rangeStart - bytesRead))
        let count = wanted > 0 ? pread(descriptor, buffer + end, wanted, off_t(rangeStart + bytesRead)) : 0
        guard count >= 0 else {
            throw StoreError("cannot read \(path): \(String(cString: strerror(errno))).")
        }
        if count == 0 {
            atEnd = true
            return
        }
        hasher?.update(UnsafeRawBufferPointer(start: buffer + end, count: count))
        if bytesRead == 0 && skipsByteOrderMark && count >= 3
            && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3
        }
        bytesRead += Int64(count)
        end += count
    }

    @inline(__always)
    private func appendField(_ field: Field) {
        if fieldCount == fieldCapacity {
            fields = fields.grown(keeping: fieldCount, to: fieldCapacity * 2)
            fieldCapacity *= 2
        }
        (fields + fieldCount).initialize(to: field)
        fieldCount += 1
    }

    private func appendScratch(_ from: Int, _ to: Int) {
        let count = to - from
        guard count > 0 else { return }
        if scratchCount + count > scratchCapacity {
            var newCapacity = scratchCapacity * 2
            while newCapacity < scratchCount + count { newCapacity *= 2 }
            scratch = scratch.grown(keeping: scratchCount, to: newCapacity)
            scratchCapacity = newCapacity
        }
        (scratch + scratchCount).update(from: buffer + from, count: count)
        scratchCount += count
    }

    private func scan() throws -> Scan {
        let quote = UInt8(ascii: "\"")
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        let buffer = self.buffer
        let end = self.end
        let atEnd = self.atEnd
        var position = start
        if position == end {
            return atEnd ? .finished : .needMore
        }
        if buffer[position] == lineFeed {
            start = position + 1
            nextLine += 1
            return .blank
        }
        if buffer[position] == carriageReturn {
            if position + 1 == end && !atEnd { return .needMore }
            start = position + (position + 1 < end && buffer[position + 1] == lineFeed ? 2 : 1)
            nextLine += 1
            return .blank
        }
        fieldCount = 0
        scratchCount = 0
        var newlines = 0
        recordStart = position
        while true {
            if position < end && buffer[position] == quote {
                position += 1
                var segmentStart = position
                let scratchStart = scratchCount
                var usesScratch = false
                while true {
                    while position < end && buffer[position] != quote {
                        if buffer[position] == lineFeed { newlines += 1 }
                        position += 1
                    }
                    if position == end {
                        if atEnd {
                            if rangeEnd < fileSize { throw RangeEndsInsideQuotedField() }
                            throw CSVReadError(path: path, line: nextLine, message: "a quoted field opened on this line is not closed before the end of the file. Check for a stray \" here.")
                        }
                        return .needMore
                    }
                    if position + 1 == end && !atEnd { return .needMore }
                    if position + 1 < end && buffer[position + 1] == quote {
                        appendScratch(segmentStart, position + 1)
                        usesScratch = true
                        position += 2
                        segmentStart = position
                        continue
                    }
                    let closing = position
                    position += 1
                    let tailStart = position
                    while position < end {
                        let byte = buffer[position]
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                        position += 1
                    }
                    if position == end && !atEnd { return .needMore }
                    if usesScratch || position > tailStart {
                        appendScratch(segmentStart, closing)
                        appendScratch(tailStart, position)
                        appendField(Field(start: scratchStart, end: scratchCount, inScratch: true))
                    } else {
                        appendField(Field(start: segmentStart, end: closing, inScratch: false))
                    }
                    break
                }
            } else {
                let fieldStart = position
                while position < end {
                    let byte = buffer[position]
                    if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                    position += 1
                }
                if position == end && !atEnd { return .needMore }
                appendField(Field(start: fieldStart, end: position, inScratch: false))
            }
            if position == end {
                recordEnd = position
                start = position
                line = nextLine
                nextLine += newlines
                return .record
            }
            let byte = buffer[position]
            if byte == delimiter {
                position += 1
                continue
            }
            recordEnd = position
            if byte == carriageReturn {
                if position + 1 == end && !atEnd { return .needMore }
                position += position + 1 < end && buffer[position + 1] == lineFeed ? 2 : 1
            } else {
                position += 1
            }
            start = position
            line = nextLine
            nextLine += newlines + 1
            return .record
        }
    }
}
