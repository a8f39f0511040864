import StoreImages
import XCTest

/// Resizing, fitting, alpha and colour conversion. Reference values are
/// Pillow 13.0.0 on the same pixels, with the call named at each one
/// (`L(a)` is `Image.fromarray(numpy.array(a, dtype=numpy.uint8))`).
final class ImagePreparationTests: XCTestCase {
    private func gray(_ width: Int, _ height: Int, _ value: (Int, Int) -> Int) throws -> DecodedImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels.append(UInt8(value(x, y)))
            }
        }
        return try DecodedImage(format: .png, width: width, height: height, channels: 1, pixels: pixels)
    }

    private func settings(_ width: Int, _ height: Int, _ mode: ColorMode = .gray, _ filter: ResizeFilter = .area,
                          _ fit: FitMode = .stretch) -> ImageSettings {
        var settings = ImageSettings()
        settings.width = width
        settings.height = height
        settings.mode = mode
        settings.resize = filter
        settings.fit = fit
        return settings
    }

    // MARK: Resize, known patterns

    func testConstantImageStaysConstant() throws {
        let image = try gray(9, 7) { _, _ in 37 }
        for filter in ResizeFilter.allCases {
            for (width, height) in [(4, 3), (20, 11), (9, 2), (1, 1)] {
                let output = ImagePreparation.prepare(image, settings: settings(width, height, .gray, filter))
                XCTAssertEqual(output, [UInt8](repeating: 37, count: width * height), "\(filter) \(width)×\(height)")
            }
        }
    }

    func testCheckerboardHalvedByAreaIsGray() throws {
        let board = try gray(8, 8) { x, y in 255 * ((x + y) % 2) }
        // L(checkerboard).resize((4, 4), Image.BOX): all 128.
        XCTAssertEqual(ImagePreparation.prepare(board, settings: settings(4, 4)), [UInt8](repeating: 128, count: 16))
        // .resize((4, 4), Image.BILINEAR): the corners see fewer taps.
        XCTAssertEqual(ImagePreparation.prepare(board, settings: settings(4, 4, .gray, .bilinear)),
                       [125, 128, 128, 130, 128, 128, 128, 128, 128, 128, 128, 128, 130, 128, 128, 125])
    }

    func testGradientShrunkMatchesPillow() throws {
        let ramp = try gray(10, 6) { x, y in x * 25 + y * 3 }
        // L(ramp).resize((4, 3), Image.BOX) and Image.BILINEAR.
        XCTAssertEqual(ImagePreparation.prepare(ramp, settings: settings(4, 3)),
                       [27, 90, 152, 215, 33, 96, 158, 221, 39, 102, 164, 227])
        XCTAssertEqual(ImagePreparation.prepare(ramp, settings: settings(4, 3, .gray, .bilinear)),
                       [27, 83, 146, 202, 33, 89, 152, 208, 38, 94, 157, 213])
    }

    func testGradientEnlargedMatchesPillow() throws {
        let ramp = try gray(10, 6) { x, y in x * 25 + y * 3 }
        // L(ramp).resize((13, 7), Image.BOX), first two rows.
        XCTAssertEqual(Array(ImagePreparation.prepare(ramp, settings: settings(13, 7)).prefix(26)),
                       [0, 25, 25, 50, 75, 100, 125, 125, 150, 175, 200, 200, 225,
                        3, 28, 28, 53, 78, 103, 128, 128, 153, 178, 203, 203, 228])
        // L(ramp).resize((13, 7), Image.BILINEAR), first and last rows.
        let bilinear = ImagePreparation.prepare(ramp, settings: settings(13, 7, .gray, .bilinear))
        XCTAssertEqual(Array(bilinear.prefix(13)), [0, 16, 36, 55, 74, 93, 113, 132, 151, 170, 189, 209, 225])
        XCTAssertEqual(Array(bilinear.suffix(13)), [15, 31, 51, 70, 89, 108, 128, 147, 166, 185, 204, 224, 240])
    }

    func testTallImageUsesPillowsVerticalFirstOrder() throws {
        // 6 × 20 to 5 × 4: the height loses 16 pixels, more than twice the
        // width's 1, so Pillow 13 resamples vertically first.
        let tall = try gray(6, 20) { x, y in (x * 37 + y * 91) % 256 }
        // L(tall).resize((5, 4), Image.BOX) and Image.BILINEAR.
        XCTAssertEqual(ImagePreparation.prepare(tall, settings: settings(5, 4)),
                       [80, 117, 121, 125, 111, 125, 162, 116, 119, 156, 170, 105, 135, 114, 151, 113, 150, 129, 159, 94])
        XCTAssertEqual(ImagePreparation.prepare(tall, settings: settings(5, 4, .gray, .bilinear)),
                       [103, 116, 107, 126, 119, 131, 139, 136, 119, 128, 143, 125, 135, 132, 147, 124, 136, 127, 140, 118])
    }

    func testSameSizeIsACopy() throws {
        let image = try gray(5, 3) { x, y in x * 40 + y }
        for filter in ResizeFilter.allCases {
            XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(5, 3, .gray, filter)), image.pixels)
        }
    }

    // MARK: Fit

    func testCropMatchesImageOpsFit() throws {
        let wide = try gray(8, 4) { x, y in x * 30 + y * 5 }
        // ImageOps.fit(L(wide), (4, 4), Image.BOX): the centre 4 × 4.
        XCTAssertEqual(ImagePreparation.prepare(wide, settings: settings(4, 4, .gray, .area, .crop)),
                       [60, 90, 120, 150, 65, 95, 125, 155, 70, 100, 130, 160, 75, 105, 135, 165])
        // ImageOps.fit(L(wide), (3, 5), method): a fractional crop box (2.8, 0, 5.2, 4).
        XCTAssertEqual(ImagePreparation.prepare(wide, settings: settings(3, 5, .gray, .area, .crop)),
                       [90, 90, 120, 95, 95, 125, 100, 100, 130, 100, 100, 130, 105, 105, 135])
        XCTAssertEqual(ImagePreparation.prepare(wide, settings: settings(3, 5, .gray, .bilinear, .crop)),
                       [81, 105, 129, 85, 109, 133, 89, 113, 137, 92, 116, 140, 96, 120, 144])
    }

    func testPadMatchesImageOpsPadOnWhite() throws {
        let wide = try gray(8, 4) { x, y in x * 30 + y * 5 }
        // ImageOps.pad(L(wide), (4, 4), Image.BOX, color="white"): 4 × 2 in rows 1–2.
        XCTAssertEqual(ImagePreparation.prepare(wide, settings: settings(4, 4, .gray, .area, .pad)),
                       [255, 255, 255, 255, 18, 78, 138, 198, 28, 88, 148, 208, 255, 255, 255, 255])
        // ImageOps.pad(L(wide), (5, 5), Image.BILINEAR, color="white"): 2.5 rounds
        // to 2 rows (half to even) and the offset 1.5 to 2.
        XCTAssertEqual(ImagePreparation.prepare(wide, settings: settings(5, 5, .gray, .bilinear, .pad)),
                       [255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
                        16, 62, 109, 156, 202, 23, 69, 116, 163, 209, 255, 255, 255, 255, 255])
    }

    func testPadInRGBIsWhiteInEveryChannel() throws {
        let wide = try gray(8, 4) { x, y in x * 30 + y * 5 }
        let output = ImagePreparation.prepare(wide, settings: settings(4, 4, .rgb, .area, .pad))
        XCTAssertEqual(output.count, 48)
        XCTAssertEqual(Array(output.prefix(12)), [UInt8](repeating: 255, count: 12))
        XCTAssertEqual(Array(output[12..<18]), [18, 18, 18, 78, 78, 78])
    }

    // MARK: Alpha and colour

    func testAlphaIsCompositedOnWhite() throws {
        let image = try DecodedImage(format: .png, width: 4, height: 1, channels: 4,
                                     pixels: [0, 0, 0, 128, 255, 0, 0, 255, 10, 20, 30, 0, 200, 100, 50, 64])
        // Image.alpha_composite(Image.new("RGBA", (4, 1), "white"), image).convert("RGB") and .convert("L").
        XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(4, 1, .rgb)),
                       [127, 127, 127, 255, 0, 0, 255, 255, 255, 241, 216, 204])
        XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(4, 1, .gray)), [127, 76, 255, 222])
    }

    func testGrayAlphaIsCompositedOnWhite() throws {
        let image = try DecodedImage(format: .png, width: 2, height: 1, channels: 2, pixels: [0, 128, 100, 255])
        XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(2, 1, .gray)), [127, 100])
        XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(2, 1, .rgb)), [127, 127, 127, 100, 100, 100])
    }

    func testGrayConversionUsesPillowsWeights() throws {
        let image = try DecodedImage(format: .png, width: 4, height: 1, channels: 3,
                                     pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 200, 30])
        // L(pixels).convert("L"): (R × 19595 + G × 38470 + B × 7471 + 0x8000) >> 16.
        XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(4, 1, .gray)), [76, 150, 29, 124])
        XCTAssertEqual(ImagePreparation.prepare(image, settings: settings(4, 1, .rgb)), image.pixels)
    }

    // MARK: Settings

    func testSettingsDefaultsAndValidation() throws {
        let defaults = ImageSettings()
        XCTAssertEqual([defaults.width, defaults.height], [64, 64])
        XCTAssertEqual(defaults.mode, .rgb)
        XCTAssertEqual(defaults.resize, .area)
        XCTAssertEqual(defaults.fit, .stretch)
        XCTAssertEqual(try defaults.validated(), defaults)
        XCTAssertThrowsError(try settings(0, 5).validated()) { error in
            XCTAssertEqual("\(error)", "image width must be between 1 and 4096 pixels, not 0")
        }
        XCTAssertThrowsError(try settings(5, 4097).validated()) { error in
            XCTAssertEqual("\(error)", "image height must be between 1 and 4096 pixels, not 4097")
        }
    }

    func testDecodedImageRefusesInconsistentSizes() {
        XCTAssertThrowsError(try DecodedImage(format: .png, width: 2, height: 2, channels: 1, pixels: [1, 2, 3]))
        XCTAssertThrowsError(try DecodedImage(format: .png, width: 1, height: 1, channels: 0, pixels: []))
        XCTAssertThrowsError(try DecodedImage(format: .png, width: Int.max, height: 2, channels: 1, pixels: []))
    }
}
