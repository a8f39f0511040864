import XCTest
@testable import StoreIngest

/// A scan split across two threads finds exactly what one sequential scan
/// finds: counts, the first unusual values and their lines, the hash, and
/// the first error with its line.
final class CSVScanSplitTests: XCTestCase {
    func summary(_ scan: CSVScan) -> String {
        let columns = scan.stats.map { stats in
            "\(stats.nulls)/\(stats.integers)/\(stats.reals)/\(stats.booleans)/\(stats.leadingZeros)/\(stats.texts) "
                + "\(stats.firstText.map { "\($0.line):\($0.value)" } ?? "-") \(stats.firstNonInteger.map { "\($0.line):\($0.value)" } ?? "-")"
        }
        return "\(scan.headers) \(scan.records) \(scan.rejected) \(scan.sha256) \(scan.bytes) \(columns)"
    }

    func scanBothWays(_ text: String, options: CSVOptions = CSVOptions()) throws -> (split: Result<String, Error>, whole: Result<String, Error>) {
        let folder = try TestFolder()
        let path = try folder.write("split.csv", text)
        let split = Result { summary(try CSVScan.read(path: path, options: options, progress: nil, splitBytes: 1)) }
        let whole = Result { summary(try CSVScan.read(path: path, options: options, progress: nil, splitBytes: .max)) }
        return (split, whole)
    }

    func makeText(rows: Int, special: (Int) -> String?) -> String {
        var text = "id,code,amount,note\n"
        for index in 1...rows {
            text += special(index) ?? "\(index),\(index % 7 == 0 ? "0\(index)" : "\(index)"),\(Double(index) / 4),\"n \(index)\"\n"
        }
        return text
    }

    func testSplitScanEqualsSequentialScan() throws {
        let text = makeText(rows: 5_000) { index in
            switch index {
            case 4_000: return "4000,x,1.5,\"multi\nline, in the second half\"\n"
            case 4_500: return "4500,9,abc,\"\"\n"
            default: return nil
            }
        }
        let (split, whole) = try scanBothWays(text)
        let wholeText = try whole.get()
        XCTAssertEqual(try split.get(), wholeText)
        XCTAssertTrue(wholeText.contains("4502:abc"), "line numbers count the multi-line field: \(wholeText)")
    }

    func testMiddleInsideAQuotedFieldFallsBackToOnePiece() throws {
        var text = "id,note\n1,\"a long note\n"
        for index in 0..<20_000 { text += "line \(index) of the note, with commas, and \"\"quotes\"\"\n" }
        text += "end\"\n2,short\n3,\"x\"\n"
        let (split, whole) = try scanBothWays(text)
        let wholeText = try whole.get()
        XCTAssertEqual(try split.get(), wholeText)
        XCTAssertTrue(wholeText.contains(" 3 0 "), "three records, none rejected: \(wholeText)")
    }

    func testErrorInTheSecondHalfNamesItsLineInTheWholeFile() throws {
        let text = makeText(rows: 5_000) { index in index == 4_321 ? "4321,too,many,fields,here\n" : nil }
        let (split, whole) = try scanBothWays(text)
        for result in [split, whole] {
            XCTAssertThrowsError(try result.get()) { error in
                XCTAssertTrue("\(error)".contains("split.csv:4322: expected 4 fields, as in the header, but found 5."), "\(error)")
            }
        }
    }

    func testFirstErrorWinsAndRejectsAddUp() throws {
        let text = makeText(rows: 5_000) { index in index == 100 || index == 4_900 ? "\(index),short\n" : nil }
        let (split, whole) = try scanBothWays(text)
        for result in [split, whole] {
            XCTAssertThrowsError(try result.get()) { error in
                XCTAssertTrue("\(error)".contains("split.csv:101:"), "\(error)")
            }
        }
        var options = CSVOptions()
        options.skipBad = true
        let (splitSkipping, wholeSkipping) = try scanBothWays(text, options: options)
        let wholeText = try wholeSkipping.get()
        XCTAssertEqual(try splitSkipping.get(), wholeText)
        XCTAssertTrue(wholeText.contains(" 5000 2 "), wholeText)
    }

    func testNoHeaderSplitScan() throws {
        var options = CSVOptions()
        options.header = false
        let text = String(makeText(rows: 3_000) { _ in nil }.drop { $0 != "\n" }.dropFirst())
        let (split, whole) = try scanBothWays(text, options: options)
        let wholeText = try whole.get()
        XCTAssertEqual(try split.get(), wholeText)
        XCTAssertTrue(wholeText.contains(" 3000 0 "), wholeText)
    }
}
