@testable import StorePlots
import XCTest

/// Tick positions against matplotlib 3.11.2's
/// `MaxNLocator(nbins=n, steps=[1, 2, 5, 10]).tick_values(vmin, vmax)`
/// (values pasted from Python as `repr(float(tick))`), and their labels.
final class TickLocatorTests: XCTestCase {
    func ticks(_ vmin: Double, _ vmax: Double, _ bins: Int) -> [Double] {
        TickLocator(bins: bins).ticks(from: vmin, to: vmax)
    }

    // MARK: - matplotlib's values, to the last bit

    func testRoundRanges() {
        XCTAssertEqual(ticks(0.3, 97.2, 9), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0])
        XCTAssertEqual(ticks(-1, 1, 5), [-1.0, -0.5, 0.0, 0.5, 1.0])
        XCTAssertEqual(ticks(0, 1, 9), [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0])
        XCTAssertEqual(ticks(12, 13, 1), [12.0, 13.0])
        XCTAssertEqual(ticks(1, 12, 9), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0])
    }

    func testTheEdgeTicksMayLieOutsideTheRange() {
        XCTAssertEqual(ticks(-0.02, 1.02, 9), [-0.2, 0.0, 0.2, 0.4000000000000001, 0.6000000000000001, 0.8, 1.0000000000000002, 1.2000000000000002])
        XCTAssertEqual(ticks(-3.7, -3.2, 4), [-3.8000000000000003, -3.6, -3.4000000000000004, -3.2])
        XCTAssertEqual(ticks(-273.15, 1e4, 7), [-2000.0, 0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0])
    }

    func testLargeAndSmallMagnitudes() {
        XCTAssertEqual(ticks(0, 80123, 9), [0.0, 10000.0, 20000.0, 30000.0, 40000.0, 50000.0, 60000.0, 70000.0, 80000.0, 90000.0])
        XCTAssertEqual(ticks(4926.07, 470025.27, 9), [0.0, 100000.0, 200000.0, 300000.0, 400000.0, 500000.0])
        XCTAssertEqual(ticks(0, 0.00037, 9), [0.0, 5e-05, 0.0001, 0.00015000000000000001, 0.0002, 0.00025, 0.00030000000000000003, 0.00035, 0.0004])
        XCTAssertEqual(ticks(0.97, 1.03, 9), [0.97, 0.98, 0.99, 1.0, 1.01, 1.02, 1.03])
    }

    func testARangeFarFromZeroIsTickedFromAnOffset() {
        XCTAssertEqual(ticks(1e9, 1e9 + 1, 9), [1000000000.0, 1000000000.2, 1000000000.4, 1000000000.6, 1000000000.8, 1000000001.0])
    }

    func testAnEmptyRangeIsWidenedAsMatplotlibWidensIt() {
        XCTAssertEqual(ticks(5, 5, 9), [4.9999999999994, 4.9999999999996, 4.9999999999998, 5.0, 5.0000000000002, 5.0000000000004, 5.0000000000006])
    }

    func testPythonDivmod() {
        // Python 3: divmod(-7.5, 2) == (-4.0, 0.5); divmod(7.5, -2) == (-4.0, -0.5); divmod(0.0, 3) == (0.0, 0.0)
        XCTAssertEqual(TickLocator.divmod(-7.5, 2).quotient, -4)
        XCTAssertEqual(TickLocator.divmod(-7.5, 2).remainder, 0.5)
        XCTAssertEqual(TickLocator.divmod(7.5, -2).quotient, -4)
        XCTAssertEqual(TickLocator.divmod(7.5, -2).remainder, -0.5)
        XCTAssertEqual(TickLocator.divmod(0, 3).quotient, 0)
    }

    // MARK: - Labels

    func testLabelsTakeTheDecimalsOfTheStepAndGroupThousands() {
        XCTAssertEqual(NumberText.ticks(ticks(0, 1, 9)), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(NumberText.ticks(ticks(4926.07, 470025.27, 9)), ["0", "100,000", "200,000", "300,000", "400,000", "500,000"])
        XCTAssertEqual(NumberText.ticks(ticks(-1, 1, 5)), ["−1.0", "−0.5", "0.0", "0.5", "1.0"])
        XCTAssertEqual(NumberText.ticks(ticks(0, 0.00037, 9)).prefix(3), ["0.00000", "0.00005", "0.00010"])
        XCTAssertEqual(NumberText.ticks(ticks(1e9, 1e9 + 1, 9)).last, "1,000,000,001.0")
    }

    func testNumberText() {
        XCTAssertEqual(NumberText.fixed(1234567, decimals: 0), "1,234,567")
        XCTAssertEqual(NumberText.fixed(-1234.5678, decimals: 2), "−1,234.57")
        XCTAssertEqual(NumberText.fixed(-0.0001, decimals: 2), "0.00", "no sign on a value that rounds to zero")
        XCTAssertEqual(NumberText.fixed(999.5, decimals: 0), "1,000")
        XCTAssertEqual(NumberText.count(80123), "80,123")
        XCTAssertEqual(NumberText.count(-1000), "−1,000")
        XCTAssertEqual(NumberText.fixed(.infinity, decimals: 1), "∞")
    }
}
