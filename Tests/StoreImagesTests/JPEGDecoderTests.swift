import StoreImages
import XCTest

/// JPEG decoding and encoding. The fixtures are encoded in the tests with
/// `JPEGEncoder` (libjpeg-turbo 2.1.5, Debian 12); the pasted reference rows
/// are Pillow 13.0.0's `numpy.array(Image.open(path))` on the same bytes
/// (Pillow's wheel bundles its own libjpeg-turbo; every decode compared was
/// identical).
final class JPEGDecoderTests: XCTestCase {
    /// Row `y` of an interleaved image.
    private func row(_ image: DecodedImage, _ y: Int) -> [UInt8] {
        let length = image.width * image.channels
        return Array(image.pixels[(y * length)..<((y + 1) * length)])
    }

    // MARK: Baseline, progressive, grayscale

    func testBaselineMatchesPillow() throws {
        let image = try ImageDecoder.decode(JPEGFixture.baseline())
        XCTAssertEqual(image.format, .jpeg)
        XCTAssertEqual([image.width, image.height, image.channels], [16, 8, 3])
        // Pillow 13: numpy.array(Image.open("baseline.jpg"))[0] and [7], flattened.
        XCTAssertEqual(row(image, 0), [50, 194, 97, 56, 196, 100, 66, 195, 103, 77, 195, 107, 87, 195, 109, 100, 195, 113,
                                       111, 196, 115, 121, 195, 118, 132, 196, 120, 142, 195, 123, 153, 196, 125, 164, 195, 128,
                                       175, 194, 130, 186, 194, 134, 196, 196, 136, 202, 197, 139])
        XCTAssertEqual(row(image, 7), [36, 55, 97, 42, 57, 100, 51, 58, 104, 61, 57, 107, 74, 57, 109, 84, 57, 112,
                                       96, 57, 114, 105, 57, 117, 117, 57, 119, 127, 56, 122, 138, 57, 124, 150, 57, 128,
                                       160, 57, 130, 171, 56, 133, 180, 57, 137, 186, 59, 140])
    }

    func testBaselineStaysNearItsSource() throws {
        let image = try ImageDecoder.decode(JPEGFixture.baseline())
        let source = JPEGFixture.rgb(width: 16, height: 8)
        let largest = zip(image.pixels, source).map { abs(Int($0) - Int($1)) }.max() ?? 0
        // Quality 90 with 4:2:0 chroma subsampling, on smooth ramps: measured 14.
        XCTAssertLessThanOrEqual(largest, 16)
    }

    func testProgressiveDecodesToTheSamePixelsAsBaseline() throws {
        let progressive = try JPEGFixture.progressive()
        XCTAssertNotEqual(progressive, try JPEGFixture.baseline())
        XCTAssertEqual(try ImageDecoder.decode(progressive), try ImageDecoder.decode(JPEGFixture.baseline()))
    }

    func testGrayscaleMatchesPillowAndItsSource() throws {
        let image = try ImageDecoder.decode(JPEGFixture.grayscale())
        XCTAssertEqual([image.width, image.height, image.channels], [16, 8, 1])
        // Pillow 13: numpy.array(Image.open("gray.jpg"))[0] and [7] (mode "L").
        XCTAssertEqual(row(image, 0), [30, 39, 49, 58, 68, 77, 88, 97, 107, 116, 126, 136, 145, 155, 165, 174])
        XCTAssertEqual(row(image, 7), [75, 84, 94, 103, 113, 123, 133, 142, 152, 161, 172, 181, 191, 200, 211, 220])
        let source = JPEGFixture.gray(width: 16, height: 8)
        let largest = zip(image.pixels, source).map { abs(Int($0) - Int($1)) }.max() ?? 0
        XCTAssertLessThanOrEqual(largest, 1)  // measured: 1
    }

    func testCMYKIsConvertedAsPillowConvertsToRGB() throws {
        let image = try ImageDecoder.decode(JPEGFixture.cmyk())
        XCTAssertEqual([image.width, image.height, image.channels], [4, 2, 3])
        // Pillow 13: numpy.array(Image.open("cmyk.jpg").convert("RGB")), flattened.
        XCTAssertEqual(image.pixels, [255, 255, 255, 1, 255, 255, 254, 0, 253, 255, 255, 1,
                                      0, 0, 0, 119, 180, 210, 55, 155, 205, 207, 198, 190])
    }

    // MARK: EXIF orientation

    func testOrientationSixRotatesClockwise() throws {
        let upright = try ImageDecoder.decode(JPEGFixture.baseline())
        let rotated = try ImageDecoder.decode(JPEGFixture.withOrientation(JPEGFixture.baseline(), 6))
        XCTAssertEqual([rotated.width, rotated.height], [8, 16])
        // Rotating 90° clockwise puts the bottom-left pixel at the top-left.
        XCTAssertEqual(Array(rotated.pixels.prefix(3)), Array(row(upright, 7).prefix(3)))
        // and the top-left pixel at the top-right.
        XCTAssertEqual(Array(row(rotated, 0).suffix(3)), Array(row(upright, 0).prefix(3)))
    }

    func testEveryOrientationMatchesPillowExifTranspose() throws {
        let upright = try ImageDecoder.decode(JPEGFixture.baseline())
        let (width, height) = (upright.width, upright.height)
        // Pillow 13 ImageOps.exif_transpose on each file gave the same pixels
        // as these moves (checked byte for byte while writing this test).
        let moves: [Int: (Int, Int) -> (Int, Int)] = [
            1: { x, y in (x, y) },
            2: { x, y in (width - 1 - x, y) },
            3: { x, y in (width - 1 - x, height - 1 - y) },
            4: { x, y in (x, height - 1 - y) },
            5: { x, y in (y, x) },
            6: { x, y in (y, height - 1 - x) },
            7: { x, y in (width - 1 - y, height - 1 - x) },
            8: { x, y in (width - 1 - y, x) },
        ]
        for orientation in 1...8 {
            let image = try ImageDecoder.decode(JPEGFixture.withOrientation(JPEGFixture.baseline(), UInt8(orientation)))
            let swaps = orientation >= 5
            XCTAssertEqual([image.width, image.height], swaps ? [height, width] : [width, height])
            guard let move = moves[orientation] else { continue }
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let (sourceX, sourceY) = move(x, y)
                    let at = (y * image.width + x) * 3
                    let from = (sourceY * width + sourceX) * 3
                    XCTAssertEqual(image.pixels[at..<(at + 3)], upright.pixels[from..<(from + 3)], "orientation \(orientation)")
                }
            }
        }
    }

    func testMalformedExifIsIgnored() throws {
        var bytes = JPEGFixture.withOrientation(try JPEGFixture.baseline(), 6)
        bytes[10] = 0x58  // "MM" becomes "XM": not a TIFF header
        XCTAssertEqual(try ImageDecoder.decode(bytes), try ImageDecoder.decode(JPEGFixture.baseline()))
    }

    // MARK: Draft (DCT scaling)

    func testDraftMatchesPillowsDraft() throws {
        var settings = ImageSettings()
        settings.width = 16
        settings.height = 16
        // im = Image.open("large.jpg"); im.draft("RGB", (16, 16)): 64 × 48 decoded at 1/2.
        let color = try ImageDecoder.decode(JPEGFixture.large(), draftFor: settings)
        XCTAssertEqual([color.width, color.height, color.channels], [32, 24, 3])
        XCTAssertEqual(Array(color.pixels.prefix(24)), [41, 199, 89, 47, 199, 90, 52, 198, 91, 58, 198, 93,
                                                        61, 198, 94, 66, 199, 94, 71, 198, 95, 77, 197, 97])
        // im.draft("L", (16, 16)): the luma channel, at 1/2.
        settings.mode = .gray
        let gray = try ImageDecoder.decode(JPEGFixture.large(), draftFor: settings)
        XCTAssertEqual([gray.width, gray.height, gray.channels], [32, 24, 1])
        XCTAssertEqual(Array(gray.pixels.prefix(24)), [139, 141, 142, 144, 145, 147, 148, 150, 152, 154, 155, 157,
                                                       159, 161, 162, 164, 165, 167, 168, 171, 172, 174, 175, 177])
    }

    func testDraftKeepsSmallImagesWhole() throws {
        var settings = ImageSettings()
        settings.width = 16
        settings.height = 16
        XCTAssertEqual(try ImageDecoder.decode(JPEGFixture.baseline(), draftFor: settings),
                       try ImageDecoder.decode(JPEGFixture.baseline()))
        let png = try PNGEncoder.encode(width: 64, height: 64, channels: 1, pixels: [UInt8](repeating: 9, count: 4096))
        XCTAssertEqual(try ImageDecoder.decode(png, draftFor: settings).width, 64)
    }

    // MARK: Encoder

    func testEncoderRefusesBadArguments() {
        XCTAssertThrowsError(try JPEGEncoder.encode(width: 1, height: 1, channels: 4, pixels: [1, 2, 3, 4], quality: 90)) { error in
            XCTAssertEqual("\(error)", "a JPEG image has 1 or 3 channels, not 4")
        }
        XCTAssertThrowsError(try JPEGEncoder.encode(width: 1, height: 1, channels: 1, pixels: [1], quality: 0)) { error in
            XCTAssertEqual("\(error)", "JPEG quality must be between 1 and 100, not 0")
        }
        XCTAssertThrowsError(try JPEGEncoder.encode(width: 2, height: 1, channels: 1, pixels: [1], quality: 90))
    }

    func testConstantImageRoundTripsExactly() throws {
        for channels in [1, 3] {
            let pixels = [UInt8](repeating: 77, count: 24 * 16 * channels)
            let jpeg = try JPEGEncoder.encode(width: 24, height: 16, channels: channels, pixels: pixels, quality: 85)
            let image = try ImageDecoder.decode(jpeg)
            XCTAssertEqual(image.channels, channels)
            XCTAssertLessThanOrEqual(image.pixels.map { abs(Int($0) - 77) }.max() ?? 0, 1)
        }
    }
}
