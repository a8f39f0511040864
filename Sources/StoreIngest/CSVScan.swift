#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StoreCore

/// The first pass of a CSV ingest: every record checked, every column's values
/// classified, the file hashed. Nothing is written.
///
/// A file of at least `splitBytes` is scanned on two threads: the second half,
/// from the first line end after the middle, is scanned speculatively while
/// the first half is scanned and hashed. If the first half ends inside a
/// quoted field (the line end was within a field after all), the speculation
/// is dropped and the file scanned again in one piece. Either way the result,
/// line numbers included, is what one sequential scan gives.
struct CSVScan {
    /// Headers as found (decoded); empty strings without a header.
    let headers: [String]
    let stats: [ColumnStats]
    /// Data records read, including rejected ones.
    let records: Int
    let rejected: Int
    let sha256: String
    let bytes: Int64
    let modificationTime: timespec

    static let defaultSplitBytes: Int64 = 8 << 20

    /// Scans the file at `path`; errors at a line are `CSVReadError`s.
    static func read(path: String, options: CSVOptions, progress: ((IngestProgress) -> Void)?,
                     splitBytes: Int64 = defaultSplitBytes) throws -> CSVScan {
        let probe = try CSVRecordReader(path: path, delimiter: options.delimiter, encoding: options.encoding, hashing: false, bufferBytes: 16)
        guard probe.fileSize > 0 else {
            throw StoreError("\(path) is empty: there is no header and no record to ingest.")
        }
        if probe.fileSize >= splitBytes, let boundary = try lineStart(after: probe.fileSize / 2, in: path) {
            do {
                return try scan(path: path, options: options, progress: progress, splitAt: boundary)
            } catch is RangeEndsInsideQuotedField {
                // The middle line end was inside a quoted field: scan in one piece.
            }
        }
        return try scan(path: path, options: options, progress: progress, splitAt: nil)
    }

    /// Scans the file, the part from `splitAt` on a second thread when given.
    private static func scan(path: String, options: CSVOptions, progress: ((IngestProgress) -> Void)?,
                             splitAt: Int64?) throws -> CSVScan {
        let reader = try CSVRecordReader(
            path: path, delimiter: options.delimiter, encoding: options.encoding, hashing: true, rangeEnd: splitAt)
        let nulls = NullMarkers(options.nullMarkers)
        var headers: [String] = []
        var expected = 0
        var pending = false
        if options.header {
            guard try reader.next() else {
                throw StoreError("\(path) has no header line: it holds only blank lines.")
            }
            if let invalid = options.encoding.firstInvalidByte(in: reader.rawRecord) {
                throw StoreError(RecordCheck.encodingMessage(path: path, line: reader.line, byte: reader.rawRecord[invalid], encoding: options.encoding))
            }
            headers = (0..<reader.fieldCount).map { options.encoding.string(from: reader.field($0)) }
            expected = headers.count
        } else if try reader.next() {
            expected = reader.fieldCount
            headers = Array(repeating: "", count: expected)
            pending = true
        }
        var first = ScanPart(columns: expected)
        let total = reader.fileSize * 2
        guard let splitAt, expected > 0 else {
            try first.scan(reader, expected: expected, pending: pending, options: options, nulls: nulls) { bytes, records in
                progress?(IngestProgress(phase: "scanning", bytesDone: bytes, bytesTotal: total, records: records))
            }
            return CSVScan(
                headers: headers, stats: first.stats, records: first.records, rejected: first.rejected,
                sha256: reader.sha256() ?? "", bytes: reader.bytesRead, modificationTime: reader.modificationTime)
        }

        let second = SecondHalf(reader: try CSVRecordReader(
            path: path, delimiter: options.delimiter, encoding: options.encoding, hashing: false, rangeStart: splitAt),
            expected: expected, options: options)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            second.run()
            finished.signal()
        }.start()
        var firstError: Error?
        do {
            try first.scan(reader, expected: expected, pending: pending, options: options, nulls: nulls) { bytes, records in
                progress?(IngestProgress(phase: "scanning", bytesDone: bytes + second.bytesRead, bytesTotal: total, records: records))
            }
            try reader.hashRest()
        } catch {
            second.stop()
            firstError = error
        }
        finished.wait()
        if let firstError { throw firstError }
        let later: ScanPart
        do {
            later = try second.result().shiftedLines(by: reader.linesRead)
        } catch let error as CSVReadError {
            throw error.shifted(by: reader.linesRead)
        }
        first.merge(later)
        return CSVScan(
            headers: headers, stats: first.stats, records: first.records, rejected: first.rejected,
            sha256: reader.sha256() ?? "", bytes: reader.fileSize, modificationTime: reader.modificationTime)
    }

    /// The offset just after the first line feed at or after `offset`, or nil
    /// when there is none within 16 MiB.
    static func lineStart(after offset: Int64, in path: String) throws -> Int64? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let chunk = 1 << 16
        var bytes = [UInt8](repeating: 0, count: chunk)
        var position = offset
        while position < offset + (16 << 20) {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, chunk, off_t(position)) }
            guard count > 0 else { return nil }
            if let index = bytes.prefix(count).firstIndex(of: 10) {
                return position + Int64(index) + 1
            }
            position += Int64(count)
        }
        return nil
    }
}

/// What a scan of some records of a file found.
struct ScanPart: Sendable {
    var stats: [ColumnStats]
    var records = 0
    var rejected = 0

    init(columns: Int) {
        stats = Array(repeating: ColumnStats(), count: columns)
    }

    /// Scans every record `reader` has left (and the one it holds, when
    /// `pending`). A bad record ends the scan with a `CSVReadError`, unless
    /// `skipBad` counts it as rejected. `report` gets the bytes read and
    /// records seen now and then.
    mutating func scan(_ reader: CSVRecordReader, expected: Int, pending: Bool, options: CSVOptions, nulls: NullMarkers,
                       report: (Int64, Int) throws -> Void) throws {
        var holding = pending
        while try holding || reader.next() {
            holding = false
            records += 1
            if let problem = RecordCheck.problem(reader: reader, expected: expected, header: options.header, encoding: options.encoding) {
                guard options.skipBad else {
                    throw CSVReadError(path: reader.path, line: reader.line, message: "\(problem.message) \(problem.advice)")
                }
                rejected += 1
                continue
            }
            stats.withUnsafeMutableBufferPointer { stats in
                for index in 0..<expected {
                    let value = ValueSyntax.trimmed(reader.field(index))
                    let kind = ValueSyntax.classify(value, nulls: nulls)
                    stats[index].add(kind)
                    if kind.rawValue >= ValueKind.real.rawValue && kind != .boolean {
                        stats[index].noteFirst(kind, line: reader.line) { options.encoding.string(from: value) }
                    }
                }
            }
            if records & 0x3FFF == 0 {
                try report(reader.bytesRead, records)
            }
        }
    }

    /// The same findings with every line number `lines` further down.
    func shiftedLines(by lines: Int) -> ScanPart {
        var shifted = self
        shifted.stats = stats.map { $0.shiftedLines(by: lines) }
        return shifted
    }

    /// Adds the findings of the records after these.
    mutating func merge(_ later: ScanPart) {
        records += later.records
        rejected += later.rejected
        for index in stats.indices {
            stats[index].merge(later.stats[index])
        }
    }
}

/// The second thread of a split scan: scans the second half of the file and
/// keeps the outcome until the first thread asks for it. Its fields are
/// guarded by a lock (hence `@unchecked Sendable`).
final class SecondHalf: @unchecked Sendable {
    private let reader: CSVRecordReader
    private let expected: Int
    private let options: CSVOptions
    private let lock = NSLock()
    private var outcome: Result<ScanPart, Error> = .failure(StoreError("the second half of the scan did not run."))
    private var bytes: Int64 = 0
    private var stopped = false

    /// A scan of what `reader` reads; `run` starts it on the calling thread,
    /// which owns the reader from then on.
    init(reader: CSVRecordReader, expected: Int, options: CSVOptions) {
        self.reader = reader
        self.expected = expected
        self.options = options
    }

    var bytesRead: Int64 { lock.withLock { bytes } }

    func run() {
        var part = ScanPart(columns: expected)
        let result: Result<ScanPart, Error>
        do {
            try part.scan(reader, expected: expected, pending: false, options: options, nulls: NullMarkers(options.nullMarkers)) { bytes, _ in
                let stop = lock.withLock {
                    self.bytes = bytes
                    return stopped
                }
                if stop { throw RangeEndsInsideQuotedField() }
            }
            result = .success(part)
        } catch {
            result = .failure(error)
        }
        lock.withLock { outcome = result }
    }

    /// Asks the scan to end early; its result is not needed.
    func stop() {
        lock.withLock { stopped = true }
    }

    /// The scan's findings, or its error with lines numbered in its own half.
    func result() throws -> ScanPart {
        try lock.withLock { try outcome.get() }
    }
}

/// The checks every record passes in both passes, so both make the same choice.
enum RecordCheck {
    struct Problem {
        let message: String
        let advice: String
    }

    /// Why the current record cannot be stored, or nil when it can.
    static func problem(reader: CSVRecordReader, expected: Int, header: Bool, encoding: TextEncoding) -> Problem? {
        let found = reader.fieldCount
        if found != expected {
            let reference = header ? "as in the header" : "as in the first record"
            return Problem(
                message: "expected \(expected) fields, \(reference), but found \(found).",
                advice: "Fix the record (a missing quote or delimiter?), or pass --skip-bad to set such records aside in ingest_rejects.")
        }
        if let invalid = encoding.firstInvalidByte(in: reader.rawRecord) {
            let byte = reader.rawRecord[invalid]
            return Problem(
                message: "the text is not valid \(encoding.rawValue) (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(invalid + 1) of the record).",
                advice: encoding == .utf8
                    ? "If the file is in another encoding, pass --encoding latin1 or --encoding windows-1252; or pass --skip-bad to set such records aside."
                    : "Pass --encoding latin1 (which accepts every byte), or --skip-bad to set such records aside.")
        }
        return nil
    }

    static func encodingMessage(path: String, line: Int, byte: UInt8, encoding: TextEncoding) -> String {
        "\(path):\(line): the header is not valid \(encoding.rawValue) (byte 0x\(String(byte, radix: 16, uppercase: true))). If the file is in another encoding, pass --encoding latin1 or --encoding windows-1252."
    }
}
