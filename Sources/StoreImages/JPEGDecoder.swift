import CJPEG

/// Decodes JPEG files with libjpeg-turbo's TurboJPEG API, which reports
/// errors through return codes (libjpeg's own API reports them with
/// `longjmp`, which Swift frames cannot survive).
///
/// (1) Decoding is libjpeg's default, as in Pillow: accurate integer IDCT
///     (JDCT_ISLOW) and fancy (smooth) chroma upsampling, no DCT scaling
///     unless a draft is asked for (6).
/// (2) Grayscale files give 1 channel; YCbCr and RGB files give 3.
/// (3) CMYK and YCCK files are converted to RGB as Pillow's
///     `convert("RGB")` does: the samples are taken as Adobe-inverted CMYK
///     ("CMYK;I"), then, with C and K the inks, `R = (255 − K) − C × (255 − K) / 255`
///     in Pillow's rounding (`cmyk2rgb` in libImaging/Convert.c).
/// (4) The EXIF orientation tag is applied (see `EXIFOrientation`), as
///     Pillow's `ImageOps.exif_transpose` does. Pillow's `Image.open` alone
///     does not apply it, so for a file with an orientation other than 1 the
///     pixels differ from `Image.open(path)`'s.
/// (5) A truncated file is an error ("Premature end of JPEG file"), as in
///     Pillow ("image file is truncated"); libjpeg's other warnings (such as
///     extraneous bytes before a marker) are ignored, as Pillow ignores them.
/// (6) Optionally (`draft`), large files are decoded at 1/2, 1/4 or 1/8 of
///     their size by libjpeg's scaled IDCT, and gray output is taken from the
///     luma channel directly, as Pillow's `Image.draft(mode, size)` does;
///     see `ImageDecoder.decode(_:draftFor:)`.
enum JPEGDecoder {
    static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    static func decode(_ jpeg: [UInt8], draft: ImageSettings? = nil) throws(ImageError) -> DecodedImage {
        guard let handle = tjInitDecompress() else {
            throw ImageError("could not start the JPEG decoder")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let headerRead = jpeg.withUnsafeBufferPointer { buffer in
            tjDecompressHeader3(handle, buffer.baseAddress, UInt(buffer.count), &width, &height, &subsampling, &colorspace)
        }
        guard headerRead == 0, width > 0, height > 0 else {
            throw ImageError("not a valid JPEG image: \(message(handle))")
        }
        try ImageDecoder.checkSize(width: Int(width), height: Int(height))
        let sampleFormat: TJPF
        let channels: Int
        switch colorspace {
        case Int32(TJCS_GRAY.rawValue):
            (sampleFormat, channels) = (TJPF_GRAY, 1)
        case Int32(TJCS_CMYK.rawValue), Int32(TJCS_YCCK.rawValue):
            (sampleFormat, channels) = (TJPF_CMYK, 4)
        default:
            (sampleFormat, channels) = (TJPF_RGB, 3)
        }
        var (outputWidth, outputHeight) = (Int(width), Int(height))
        var (format, count) = (sampleFormat, channels)
        if let draft {
            let divisor = Self.draftDivisor(width: Int(width), height: Int(height), target: draft)
            outputWidth = (Int(width) + divisor - 1) / divisor
            outputHeight = (Int(height) + divisor - 1) / divisor
            let isColor = colorspace == Int32(TJCS_YCbCr.rawValue) || colorspace == Int32(TJCS_RGB.rawValue)
            if draft.mode == .gray, isColor {
                (format, count) = (TJPF_GRAY, 1)
            }
        }
        var pixels = [UInt8](repeating: 0, count: outputWidth * outputHeight * count)
        let decoded = jpeg.withUnsafeBufferPointer { buffer in
            pixels.withUnsafeMutableBufferPointer { target in
                tjDecompress2(handle, buffer.baseAddress, UInt(buffer.count), target.baseAddress,
                              Int32(outputWidth), 0, Int32(outputHeight), Int32(format.rawValue), TJFLAG_ACCURATEDCT)
            }
        }
        if decoded != 0 {
            let reason = message(handle)
            if tjGetErrorCode(handle) != Int32(TJERR_WARNING.rawValue) || reason.contains("Premature end") {
                throw ImageError("not a valid JPEG image: \(reason)")
            }
        }
        var image = DecodedImage(unchecked: .jpeg, width: outputWidth, height: outputHeight, channels: min(count, 3),
                                 pixels: count == 4 ? rgbFromInvertedCMYK(pixels) : pixels,
                                 file: (Int(width), Int(height), min(channels, 3)))
        if let orientation = EXIFOrientation(jpeg: jpeg) {
            image = orientation.applied(to: image)
        }
        return image
    }

    /// The scale divisor (1, 2, 4 or 8) of Pillow's `JpegImageFile.draft`:
    /// the largest one that keeps both sides at least the target's,
    /// `min(width / targetWidth, height / targetHeight)` rounded down to a
    /// power of two. TurboJPEG picks its scaling factor from the output size,
    /// among eighths (3/8, 5/8, …) as well; where one of those would give the
    /// same size (images only a few pixels wide), the divisor falls back to 1
    /// so the pixels never differ from Pillow's.
    static func draftDivisor(width: Int, height: Int, target: ImageSettings) -> Int {
        let scale = min(width / max(target.width, 1), height / max(target.height, 1))
        guard let divisor = [8, 4, 2].first(where: { scale >= $0 }) else { return 1 }
        let wanted = ((width + divisor - 1) / divisor, (height + divisor - 1) / divisor)
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count) else { return 1 }
        for factor in UnsafeBufferPointer(start: factors, count: Int(count)) {
            let (numerator, denominator) = (Int(factor.num), Int(factor.denom))
            guard numerator * divisor > denominator else { continue }
            let scaledWidth = (width * numerator + denominator - 1) / denominator
            let scaledHeight = (height * numerator + denominator - 1) / denominator
            if scaledWidth <= wanted.0, scaledHeight <= wanted.1 {
                return 1
            }
        }
        return divisor
    }

    /// Pillow's `convert("RGB")` of a CMYK JPEG, whose samples it reads as
    /// Adobe-inverted: 4 bytes a pixel in, 3 out.
    static func rgbFromInvertedCMYK(_ cmyk: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: cmyk.count / 4 * 3)
        cmyk.withUnsafeBufferPointer { source in
            rgb.withUnsafeMutableBufferPointer { target in
                for pixel in 0..<(source.count / 4) {
                    let notBlack = Int(source[pixel * 4 + 3])
                    for channel in 0..<3 {
                        let ink = 255 - Int(source[pixel * 4 + channel])
                        let product = ink * notBlack + 128
                        let scaled = ((product >> 8) + product) >> 8
                        target[pixel * 3 + channel] = UInt8(clamping: notBlack - scaled)
                    }
                }
            }
        }
        return rgb
    }

    private static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else {
            return "libjpeg gave no reason"
        }
        return String(cString: text)
    }
}
