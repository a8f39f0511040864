import StoreImages
import XCTest

/// PNG decoding against Pillow 13.0.0's `Image.open` on the same bytes (the
/// fixtures were dumped from these tests and opened with Pillow; its
/// results are pasted with the call that produced them).
final class PNGDecoderTests: XCTestCase {
    private func decode(_ fixture: PNGFixture, file: StaticString = #filePath, line: UInt = #line) throws -> DecodedImage {
        let image = try ImageDecoder.decode(fixture.bytes())
        XCTAssertEqual(image.format, .png, file: file, line: line)
        XCTAssertEqual(image.width, fixture.width, file: file, line: line)
        XCTAssertEqual(image.height, fixture.height, file: file, line: line)
        var interlaced = fixture
        interlaced.interlaced = true
        XCTAssertEqual(try ImageDecoder.decode(interlaced.bytes()), image, "Adam7 interlacing changes nothing", file: file, line: line)
        return image
    }

    /// 0, 1, …, count − 1 scaled over the depth's range: a ramp that visits
    /// the lowest and highest values.
    private func ramp(_ count: Int, depth: Int) -> [Int] {
        let top = (1 << depth) - 1
        return (0..<count).map { $0 * top / max(count - 1, 1) }
    }

    // MARK: Gray

    func testGrayLowBitDepthsAreScaledToBytes() throws {
        // Pillow: mode "1" gives 0/255, "L;2" multiplies by 85, "L;4" by 17.
        for (depth, factor) in [(1, 255), (2, 85), (4, 17)] {
            let samples = ramp(10, depth: depth)
            let image = try decode(PNGFixture(width: 5, height: 2, colorType: 0, bitDepth: depth, samples: samples))
            XCTAssertEqual(image.channels, 1)
            XCTAssertEqual(image.pixels, samples.map { UInt8($0 * factor) }, "depth \(depth)")
        }
    }

    func testGrayEightBit() throws {
        let samples = (0..<12).map { $0 * 23 }
        let image = try decode(PNGFixture(width: 4, height: 3, colorType: 0, bitDepth: 8, samples: samples))
        XCTAssertEqual(image.pixels, samples.map { UInt8($0) })
    }

    func testGraySixteenBitClipsAt255AsPillow() throws {
        // Pillow 13: Image.open gives mode "I;16"; convert("L") clips:
        // [0, 255, 256, 1000, 32768, 65535] -> [0, 255, 255, 255, 255, 255].
        let samples = [0, 255, 256, 1000, 32768, 65535, 17, 254]
        let image = try decode(PNGFixture(width: 4, height: 2, colorType: 0, bitDepth: 16, samples: samples))
        XCTAssertEqual(image.channels, 1)
        XCTAssertEqual(image.pixels, [0, 255, 255, 255, 255, 255, 17, 254])
    }

    func testGrayWithTransparentValueGetsAlpha() throws {
        let image = try decode(PNGFixture(width: 3, height: 1, colorType: 0, bitDepth: 8, samples: [10, 20, 30],
                                          transparentColor: [20]))
        XCTAssertEqual(image.channels, 2)
        XCTAssertEqual(image.pixels, [10, 255, 20, 0, 30, 255])
    }

    // MARK: Gray with alpha

    func testGrayAlphaEightAndSixteenBit() throws {
        let eight = try decode(PNGFixture(width: 2, height: 1, colorType: 4, bitDepth: 8, samples: [10, 255, 200, 7]))
        XCTAssertEqual(eight.channels, 2)
        XCTAssertEqual(eight.pixels, [10, 255, 200, 7])
        // Pillow 13: "LA;16B" keeps the high bytes: (0x1234, 0xFFFF) (0xABCD, 0xFFFF) -> (0x12, 255) (0xAB, 255).
        let sixteen = try decode(PNGFixture(width: 2, height: 1, colorType: 4, bitDepth: 16,
                                            samples: [0x1234, 0xFFFF, 0xABCD, 0xFFFF]))
        XCTAssertEqual(sixteen.pixels, [0x12, 255, 0xAB, 255])
    }

    func testSixteenBitAlphaIsUnpremultipliedWithinOne() throws {
        // Pillow 13 keeps the high bytes: 0x8040 -> 0x80, alpha 0x8000 -> 0x80.
        let image = try decode(PNGFixture(width: 1, height: 1, colorType: 4, bitDepth: 16, samples: [0x8040, 0x8000]))
        XCTAssertEqual(image.pixels[1], 0x80)
        XCTAssertLessThanOrEqual(abs(Int(image.pixels[0]) - 0x80), 1)
    }

    // MARK: RGB and RGBA

    func testRGBEightAndSixteenBit() throws {
        let samples = (0..<18).map { ($0 * 37) % 256 }
        let eight = try decode(PNGFixture(width: 3, height: 2, colorType: 2, bitDepth: 8, samples: samples))
        XCTAssertEqual(eight.channels, 3)
        XCTAssertEqual(eight.pixels, samples.map { UInt8($0) })
        // Pillow 13: "RGB;16B" keeps the high byte of each sample.
        let wide = [0x0000, 0x00FF, 0x0100, 0x7FFF, 0x8000, 0xFFFF]
        let sixteen = try decode(PNGFixture(width: 2, height: 1, colorType: 2, bitDepth: 16, samples: wide))
        XCTAssertEqual(sixteen.pixels, [0x00, 0x00, 0x01, 0x7F, 0x80, 0xFF])
    }

    func testRGBWithTransparentColorGetsAlpha() throws {
        let image = try decode(PNGFixture(width: 2, height: 1, colorType: 2, bitDepth: 8, samples: [1, 2, 3, 4, 5, 6],
                                          transparentColor: [4, 5, 6]))
        XCTAssertEqual(image.channels, 4)
        XCTAssertEqual(image.pixels, [1, 2, 3, 255, 4, 5, 6, 0])
    }

    func testRGBAEightAndSixteenBit() throws {
        let samples = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0]
        let eight = try decode(PNGFixture(width: 3, height: 1, colorType: 6, bitDepth: 8, samples: samples))
        XCTAssertEqual(eight.channels, 4)
        XCTAssertEqual(eight.pixels, samples.map { UInt8($0) })
        // Opaque 16-bit samples keep their high byte exactly (Pillow's "RGBA;16B").
        let sixteen = try decode(PNGFixture(width: 1, height: 1, colorType: 6, bitDepth: 16,
                                            samples: [0x12FF, 0xFE01, 0x0080, 0xFFFF]))
        XCTAssertEqual(sixteen.pixels, [0x12, 0xFE, 0x00, 0xFF])
    }

    // MARK: Palette

    func testPaletteAtEveryDepth() throws {
        let palette: [(UInt8, UInt8, UInt8)] = (0..<16).map { (index: Int) -> (UInt8, UInt8, UInt8) in
            (UInt8(index * 16), UInt8(255 - index * 16), UInt8(index * 7))
        }
        for depth in [1, 2, 4, 8] {
            let entries = min(1 << depth, palette.count)
            let indices = (0..<12).map { ($0 * 5) % entries }
            let image = try decode(PNGFixture(width: 4, height: 3, colorType: 3, bitDepth: depth, samples: indices,
                                              palette: Array(palette.prefix(entries))))
            XCTAssertEqual(image.channels, 3)
            XCTAssertEqual(image.pixels, indices.flatMap { [palette[$0].0, palette[$0].1, palette[$0].2] }, "depth \(depth)")
        }
    }

    func testPaletteWithTransparencyGetsAlpha() throws {
        let palette: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
        let image = try decode(PNGFixture(width: 3, height: 1, colorType: 3, bitDepth: 2, samples: [0, 1, 2],
                                          palette: palette, paletteAlpha: [0, 128]))
        XCTAssertEqual(image.channels, 4)
        // Pillow 13: Image.open(...).convert("RGBA") -> (255,0,0,0) (0,255,0,128) (0,0,255,255).
        XCTAssertEqual(image.pixels, [255, 0, 0, 0, 0, 255, 0, 128, 0, 0, 255, 255])
    }

    // MARK: Colour-space chunks

    func testGammaChunkIsIgnoredAsPillowDoes() throws {
        let samples = [10, 100, 200, 30, 60, 90]
        for bitDepth in [8, 16] {
            let scaled = samples.map { bitDepth == 8 ? $0 : $0 * 257 }
            let image = try decode(PNGFixture(width: 2, height: 1, colorType: 2, bitDepth: bitDepth, samples: scaled, gamma: 1.0))
            XCTAssertEqual(image.pixels, samples.map { UInt8($0) }, "depth \(bitDepth)")
        }
    }

    // MARK: Encoder round trips

    func testEncoderRoundTripsEveryChannelCount() throws {
        for channels in 1...4 {
            let pixels = (0..<(7 * 5 * channels)).map { UInt8(($0 * 73 + channels) % 256) }
            let png = try PNGEncoder.encode(width: 7, height: 5, channels: channels, pixels: pixels)
            XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
            let image = try ImageDecoder.decode(png)
            XCTAssertEqual(image, try DecodedImage(format: .png, width: 7, height: 5, channels: channels, pixels: pixels))
        }
    }

    func testEncoderRefusesMismatchedSizes() {
        XCTAssertThrowsError(try PNGEncoder.encode(width: 2, height: 2, channels: 3, pixels: [1, 2, 3])) { error in
            XCTAssertEqual("\(error)", "a 2 × 2 image with 3 channels does not hold 3 bytes")
        }
        XCTAssertThrowsError(try PNGEncoder.encode(width: 1, height: 1, channels: 5, pixels: [1, 2, 3, 4, 5]))
        XCTAssertThrowsError(try PNGEncoder.encode(width: 0, height: 1, channels: 1, pixels: []))
    }
}
