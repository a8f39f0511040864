import CPNG

/// Encodes 8-bit pixels as a PNG file with libpng's simplified writer.
///
///     let png = try PNGEncoder.encode(width: 2, height: 1, channels: 1, pixels: [0, 255])
///
/// `channels` picks the colour type: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA;
/// `pixels` is `height × width × channels` bytes, interleaved, row-major.
/// The file is 8-bit, not interlaced, and carries libpng's sRGB chunk.
/// Sizes that do not match, or an empty image, are an `ImageError`.
public enum PNGEncoder {
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(ImageError) -> [UInt8] {
        let image = try DecodedImage(format: .png, width: width, height: height, channels: channels, pixels: pixels)
        guard width <= Int(UInt32.max), height <= Int(UInt32.max) else {
            throw ImageError("a PNG image is at most \(UInt32.max) pixels on a side")
        }
        var header = png_image()
        header.version = UInt32(PNG_IMAGE_VERSION)
        header.width = UInt32(width)
        header.height = UInt32(height)
        header.format = formats[channels - 1]
        var size = 0
        let sized = image.pixels.withUnsafeBytes { buffer in
            png_image_write_to_memory(&header, nil, &size, 0, buffer.baseAddress, 0, nil)
        }
        guard sized != 0 else {
            throw ImageError("could not encode the PNG image: \(message(of: &header))")
        }
        var output = [UInt8](repeating: 0, count: size)
        let written = image.pixels.withUnsafeBytes { buffer in
            output.withUnsafeMutableBytes { target in
                png_image_write_to_memory(&header, target.baseAddress, &size, 0, buffer.baseAddress, 0, nil)
            }
        }
        guard written != 0 else {
            throw ImageError("could not encode the PNG image: \(message(of: &header))")
        }
        return Array(output.prefix(size))
    }

    /// libpng's formats for 1, 2, 3 and 4 channels.
    private static let formats: [UInt32] = [0, UInt32(PNG_FORMAT_FLAG_ALPHA), UInt32(PNG_FORMAT_FLAG_COLOR), UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)]

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
