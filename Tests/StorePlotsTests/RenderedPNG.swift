@testable import StorePlots
import StoreImages
import XCTest

/// A figure rendered to PNG by cairo, decoded back with libpng (StoreImages'
/// decoder), with the layout that placed it, so tests can look at the
/// pixels where the data says something is drawn.
struct RenderedPNG {
    let image: DecodedImage
    /// The panels' geometry in CSS pixels (multiply by `scale` for pixels).
    let geometries: [PanelLayout.Geometry]
    let layouts: [PanelLayout]
    let scale: Double

    init(_ figure: Figure, dpi: Double = 96) throws {
        let (data, _, _) = try PlotFile.render(figure, format: .png, dpi: dpi)
        image = try ImageDecoder.decode(Array(data))
        let measurer = TextMeasurer()
        layouts = figure.layouts(measurer: measurer)
        geometries = layouts.map { $0.place().geometry }
        scale = dpi / 96
    }

    var plot: Rect { geometries[0].plot }

    /// The pixel at (x, y) in CSS pixels, as (red, green, blue) bytes.
    func pixel(_ x: Double, _ y: Double) -> (Int, Int, Int) {
        let px = min(max(Int(x * scale), 0), image.width - 1)
        let py = min(max(Int(y * scale), 0), image.height - 1)
        let offset = (py * image.width + px) * image.channels
        return (Int(image.pixels[offset]), Int(image.pixels[offset + 1]), Int(image.pixels[offset + 2]))
    }

    /// Whether the pixel at image coordinates (px, py) is `color` within `tolerance` per channel.
    func isColor(_ px: Int, _ py: Int, _ color: Color, tolerance: Int = 8) -> Bool {
        let offset = (py * image.width + px) * image.channels
        let expected = [color.red, color.green, color.blue].map { Int(($0 * 255).rounded()) }
        return (0..<3).allSatisfy { abs(Int(image.pixels[offset + $0]) - expected[$0]) <= tolerance }
    }

    /// The height in image pixels of the run of `color` going up from just
    /// above the x axis in pixel column `px`.
    func columnHeight(_ px: Int, _ color: Color) -> Int {
        var py = Int(plot.maxY * scale) - 1
        while py > 0 && !isColor(px, py, color) && py > Int(plot.maxY * scale) - 4 { py -= 1 }
        var height = 0
        while py > 0 && isColor(px, py, color) {
            height += 1
            py -= 1
        }
        return height
    }

    /// WCAG luminance of the pixel at (x, y) in CSS pixels.
    func luminance(_ x: Double, _ y: Double) -> Double {
        let (r, g, b) = pixel(x, y)
        return Color(red: Double(r) / 255, green: Double(g) / 255, blue: Double(b) / 255).luminance
    }
}
