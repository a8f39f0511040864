import StorePlots
import XCTest

/// The colour maps against matplotlib 3.11.2 (`matplotlib.colormaps[name](t)`),
/// to the 8 bits a pixel holds.
final class ColorMapTests: XCTestCase {
    func assertColor(_ color: Color, _ red: Double, _ green: Double, _ blue: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(color.red, red, accuracy: 0.5 / 255, file: file, line: line)
        XCTAssertEqual(color.green, green, accuracy: 0.5 / 255, file: file, line: line)
        XCTAssertEqual(color.blue, blue, accuracy: 0.5 / 255, file: file, line: line)
    }

    func testViridis() {
        // matplotlib: colormaps['viridis'](0.5) = (0.127568, 0.566949, 0.550556); (0.0) = (0.267004, 0.004874, 0.329415); (1.0) = (0.993248, 0.906157, 0.143936)
        assertColor(ColorMap.viridis.color(0.5), 0.127568, 0.566949, 0.550556)
        assertColor(ColorMap.viridis.color(0), 0.267004, 0.004874, 0.329415)
        assertColor(ColorMap.viridis.color(1), 0.993248, 0.906157, 0.143936)
        assertColor(ColorMap.viridis.reversed.color(1), 0.267004, 0.004874, 0.329415)
    }

    func testRedBlueIsMatplotlibsRdBuReversed() {
        // matplotlib: colormaps['RdBu_r'](0.25) = (0.4206843521722416, 0.6764321414840447, 0.8186851211072664)
        assertColor(ColorMap.redBlue.color(0.25), 0.4206843521722416, 0.6764321414840447, 0.8186851211072664)
        // The ends: ColorBrewer's darkest blue (5, 48, 97) and red (103, 0, 31); the middle near white.
        assertColor(ColorMap.redBlue.color(0), 5 / 255, 48 / 255, 97 / 255)
        assertColor(ColorMap.redBlue.color(1), 103 / 255, 0, 31 / 255)
        XCTAssertGreaterThan(ColorMap.redBlue.color(0.5).luminance, 0.85)
    }

    func testOutOfRangeValuesAreClamped() {
        XCTAssertEqual(ColorMap.viridis.color(-3), ColorMap.viridis.color(0))
        XCTAssertEqual(ColorMap.viridis.color(7), ColorMap.viridis.color(1))
        XCTAssertEqual(ColorMap.viridis.color(.nan), ColorMap.viridis.color(0))
    }

    func testPaletteIsOkabeIto() {
        XCTAssertEqual(Palette.okabeIto.map(\.hexText), ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#000000"])
        XCTAssertEqual(Palette.color(8), Palette.color(0))
    }
}
