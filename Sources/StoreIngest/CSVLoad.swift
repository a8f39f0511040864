#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GRDBSQLite
import StoreCore

/// The second pass of a CSV ingest, on two threads: a parsing thread reads the
/// file again and converts each record to SQL values per the column types
/// chosen after the first pass (`BatchParser`), while the calling thread binds
/// them to prepared INSERTs of 64 rows at a time and steps them, inside the
/// caller's transaction. Rejected records go to `ingest_rejects`. Memory stays
/// bounded: three batches of 4,096 rows circulate between the two threads.
enum CSVLoad {
    static let batchRows = 4_096

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
        let columns = storedNames.count
        let inserts = try RowInserts(table: table, storedNames: storedNames, db: db)
        let connection = db.sqliteConnection

        let channel = BatchChannel(batches: (0..<3).map { _ in RowBatch(columns: columns, capacity: batchRows) })
        let parser = BatchParser(
            reader: reader, options: options, types: types, storedNames: storedNames, firstRowID: firstRowID)
        let parsed = DispatchSemaphore(value: 0)
        Thread {
            parser.run(channel)
            parsed.signal()
        }.start()

        var stored = 0
        var rejected = 0
        var records = 0
        do {
            while true {
                let batch = channel.takeFull()
                if let error = batch.error { throw error }
                var row = 0
                while row < batch.rows {
                    let count = batch.rows - row >= inserts.rowsPerStatement ? inserts.rowsPerStatement : 1
                    let statement = count == 1 ? inserts.single : inserts.multiple
                    for offset in 0..<count {
                        bind(batch: batch, row: row + offset, to: statement, firstParameter: Int32(offset * (columns + 1) + 1))
                    }
                    let result = sqlite3_step(statement)
                    sqlite3_reset(statement)
                    if result != SQLITE_DONE {
                        // Find the record at fault: a failed statement changed
                        // nothing, so its rows can be tried one at a time.
                        var failing = row
                        for offset in 0..<count {
                            bind(batch: batch, row: row + offset, to: inserts.single, firstParameter: 1)
                            let single = sqlite3_step(inserts.single)
                            sqlite3_reset(inserts.single)
                            if single != SQLITE_DONE {
                                failing = row + offset
                                break
                            }
                        }
                        let message = String(cString: sqlite3_errmsg(connection))
                        throw StoreError("\(path):\(batch.lines[failing]): the record could not be stored: \(message). Nothing was written.")
                    }
                    row += count
                }
                stored += batch.rows
                for reject in batch.rejects {
                    try db.execute(
                        sql: "INSERT INTO ingest_rejects (ingest_id, line, raw, reason) VALUES (?, ?, ?, ?)",
                        arguments: [ingestID, reject.line, reject.raw, reject.reason])
                }
                rejected += batch.rejects.count
                records = batch.records
                progress?(IngestProgress(phase: "loading", bytesDone: scan.bytes + batch.bytesRead, bytesTotal: scan.bytes * 2, records: records))
                let isLast = batch.isLast
                channel.putEmpty(batch)
                if isLast { break }
            }
        } catch {
            channel.stop()
            parsed.wait()
            throw error
        }
        parsed.wait()
        guard records == scan.records else {
            throw StoreError("\(path) changed while it was being ingested (\(scan.records) records at first, \(records) now). Nothing was written; run the ingest again.")
        }
        return (stored, rejected)
    }
}

extension CSVLoad {
    /// Binds row `row` of `batch` (its `row_id`, then its values) to the
    /// parameters of `statement` from `firstParameter` on.
    @inline(__always)
    static func bind(batch: RowBatch, row: Int, to statement: OpaquePointer?, firstParameter: Int32) {
        let columns = batch.columns
        sqlite3_bind_int64(statement, firstParameter, batch.rowIDs[row])
        let base = row * columns
        for column in 0..<columns {
            let index = base + column
            let parameter = firstParameter + Int32(column + 1)
            switch batch.kinds[index] {
            case .null:
                sqlite3_bind_null(statement, parameter)
            case .integer:
                sqlite3_bind_int64(statement, parameter, Int64(bitPattern: batch.payloads[index]))
            case .real:
                sqlite3_bind_double(statement, parameter, Double(bitPattern: batch.payloads[index]))
            case .text:
                let pointer = UnsafeRawPointer(batch.text + Int(batch.payloads[index])).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(statement, parameter, pointer, batch.lengths[index], nil)
            }
        }
    }
}

/// The prepared INSERTs of a load: one for a single row, one for
/// `rowsPerStatement` rows at once (fewer statement steps per row).
struct RowInserts {
    let rowsPerStatement: Int
    let single: OpaquePointer?
    let multiple: OpaquePointer?
    private let statements: [Statement]

    init(table: String, storedNames: [String], db: Database) throws {
        let columnList = (["row_id"] + storedNames).map(SQLIdentifier.quoted).joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: storedNames.count + 1).joined(separator: ", ") + ")"
        // SQLite 3.40 allows 32,766 parameters per statement.
        rowsPerStatement = max(1, min(64, 32_000 / (storedNames.count + 1)))
        let prefix = "INSERT INTO \(SQLIdentifier.quoted(table)) (\(columnList)) VALUES "
        let one = try db.makeStatement(sql: prefix + tuple)
        let many = try db.makeStatement(sql: prefix + Array(repeating: tuple, count: rowsPerStatement).joined(separator: ", "))
        statements = [one, many]
        single = one.sqliteStatement
        multiple = many.sqliteStatement
    }
}

/// The parsing side of `CSVLoad`: reads records and fills batches with SQL
/// values. Once started, it is used by the parsing thread alone (hence
/// `@unchecked Sendable`); it hands over results only through the channel.
final class BatchParser: @unchecked Sendable {
    private let reader: CSVRecordReader
    private let options: CSVOptions
    private let types: [ColumnType]
    private let storedNames: [String]
    private let firstRowID: Int64
    private let nulls: NullMarkers

    init(reader: CSVRecordReader, options: CSVOptions, types: [ColumnType], storedNames: [String], firstRowID: Int64) {
        self.reader = reader
        self.options = options
        self.types = types
        self.storedNames = storedNames
        self.firstRowID = firstRowID
        self.nulls = NullMarkers(options.nullMarkers)
    }

    func run(_ channel: BatchChannel) {
        guard var batch = channel.takeEmpty() else { return }
        var records = 0
        do {
            if options.header {
                _ = try reader.next()
            }
            while try reader.next() {
                records += 1
                try convert(into: batch, record: records)
                if batch.isFull || batch.rejects.count >= CSVLoad.batchRows {
                    batch.bytesRead = reader.bytesRead
                    batch.records = records
                    channel.putFull(batch)
                    guard let next = channel.takeEmpty() else { return }
                    batch = next
                }
            }
            batch.bytesRead = reader.bytesRead
            batch.records = records
        } catch {
            batch.error = error
        }
        batch.isLast = true
        channel.putFull(batch)
    }

    private var numberScratch: [CChar] = []
    private var textScratch: [UInt8] = []

    /// Adds the current record to `batch`, as a row or a reject.
    private func convert(into batch: RowBatch, record: Int) throws {
        let encoding = options.encoding
        let expected = types.count
        if let problem = RecordCheck.problem(reader: reader, expected: expected, header: options.header, encoding: encoding) {
            batch.rejects.append(RowBatch.Reject(line: reader.line, raw: encoding.string(from: reader.rawRecord), reason: problem.message))
            return
        }
        batch.beginRow(rowID: firstRowID + Int64(record) - 1, line: reader.line)
        for column in 0..<expected {
            let raw = reader.field(column)
            let value = ValueSyntax.trimmed(raw)
            if value.count == 0 || nulls.contains(value) {
                batch.setNull(column: column)
                continue
            }
            switch types[column] {
            case .integer:
                guard let integer = ValueSyntax.integerValue(value) else {
                    throw StoreError("\(reader.path):\(reader.line): column '\(storedNames[column])' is INTEGER but the value \"\(encoding.string(from: value))\" is not an integer.")
                }
                batch.setInteger(integer, column: column)
            case .real:
                let real = ValueSyntax.realValue(value, scratch: &numberScratch)
                guard !real.isNaN else {
                    throw StoreError("\(reader.path):\(reader.line): column '\(storedNames[column])' is REAL but the value \"\(encoding.string(from: value))\" is not a number.")
                }
                batch.setReal(real, column: column)
            case .text:
                if encoding == .utf8 || TextEncoding.isASCII(raw) {
                    batch.setText(raw, column: column)
                } else {
                    textScratch.removeAll(keepingCapacity: true)
                    encoding.appendUTF8(of: raw, to: &textScratch)
                    textScratch.withUnsafeBufferPointer { batch.setText($0, column: column) }
                }
            }
        }
    }
}
