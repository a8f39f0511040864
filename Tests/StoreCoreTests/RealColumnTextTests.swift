import StoreCore
import XCTest

/// Every expected text below is what pandas 3.1.1 (numpy 2.4.6) prints for
/// `pd.DataFrame({"x": values}).to_string()` under
/// `pd.option_context("display.precision", precision)`, the index cut off.
final class RealColumnTextTests: XCTestCase {
    func check(_ values: [Double], _ precision: Int, _ expected: [String], line: UInt = #line) {
        XCTAssertEqual(RealColumnText.texts(values, precision: precision), expected, line: line)
    }

    // MARK: - Rule 1: precision digits after the point

    func testSixDigitsAfterThePointWithoutFloatNoise() {
        check([0.7612500000000001], 6, ["0.76125"])
        check([0.02300000000000002], 6, ["0.023"])
        check([1.0941841715555427], 6, ["1.094184"])
        check([46437.17275091841, 38.27363, 5.223592882382635], 6, ["46437.172751", "38.273630", "5.223593"])
        check([-0.0017999999999999794, 0.004400000000000026], 6, ["-0.0018", "0.0044"])
    }

    func testRoundsTheExactBinaryValueHalfToEven() {
        check([1.5, 2.25, 2.5], 0, ["2", "2", "2"])
        check([0.125, 0.375], 2, ["0.12", "0.38"])
        check([2.675], 2, ["2.67"])  // 2.675 is 2.67499999… in binary
        check([99999.9999999, 1.0], 6, ["100000.0", "1.0"])
    }

    // MARK: - Rule 2: trailing zeros cut from the column together

    func testTrailingZerosAreCutFromAllValuesTogether() {
        check([0.7612500000000001, 0.5], 6, ["0.76125", "0.50000"])
        check([16178.0, 3823.0], 6, ["16178.0", "3823.0"])
        check([0.0, 0.0], 6, ["0.0", "0.0"])
        XCTAssertEqual(RealColumnText.texts([], precision: 6), [])
    }

    // MARK: - Rule 3: scientific notation for the whole column

    func testLargeValuesSwitchOnlyWhenTheirTextIsTooLong() {
        check([1234567.891], 6, ["1234567.891"])
        check([-1234567.891], 6, ["-1234567.891"])
        check([1234567.8912], 6, ["1.234568e+06"])
        check([-1234567.8912], 6, ["-1.234568e+06"])
        check([12345678.891], 6, ["1.234568e+07"])
        check([729330009.5912623, 114.93504597356056, 22.880869011827613], 6, ["7.293300e+08", "1.149350e+02", "2.288087e+01"])
        check([1e100, 1.0], 6, ["1.000000e+100", "1.000000e+00"])
    }

    func testValuesBelowTheLastDigitSwitchTheColumn() {
        check([1e-7], 6, ["1.000000e-07"])
        check([-1e-7, 0.5], 6, ["-1.000000e-07", "5.000000e-01"])
        check([0.0, 1e-7], 6, ["0.000000e+00", "1.000000e-07"])
        check([1e-6], 6, ["0.000001"])
        check([1.5e-6], 6, ["0.000002"])
    }

    // MARK: - Rule 4: infinities

    func testInfinities() {
        check([.infinity, 1.5], 6, ["inf", "1.5"])
        check([-.infinity, 1.25], 6, ["-inf", "1.25"])
    }

    // MARK: - Other precisions

    func testOtherPrecisions() {
        check([1.0941841715555427, 0.0004], 3, ["1.094e+00", "4.000e-04"])
        check([1234567.891], 3, ["1.235e+06"])
        check([0.02300000000000002], 3, ["0.023"])
        check([0.3], 0, ["3e-01"])
    }
}
