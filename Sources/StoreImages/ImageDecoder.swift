/// Decodes PNG and JPEG files into 8-bit pixels, telling the two apart by
/// their signature rather than by the file name.
///
///     let image = try ImageDecoder.decode(bytes)   // DecodedImage
///
/// (1) PNG: every colour type and bit depth, interlaced or not, as Pillow's
///     `Image.open` reads it (see `PNGDecoder`).
/// (2) JPEG: baseline, progressive, grayscale and CMYK, with the EXIF
///     orientation applied (see `JPEGDecoder`).
/// (3) Anything else, empty input included, is an `ImageError` that shows the
///     first bytes: "not a PNG or JPEG image (starts with 47 49 46 38)".
/// (4) Images of more than `maximumPixels` pixels are refused before any
///     pixel memory is allocated.
///
/// Thread-safe: every call owns its decoder state.
public enum ImageDecoder {
    /// The most pixels an image may have: Pillow's decompression-bomb limit
    /// (twice `Image.MAX_IMAGE_PIXELS`, 2 × 89,478,485).
    public static let maximumPixels = 178_956_970

    public static func decode(_ bytes: [UInt8]) throws(ImageError) -> DecodedImage {
        if bytes.starts(with: PNGDecoder.signature) {
            return try PNGDecoder.decode(bytes)
        }
        if bytes.starts(with: JPEGDecoder.signature) {
            return try JPEGDecoder.decode(bytes)
        }
        guard !bytes.isEmpty else {
            throw ImageError("not a PNG or JPEG image (the file is empty)")
        }
        let start = bytes.prefix(8).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + hex : hex
        }
        throw ImageError("not a PNG or JPEG image (starts with \(start.joined(separator: " ")))")
    }

    /// Decodes as `decode(_:)`, except that a JPEG much larger than
    /// `settings`' size is decoded at 1/2, 1/4 or 1/8 scale (the largest
    /// that keeps both sides at least the target's), and, for `gray`
    /// settings, a colour JPEG is decoded to its luma channel directly:
    /// Pillow's `Image.open(p)` followed by `im.draft(mode, (width, height))`,
    /// pixel for pixel. Much faster for large JPEGs, but the pixels then
    /// differ from the exact pipeline's (they follow libjpeg's scaled IDCT).
    /// PNG files are decoded as by `decode(_:)`.
    public static func decode(_ bytes: [UInt8], draftFor settings: ImageSettings) throws(ImageError) -> DecodedImage {
        if bytes.starts(with: JPEGDecoder.signature) {
            return try JPEGDecoder.decode(bytes, draft: settings)
        }
        return try decode(bytes)
    }

    /// Refuses sizes of zero or beyond `maximumPixels`.
    static func checkSize(width: Int, height: Int) throws(ImageError) {
        guard width >= 1, height >= 1 else {
            throw ImageError("the image is \(width) × \(height) pixels")
        }
        guard width <= maximumPixels, height <= maximumPixels, width * height <= maximumPixels else {
            throw ImageError("the image is \(width) × \(height) pixels, more than the \(maximumPixels) allowed")
        }
    }
}
