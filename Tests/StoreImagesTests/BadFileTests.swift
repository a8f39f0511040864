import StoreImages
import XCTest

/// Files that are not images, or damaged ones: every one is an `ImageError`
/// whose reason comes from the decoder, never a crash.
final class BadFileTests: XCTestCase {
    private func reason(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try ImageDecoder.decode(bytes)
            XCTFail("decoded a bad file", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    private func png() throws -> [UInt8] {
        let pixels = (0..<(16 * 16 * 3)).map { UInt8($0 % 251) }
        return try PNGEncoder.encode(width: 16, height: 16, channels: 3, pixels: pixels)
    }

    private func jpeg() throws -> [UInt8] {
        let pixels = (0..<(32 * 32 * 3)).map { UInt8(($0 * 7) % 256) }
        return try JPEGEncoder.encode(width: 32, height: 32, channels: 3, pixels: pixels, quality: 90)
    }

    // MARK: Not an image

    func testEmptyFile() {
        XCTAssertEqual(reason([]), "not a PNG or JPEG image (the file is empty)")
    }

    func testTextFile() {
        XCTAssertEqual(reason(Array("hello, world\n".utf8)), "not a PNG or JPEG image (starts with 68 65 6C 6C 6F 2C 20 77)")
    }

    func testGIFSignature() {
        XCTAssertEqual(reason(Array("GIF89a".utf8)), "not a PNG or JPEG image (starts with 47 49 46 38 39 61)")
    }

    // MARK: Damaged PNG

    func testPNGSignatureOnly() throws {
        XCTAssertEqual(reason(Array(try png().prefix(8))), "not a valid PNG image: read beyond end of data")
    }

    func testTruncatedPNG() throws {
        let bytes = try png()
        XCTAssertEqual(reason(Array(bytes.prefix(bytes.count / 2))), "not a valid PNG image: read beyond end of data")
    }

    /// The offset of the IDAT chunk's name and its data length.
    private func idat(_ bytes: [UInt8]) throws -> (name: Int, length: Int) {
        let name = try XCTUnwrap(bytes.indices.first { bytes[$0..<($0 + 4)].elementsEqual("IDAT".utf8) })
        let length = bytes[(name - 4)..<name].reduce(0) { $0 << 8 | Int($1) }
        return (name, length)
    }

    func testPNGWithBadCRC() throws {
        var bytes = try png()
        let chunk = try idat(bytes)
        bytes[chunk.name + 4 + chunk.length + 3] ^= 0xFF
        XCTAssertEqual(reason(bytes), "not a valid PNG image: IDAT: CRC error")
    }

    func testPNGWithDamagedCompressedData() throws {
        var bytes = try png()
        let chunk = try idat(bytes)
        bytes[chunk.name + 6] ^= 0xFF
        XCTAssertEqual(reason(bytes), "not a valid PNG image: IDAT: invalid code lengths set")
    }

    // MARK: Damaged JPEG

    func testTruncatedJPEG() throws {
        let bytes = try jpeg()
        XCTAssertEqual(reason(Array(bytes.prefix(bytes.count / 2))), "not a valid JPEG image: Premature end of JPEG file")
    }

    func testJPEGHeaderOnly() throws {
        XCTAssertEqual(reason([0xFF, 0xD8, 0xFF, 0xE0, 0x00]), "not a valid JPEG image: Premature end of JPEG file")
    }

    func testJPEGWithGarbageAfterMarker() throws {
        var bytes = Array(try jpeg().prefix(20))
        bytes += [UInt8](repeating: 0x42, count: 200)
        XCTAssertNotNil(reason(bytes))
    }
}
