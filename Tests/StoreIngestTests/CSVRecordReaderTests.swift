import XCTest
@testable import StoreIngest

/// The reader's rules, each checked with buffers so small that every record,
/// field, quote and line end falls across a refill somewhere.
final class CSVRecordReaderTests: XCTestCase {
    /// Fields and starting line of every record, read with a buffer of `bufferBytes`.
    func read(_ text: String, delimiter: String = ",", bufferBytes: Int, encoding: TextEncoding = .utf8) throws -> [(line: Int, fields: [String])] {
        try read(bytes: Array(text.utf8), delimiter: delimiter, bufferBytes: bufferBytes, encoding: encoding)
    }

    func read(bytes: [UInt8], delimiter: String = ",", bufferBytes: Int, encoding: TextEncoding = .utf8) throws -> [(line: Int, fields: [String])] {
        let folder = try TestFolder()
        let path = try folder.write("input.csv", bytes: bytes)
        let reader = try CSVRecordReader(
            path: path, delimiter: try CSVOptions.delimiter(named: delimiter), encoding: encoding,
            hashing: false, bufferBytes: bufferBytes)
        var records: [(Int, [String])] = []
        while try reader.next() {
            records.append((reader.line, (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }))
        }
        return records
    }

    /// Checks `text` reads as `expected` with every buffer size from 16 to 40 and the default.
    func assertRecords(_ text: String, delimiter: String = ",", _ expected: [[String]], lines: [Int]? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        for size in Array(16...40) + [1 << 20] {
            let records = try read(text, delimiter: delimiter, bufferBytes: size)
            XCTAssertEqual(records.map(\.fields), expected, "buffer \(size)", file: file, line: line)
            if let lines {
                XCTAssertEqual(records.map(\.line), lines, "buffer \(size)", file: file, line: line)
            }
        }
    }

    // MARK: - RFC 4180

    func testPlainFieldsWithLF() throws {
        try assertRecords("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]], lines: [1, 2])
    }

    func testCRLFAndLoneCRAndNoFinalNewline() throws {
        try assertRecords("a,b\r\n1,2\r3,4", [["a", "b"], ["1", "2"], ["3", "4"]], lines: [1, 2, 3])
    }

    func testQuotedFieldsHoldDelimitersNewlinesAndDoubledQuotes() throws {
        let text = "name,quote\n\"Smith, John\",\"He said \"\"hi\"\"\"\n\"multi\nline\",\"x\r\ny\"\nlast,\"\"\n"
        try assertRecords(text, [
            ["name", "quote"],
            ["Smith, John", "He said \"hi\""],
            ["multi\nline", "x\r\ny"],
            ["last", ""],
        ], lines: [1, 2, 3, 6])
    }

    func testEmptyFieldsAndTrailingDelimiter() throws {
        try assertRecords("a,,c,\n,,,\n", [["a", "", "c", ""], ["", "", "", ""]])
    }

    func testOtherDelimiters() throws {
        try assertRecords("a;b\n\"x;y\";2\n", delimiter: ";", [["a", "b"], ["x;y", "2"]])
        try assertRecords("a\tb\n1\t\"2\t3\"\n", delimiter: "tab", [["a", "b"], ["1", "2\t3"]])
        try assertRecords("a|b\n1|2\n", delimiter: "|", [["a", "b"], ["1", "2"]])
    }

    // MARK: - Tolerances

    func testByteOrderMarkIsSkipped() throws {
        let records = try read(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8), bufferBytes: 16)
        XCTAssertEqual(records.map(\.fields), [["id", "name"], ["1", "x"]])
    }

    func testBlankLinesAreSkippedButCounted() throws {
        try assertRecords("a,b\n\n1,2\r\n\r\n3,4\n\n", [["a", "b"], ["1", "2"], ["3", "4"]], lines: [1, 3, 5])
    }

    func testQuoteInsideUnquotedFieldIsLiteral() throws {
        try assertRecords("5'10\",x\n", [["5'10\"", "x"]])
    }

    func testTextAfterClosingQuoteIsKept() throws {
        try assertRecords("\"ab\"c,d\n", [["abc", "d"]])
    }

    // MARK: - Errors

    func testUnclosedQuoteNamesTheLineWhereTheRecordStarts() throws {
        for size in [16, 1 << 20] {
            XCTAssertThrowsError(try read("a,b\n1,2\n3,\"never closed\n4,5\n", bufferBytes: size)) { error in
                XCTAssertTrue("\(error)".contains("input.csv:3: a quoted field opened on this line is not closed"), "\(error)")
            }
        }
    }

    func testOverlongRecordIsAnErrorNotUnboundedMemory() throws {
        let folder = try TestFolder()
        let path = try folder.write("long.csv", "a\n\"" + String(repeating: "x", count: 5000) + "\n")
        let reader = try CSVRecordReader(path: path, delimiter: 44, encoding: .utf8, hashing: false, bufferBytes: 64, maxRecordBytes: 1024)
        XCTAssertTrue(try reader.next())
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertTrue("\(error)".contains("long.csv:2: a record longer than"), "\(error)")
        }
    }

    func testDirectoryIsRefused() throws {
        let folder = try TestFolder()
        XCTAssertThrowsError(try CSVRecordReader(path: folder.url.path, delimiter: 44, encoding: .utf8, hashing: false)) { error in
            XCTAssertTrue("\(error)".contains("it is not a regular file"), "\(error)")
        }
    }

    // MARK: - Streaming

    func testBufferStaysAtItsSizeForManySmallRecords() throws {
        let folder = try TestFolder()
        var text = "id,value\n"
        for index in 0..<50_000 { text += "\(index),\"v\(index)\"\n" }
        let path = try folder.write("many.csv", text)
        let reader = try CSVRecordReader(path: path, delimiter: 44, encoding: .utf8, hashing: true, bufferBytes: 4096)
        var count = 0
        while try reader.next() { count += 1 }
        XCTAssertEqual(count, 50_001)
        XCTAssertEqual(reader.bufferCapacity, 4096, "memory is bounded by the buffer, not the file (\(text.utf8.count) bytes)")
    }

    func testBufferGrowsToTheWidestRecordOnly() throws {
        let folder = try TestFolder()
        let wide = String(repeating: "w", count: 10_000)
        let path = try folder.write("wide.csv", "a,b\n1,\(wide)\n2,x\n")
        let reader = try CSVRecordReader(path: path, delimiter: 44, encoding: .utf8, hashing: false, bufferBytes: 1024)
        var widths: [Int] = []
        while try reader.next() { widths.append(reader.field(1).count) }
        XCTAssertEqual(widths, [1, 10_000, 1])
        XCTAssertEqual(reader.bufferCapacity, 16_384, "doubled from 1 KiB until the 10 KB record fit")
    }

    func testSHA256MatchesKnownDigest() throws {
        let folder = try TestFolder()
        let path = try folder.write("hash.csv", "a,b\n1,2\n")
        let reader = try CSVRecordReader(path: path, delimiter: 44, encoding: .utf8, hashing: true, bufferBytes: 16)
        while try reader.next() {}
        // printf 'a,b\n1,2\n' | sha256sum
        XCTAssertEqual(reader.sha256(), "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470")
    }
}

/// Random records written the way RFC 4180 writers do read back exactly, with
/// every line ending and buffer size. The generator is seeded, so a failure
/// repeats.
final class CSVRoundTripTests: XCTestCase {
    func testRandomRecordsRoundTrip() throws {
        let pieces = ["a", "Z", "1", ",", ";", "\"", "\n", "\r\n", " ", "é", "€", "\t", "''", "x\"y"]
        var random = SeededGenerator(seed: 2026)
        for trial in 0..<200 {
            let columns = Int.random(in: 1...5, using: &random)
            var records: [[String]] = []
            var text = ""
            for _ in 0..<Int.random(in: 1...20, using: &random) {
                let fields = (0..<columns).map { _ in
                    (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
                }
                records.append(fields)
                let written = fields.map { field -> String in
                    let needsQuotes = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                        || (columns == 1 && field.isEmpty)
                    let quoted = needsQuotes || Bool.random(using: &random)
                    return quoted ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
                }
                text += written.joined(separator: ",") + (Bool.random(using: &random) ? "\r\n" : "\n")
            }
            let folder = try TestFolder()
            let path = try folder.write("random.csv", text)
            for size in [16, 23, 64, 1 << 20] {
                let reader = try CSVRecordReader(path: path, delimiter: 44, encoding: .utf8, hashing: false, bufferBytes: size)
                var read: [[String]] = []
                while try reader.next() {
                    read.append((0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) })
                }
                XCTAssertEqual(read, records, "trial \(trial), buffer \(size)")
            }
        }
    }
}
