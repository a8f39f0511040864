@testable import StoreFunctions
import StoreTestSupport
import XCTest

/// The two pieces `column_summary` and the order statistics stand on:
/// `RadixSort` must order exactly as `sorted()` does, and `TextCounts` must
/// count exactly as a dictionary of strings does.
final class CountingAndSortingTests: XCTestCase {
    // MARK: - RadixSort

    func testRadixSortOrdersEveryKindOfDoubleAsSortedDoes() {
        var random = SeededGenerator(seed: 7)
        let special: [Double] = [-.infinity, .infinity, -0.0, 0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude / 3, -.leastNormalMagnitude / 3, 1, -1]
        for size in [0, 1, 2048, 2049, 10_000, 100_000] {
            var values = (0..<size).map { _ -> Double in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: Double.random(in: -1e6...1e6, using: &random)
                case 1: Double(Int.random(in: -50...50, using: &random))
                case 2: Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &random)) * (Bool.random(using: &random) ? 1 : -1)
                default: special.randomElement(using: &random) ?? 0
                }
            }
            values.shuffle(using: &random)
            let radix = RadixSort.sorted(values)
            let reference = values.sorted()
            XCTAssertEqual(radix.count, reference.count)
            XCTAssertTrue(zip(radix, reference).allSatisfy { $0 == $1 }, "size \(size)")
            XCTAssertTrue(zip(radix, radix.dropFirst()).allSatisfy { $0 <= $1 }, "ascending (size \(size))")
        }
    }

    func testRadixSortOfASliceAndOfIntegersOnly() {
        let values = (0..<5000).map { Double(($0 * 7919) % 101) }
        XCTAssertEqual(RadixSort.sorted(values[1000...]), values[1000...].sorted())
    }

    // MARK: - TextCounts

    func testTextCountsAgreeWithADictionaryThroughAddsAndRemoves() {
        var random = SeededGenerator(seed: 8)
        var counts = TextCounts()
        var reference: [String: Int] = [:]
        var added: [String] = []
        for step in 0..<50_000 {
            if step % 3 == 2, let text = added.popLast() {
                text.utf8CString.withUnsafeBytes { counts.add(UnsafeRawBufferPointer(rebasing: $0.dropLast()), delta: -1) }
                reference[text, default: 0] -= 1
                if reference[text] == 0 { reference[text] = nil }
                continue
            }
            let length = Int.random(in: 0...20, using: &random)
            let text = String((0..<length).map { _ in "abcé€😀".randomElement(using: &random) ?? "a" })
            text.utf8CString.withUnsafeBytes { counts.add(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
            reference[text, default: 0] += 1
            added.append(text)
        }
        XCTAssertEqual(counts.distinct, reference.count)
        XCTAssertEqual(counts.total, reference.values.reduce(0, +))
        let best = reference.values.max() ?? 0
        let expected = reference.filter { $0.value == best }.keys.min { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        XCTAssertEqual(counts.mostFrequent()?.text, expected)
        XCTAssertEqual(counts.mostFrequent()?.count, best)
    }

    func testTextCountsTiesGoToTheSmallestAndEmptyTextCounts() {
        var counts = TextCounts()
        for text in ["b", "", "a", "b", "a", ""] {
            text.utf8CString.withUnsafeBytes { counts.add(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
        XCTAssertEqual(counts.distinct, 3)
        XCTAssertEqual(counts.mostFrequent()?.text, "", "'' < 'a' < 'b', all twice")
        XCTAssertNil(TextCounts().mostFrequent())
    }
}
