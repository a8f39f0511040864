import StoreImages

/// Deterministic pixels for the JPEG tests: smooth enough that JPEG keeps
/// them close, varied enough that every channel and block differs.
enum JPEGFixture {
    /// A `width × height` RGB pattern: smooth ramps per channel.
    static func rgb(width: Int, height: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels.append(UInt8(40 + x * 160 / max(width - 1, 1)))
                pixels.append(UInt8(200 - y * 150 / max(height - 1, 1)))
                pixels.append(UInt8(90 + (x + y) * 60 / max(width + height - 2, 1)))
            }
        }
        return pixels
    }

    /// A `width × height` gray ramp.
    static func gray(width: Int, height: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels.append(UInt8(30 + (x * 3 + y * 2) * 190 / max(3 * (width - 1) + 2 * (height - 1), 1)))
            }
        }
        return pixels
    }

    static func baseline() throws -> [UInt8] {
        try JPEGEncoder.encode(width: 16, height: 8, channels: 3, pixels: rgb(width: 16, height: 8), quality: 90)
    }

    static func progressive() throws -> [UInt8] {
        try JPEGEncoder.encode(width: 16, height: 8, channels: 3, pixels: rgb(width: 16, height: 8), quality: 90,
                               progressive: true)
    }

    /// A 64 × 48 RGB file, for drafts.
    static func large() throws -> [UInt8] {
        try JPEGEncoder.encode(width: 64, height: 48, channels: 3, pixels: rgb(width: 64, height: 48), quality: 90)
    }

    static func grayscale() throws -> [UInt8] {
        try JPEGEncoder.encode(width: 16, height: 8, channels: 1, pixels: gray(width: 16, height: 8), quality: 95)
    }

    /// `jpeg` with an APP1 Exif segment right after SOI that holds only the
    /// orientation tag (big-endian TIFF, one IFD0 entry).
    static func withOrientation(_ jpeg: [UInt8], _ orientation: UInt8) -> [UInt8] {
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
                             0x00, 0x01,
                             0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00]
        let payload: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(jpeg.prefix(2)) + segment + Array(jpeg.dropFirst(2))
    }
}

import CJPEG

extension JPEGFixture {
    /// A 4 × 2 CMYK JPEG of white, cyan, magenta, yellow, black and three mixes (stored as YCCK with an Adobe marker, as libjpeg
    /// writes CMYK), encoded with TurboJPEG directly since `JPEGEncoder`
    /// writes gray and RGB only.
    static func cmyk() throws -> [UInt8] {
        let inks: [UInt8] = [0, 0, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 0, 255, 0,
                             0, 0, 0, 255, 128, 64, 32, 16, 200, 100, 50, 0, 10, 20, 30, 40]
        let samples = inks.map { 255 - $0 }  // Adobe-inverted, as Photoshop writes CMYK
        let handle = try XCTUnwrapValue(tjInitCompress())
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { tjFree(output) }
        let status = samples.withUnsafeBufferPointer { buffer in
            tjCompress2(handle, buffer.baseAddress, 4, 0, 2, Int32(TJPF_CMYK.rawValue), &output, &size,
                        Int32(TJSAMP_444.rawValue), 100, TJFLAG_ACCURATEDCT)
        }
        guard status == 0, let output else { throw ImageError("TurboJPEG could not write the CMYK fixture") }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    private static func XCTUnwrapValue<T>(_ value: T?) throws -> T {
        guard let value else { throw ImageError("TurboJPEG could not start") }
        return value
    }
}
