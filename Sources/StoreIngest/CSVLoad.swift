#if canImport(Glibc)
import Glibc
#endif
import GRDB
import GRDBSQLite
import StoreCore

/// The second pass of a CSV ingest: every record bound to one prepared INSERT
/// and stepped, inside the caller's transaction. Values are converted per the
/// column types chosen after the first pass; rejected records go to
/// `ingest_rejects`.
enum CSVLoad {
    static func write(
        path: String, scan: CSVScan, options: CSVOptions, table: String, storedNames: [String],
        types: [ColumnType], firstRowID: Int64, ingestID: Int64, db: Database,
        progress: ((IngestProgress) -> Void)?
    ) throws -> (stored: Int, rejected: Int) {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter, encoding: options.encoding, hashing: false)
        guard reader.fileSize == scan.bytes,
              reader.modificationTime.tv_sec == scan.modificationTime.tv_sec,
              reader.modificationTime.tv_nsec == scan.modificationTime.tv_nsec else {
            throw StoreError("\(path) changed while it was being ingested. Nothing was written; run the ingest again.")
        }
        let nulls = NullMarkers(options.nullMarkers)
        let columnList = (["row_id"] + storedNames).map(SQLIdentifier.quoted).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: storedNames.count + 1).joined(separator: ", ")
        let insert = try db.makeStatement(sql: "INSERT INTO \(SQLIdentifier.quoted(table)) (\(columnList)) VALUES (\(placeholders))")
        let statement = insert.sqliteStatement
        let connection = db.sqliteConnection
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let encoding = options.encoding
        var numberScratch: [CChar] = []
        var textScratch: [UInt8] = []
        numberScratch.reserveCapacity(64)
        textScratch.reserveCapacity(256)
        if options.header {
            _ = try reader.next()
        }
        let expected = storedNames.count
        let total = reader.fileSize * 2
        var records = 0
        var stored = 0
        var rejected = 0
        while try reader.next() {
            records += 1
            if let problem = RecordCheck.problem(reader: reader, expected: expected, header: options.header, encoding: encoding) {
                try db.execute(
                    sql: "INSERT INTO ingest_rejects (ingest_id, line, raw, reason) VALUES (?, ?, ?, ?)",
                    arguments: [ingestID, reader.line, encoding.string(from: reader.rawRecord), problem.message])
                rejected += 1
                continue
            }
            sqlite3_bind_int64(statement, 1, firstRowID + Int64(records) - 1)
            for index in 0..<expected {
                let parameter = Int32(index + 2)
                let raw = reader.field(index)
                let value = ValueSyntax.trimmed(raw)
                if value.count == 0 || nulls.contains(value) {
                    sqlite3_bind_null(statement, parameter)
                    continue
                }
                switch types[index] {
                case .integer:
                    guard let integer = ValueSyntax.integerValue(value) else {
                        throw StoreError("\(path):\(reader.line): column '\(storedNames[index])' is INTEGER but the value \"\(encoding.string(from: value))\" is not an integer.")
                    }
                    sqlite3_bind_int64(statement, parameter, integer)
                case .real:
                    let real = ValueSyntax.realValue(value, scratch: &numberScratch)
                    guard !real.isNaN else {
                        throw StoreError("\(path):\(reader.line): column '\(storedNames[index])' is REAL but the value \"\(encoding.string(from: value))\" is not a number.")
                    }
                    sqlite3_bind_double(statement, parameter, real)
                case .text:
                    if encoding == .utf8 || TextEncoding.isASCII(raw) {
                        let pointer = UnsafeRawPointer(raw.baseAddress)?.assumingMemoryBound(to: CChar.self)
                        sqlite3_bind_text(statement, parameter, pointer, Int32(raw.count), nil)
                    } else {
                        textScratch.removeAll(keepingCapacity: true)
                        encoding.appendUTF8(of: raw, to: &textScratch)
                        textScratch.withUnsafeBufferPointer { converted in
                            let pointer = UnsafeRawPointer(converted.baseAddress)?.assumingMemoryBound(to: CChar.self)
                            _ = sqlite3_bind_text(statement, parameter, pointer, Int32(converted.count), transient)
                        }
                    }
                }
            }
            let result = sqlite3_step(statement)
            sqlite3_reset(statement)
            guard result == SQLITE_DONE else {
                let message = String(cString: sqlite3_errmsg(connection))
                throw StoreError("\(path):\(reader.line): the record could not be stored: \(message). Nothing was written.")
            }
            stored += 1
            if records & 0x3FFF == 0, let progress {
                progress(IngestProgress(phase: "loading", bytesDone: reader.fileSize + reader.bytesRead, bytesTotal: total, records: records))
            }
        }
        guard records == scan.records else {
            throw StoreError("\(path) changed while it was being ingested (\(scan.records) records at first, \(records) now). Nothing was written; run the ingest again.")
        }
        return (stored, rejected)
    }
}
