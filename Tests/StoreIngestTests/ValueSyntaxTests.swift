#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import StoreIngest

final class ValueSyntaxTests: XCTestCase {
    let nulls = NullMarkers(CSVOptions.defaultNullMarkers)

    func kind(_ text: String, nulls: NullMarkers? = nil) -> ValueKind {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            ValueSyntax.classify(ValueSyntax.trimmed(UnsafeBufferPointer(buffer)), nulls: nulls ?? self.nulls)
        }
    }

    func real(_ text: String) -> Double {
        var scratch: [CChar] = []
        return Array(text.utf8).withUnsafeBufferPointer { ValueSyntax.realValue($0, scratch: &scratch) }
    }

    func integer(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { ValueSyntax.integerValue($0) }
    }

    // MARK: - Classification

    func testNulls() {
        for text in ["", "   ", "NA", "N/A", "NaN", "null", "NULL", "?", " NA "] {
            XCTAssertEqual(kind(text), .null, text)
        }
        XCTAssertEqual(kind("nan"), .text, "markers are exact: only the listed spellings")
        XCTAssertEqual(kind("-999", nulls: NullMarkers(["-999"])), .null, "markers are checked before numbers")
    }

    func testIntegers() {
        for text in ["0", "7", "-12", "+5", " 42 ", "9223372036854775807", "-9223372036854775808"] {
            XCTAssertEqual(kind(text), .integer, text)
        }
        XCTAssertEqual(kind("9223372036854775808"), .hugeInteger)
        XCTAssertEqual(kind("-9223372036854775809"), .hugeInteger)
    }

    func testReals() {
        for text in ["1.5", ".5", "5.", "-0.0", "1e5", "2E-3", "+3.25e+10", "inf", "-Infinity", "0.5", "00.5", "012.5e3"] {
            XCTAssertEqual(kind(text), .real, text)
        }
    }

    func testLeadingZerosAreCodes() {
        for text in ["007", "00", "-01", "+0012", "0123456789"] {
            XCTAssertEqual(kind(text), .leadingZero, text)
        }
    }

    func testBooleansAndText() {
        for text in ["TRUE", "false", "True", "fAlSe"] {
            XCTAssertEqual(kind(text), .boolean, text)
        }
        for text in ["abc", "1,000", "1e", "e5", ".", "-", "+", "1.2.3", "0x1F", "12abc", "truth", "1_000"] {
            XCTAssertEqual(kind(text), .text, text)
        }
    }

    // MARK: - Conversion

    func testIntegerValues() {
        XCTAssertEqual(integer("007"), 7)
        XCTAssertEqual(integer("-9223372036854775808"), Int64.min)
        XCTAssertEqual(integer("TRUE"), 1)
        XCTAssertEqual(integer("false"), 0)
        XCTAssertNil(integer("9223372036854775808"))
        XCTAssertNil(integer("1.5"))
    }

    func testRealValuesSpecialCases() {
        XCTAssertEqual(real("0.1"), 0.1)
        XCTAssertEqual(real("-0.0").sign, .minus)
        XCTAssertEqual(real("1e22"), 1e22)
        XCTAssertEqual(real("1e23"), 1e23)
        XCTAssertEqual(real("-inf"), -.infinity)
        XCTAssertEqual(real("TRUE"), 1)
        XCTAssertEqual(real("123456789012345678901234567890"), 1.2345678901234568e29)
        XCTAssertEqual(real("4.9e-324"), .leastNonzeroMagnitude)
        XCTAssertEqual(real("1e400"), .infinity)
    }

    /// The fast path and the fallback agree with C's strtod (correctly rounded
    /// on glibc) on many random decimals of every length and exponent.
    func testRealValuesMatchStrtod() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<50_000 {
            let digits = Int.random(in: 1...20, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &generator)
            for index in 0..<digits {
                if index == point && index > 0 { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -30...30, using: &generator))" }
            let expected = text.withCString { strtod($0, nil) }
            XCTAssertEqual(real(text).bitPattern, expected.bitPattern, text)
        }
    }
}
