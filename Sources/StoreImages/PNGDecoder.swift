import CPNG

/// Decodes PNG files with libpng's simplified API (`png_image_*`), which
/// reports errors through return codes instead of `longjmp`, and returns the
/// samples Pillow's `Image.open` returns.
///
/// (1) Every colour type and bit depth, interlaced (Adam7) or not.
/// (2) Gray at 1, 2 or 4 bits is scaled to 8 bits (× 255, × 85, × 17), as
///     Pillow's "1", "L;2" and "L;4" modes are.
/// (3) A palette is expanded to RGB, or to RGBA when the file has a `tRNS`
///     chunk; a `tRNS` chunk on gray or RGB adds an alpha channel too.
/// (4) 16-bit samples keep their high byte (Pillow's "RGB;16B", "RGBA;16B" and
///     "LA;16B" raw modes), except 16-bit gray without alpha, which Pillow
///     opens as mode "I;16" and whose `convert("L")` clips at 255: a sample
///     becomes `min(sample, 255)`.
/// (5) 16-bit samples with alpha come from libpng premultiplied (its linear
///     16-bit output always is) and are divided back; a colour sample can
///     then differ by 1 from Pillow's high byte where alpha is small, and
///     is 0 where alpha is 0.
/// (6) Colour-space chunks (gAMA, sRGB, iCCP, cHRM) are ignored, as Pillow
///     ignores them (see `PNGChunkScan`).
/// (7) Errors carry libpng's message: "IDAT: CRC error", "Not enough image data".
enum PNGDecoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func decode(_ png: [UInt8]) throws(ImageError) -> DecodedImage {
        let scan = PNGChunkScan(png)
        // libpng keeps the memory pointer from begin_read to finish_read, so
        // both run inside one closure, while the bytes are pinned.
        let result = scan.bytes.withUnsafeBytes { buffer in
            Result { () throws(ImageError) -> DecodedImage in try read(buffer, scan: scan) }
        }
        return try result.get()
    }

    private static func read(_ buffer: UnsafeRawBufferPointer, scan: PNGChunkScan) throws(ImageError) -> DecodedImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count) != 0 else {
            throw ImageError("not a valid PNG image: \(message(of: &image))")
        }
        let width = Int(image.width)
        let height = Int(image.height)
        do {
            try ImageDecoder.checkSize(width: width, height: height)
        } catch {
            png_image_free(&image)
            throw error
        }
        let isColor = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        let hasAlpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 || scan.hasTransparency
        let channels = (isColor ? 3 : 1) + (hasAlpha ? 1 : 0)
        var format = (isColor ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0) | (hasAlpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
        let count = width * height * channels
        if scan.bitDepth == 16 {
            format |= UInt32(PNG_FORMAT_FLAG_LINEAR)
            image.format = format
            var wide = [UInt16](repeating: 0, count: count)
            let finished = wide.withUnsafeMutableBytes { target in
                png_image_finish_read(&image, nil, target.baseAddress, 0, nil)
            }
            guard finished != 0 else {
                throw ImageError("not a valid PNG image: \(message(of: &image))")
            }
            let pixels = reduce16(wide, channels: channels, clipsGray: !isColor && scan.colorType == 0)
            return DecodedImage(unchecked: .png, width: width, height: height, channels: channels, pixels: pixels)
        }
        image.format = format
        var pixels = [UInt8](repeating: 0, count: count)
        let finished = pixels.withUnsafeMutableBytes { target in
            png_image_finish_read(&image, nil, target.baseAddress, 0, nil)
        }
        guard finished != 0 else {
            throw ImageError("not a valid PNG image: \(message(of: &image))")
        }
        return DecodedImage(unchecked: .png, width: width, height: height, channels: channels, pixels: pixels)
    }

    /// 16-bit samples (premultiplied by alpha when there is alpha) reduced to
    /// Pillow's 8-bit values: the high byte, or `min(v, 255)` for plain gray
    /// (`clipsGray`), see (4) and (5).
    static func reduce16(_ wide: [UInt16], channels: Int, clipsGray: Bool) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: wide.count)
        let hasAlpha = channels == 2 || channels == 4
        let colorChannels = hasAlpha ? channels - 1 : channels
        wide.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                var index = 0
                while index < source.count {
                    let alpha = hasAlpha ? UInt32(source[index + colorChannels]) : 65535
                    for channel in 0..<colorChannels {
                        var value = UInt32(source[index + channel])
                        if alpha == 0 {
                            value = 0
                        } else if alpha < 65535 {
                            value = min(65535, (value * 65535 + alpha / 2) / alpha)
                        }
                        target[index + channel] = clipsGray ? UInt8(min(value, 255)) : UInt8(value >> 8)
                    }
                    if hasAlpha {
                        target[index + colorChannels] = UInt8(alpha >> 8)
                    }
                    index += channels
                }
            }
        }
        return pixels
    }

    /// libpng's message from a failed call; the call has already released
    /// the image's memory.
    private static func message(of image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "libpng gave no reason" : text
    }
}
