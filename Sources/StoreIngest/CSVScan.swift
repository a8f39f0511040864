#if canImport(Glibc)
import Glibc
#endif
import StoreCore

/// The first pass of a CSV ingest: every record checked, every column's values
/// classified, the file hashed. Nothing is written.
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

    static func read(path: String, options: CSVOptions, progress: ((IngestProgress) -> Void)?) throws -> CSVScan {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter, encoding: options.encoding, hashing: true)
        let nulls = NullMarkers(options.nullMarkers)
        guard reader.fileSize > 0 else {
            throw StoreError("\(path) is empty: there is no header and no record to ingest.")
        }
        var headers: [String] = []
        var expected = 0
        var records = 0
        var rejected = 0
        var stats: [ColumnStats] = []
        if options.header {
            guard try reader.next() else {
                throw StoreError("\(path) has no header line: it holds only blank lines.")
            }
            if let invalid = options.encoding.firstInvalidByte(in: reader.rawRecord) {
                throw StoreError(RecordCheck.encodingMessage(path: path, line: reader.line, byte: reader.rawRecord[invalid], encoding: options.encoding))
            }
            headers = (0..<reader.fieldCount).map { options.encoding.string(from: reader.field($0)) }
            expected = headers.count
            stats = Array(repeating: ColumnStats(), count: expected)
        }
        let total = reader.fileSize * 2
        while try reader.next() {
            records += 1
            if expected == 0 {
                expected = reader.fieldCount
                headers = Array(repeating: "", count: expected)
                stats = Array(repeating: ColumnStats(), count: expected)
            }
            if let problem = RecordCheck.problem(reader: reader, expected: expected, header: options.header, encoding: options.encoding) {
                guard options.skipBad else {
                    throw StoreError("\(path):\(reader.line): \(problem.message) \(problem.advice)")
                }
                rejected += 1
                continue
            }
            for index in 0..<expected {
                let value = ValueSyntax.trimmed(reader.field(index))
                let kind = ValueSyntax.classify(value, nulls: nulls)
                stats[index].add(kind)
                if kind.rawValue >= ValueKind.real.rawValue && kind != .boolean {
                    stats[index].noteFirst(kind, line: reader.line) { options.encoding.string(from: value) }
                }
            }
            if records & 0x3FFF == 0, let progress {
                progress(IngestProgress(phase: "scanning", bytesDone: reader.bytesRead, bytesTotal: total, records: records))
            }
        }
        return CSVScan(
            headers: headers, stats: stats, records: records, rejected: rejected,
            sha256: reader.sha256() ?? "", bytes: reader.bytesRead, modificationTime: reader.modificationTime)
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
