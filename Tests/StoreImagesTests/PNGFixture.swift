import CPNG
import StoreImages

/// PNG files built in the tests with libpng's full writer, so every colour
/// type, bit depth, palette, transparency and interlacing can be covered
/// without checking in binary files. Fixtures are valid by construction, so
/// libpng's error path (longjmp) is never taken.
struct PNGFixture {
    var width: Int
    var height: Int
    /// PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA.
    var colorType: Int32
    var bitDepth: Int
    /// Samples in row-major order, channels interleaved, each in 0..<2^bitDepth
    /// (palette indices for colour type 3).
    var samples: [Int]
    var palette: [(UInt8, UInt8, UInt8)] = []
    /// Palette alpha values (colour type 3) for the tRNS chunk.
    var paletteAlpha: [UInt8] = []
    /// The transparent gray or RGB value (colour types 0 and 2) for the tRNS chunk.
    var transparentColor: [Int]? = nil
    var interlaced = false
    /// A gAMA chunk with this gamma, which decoders should ignore as Pillow does.
    var gamma: Double? = nil

    var channels: Int {
        switch colorType {
        case 0, 3: 1
        case 4: 2
        case 2: 3
        default: 4
        }
    }

    /// The file's bytes.
    func bytes() -> [UInt8] {
        let sink = ByteSink()
        var png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, nil, nil)
        var info = png_create_info_struct(png)
        png_set_write_fn(png, Unmanaged.passUnretained(sink).toOpaque(), { png, data, length in
            guard let data, let context = png_get_io_ptr(png) else { return }
            let sink = Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
        }, nil)
        png_set_IHDR(png, info, UInt32(width), UInt32(height), Int32(bitDepth), colorType,
                     interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
        if let gamma {
            png_set_gAMA(png, info, gamma)
        }
        var colors = palette.map { png_color(red: $0.0, green: $0.1, blue: $0.2) }
        if !colors.isEmpty {
            png_set_PLTE(png, info, &colors, Int32(colors.count))
        }
        var alphas = paletteAlpha
        if !alphas.isEmpty {
            png_set_tRNS(png, info, &alphas, Int32(alphas.count), nil)
        }
        if let transparentColor {
            var color = png_color_16()
            if transparentColor.count == 1 {
                color.gray = UInt16(transparentColor[0])
            } else {
                color.red = UInt16(transparentColor[0])
                color.green = UInt16(transparentColor[1])
                color.blue = UInt16(transparentColor[2])
            }
            png_set_tRNS(png, info, nil, 0, &color)
        }
        png_write_info(png, info)
        let rowLength = (width * channels * bitDepth + 7) / 8
        var image = (0..<height).flatMap { packedRow($0) }
        image.withUnsafeMutableBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            var pointers: [UnsafeMutablePointer<UInt8>?] = (0..<height).map { start + $0 * rowLength }
            png_write_image(png, &pointers)
        }
        png_write_end(png, nil)
        png_destroy_write_struct(&png, &info)
        return sink.bytes
    }

    /// Row `y` packed as PNG stores it: sub-byte samples most significant
    /// first, 16-bit samples big-endian.
    private func packedRow(_ y: Int) -> [UInt8] {
        let values = samples[(y * width * channels)..<((y + 1) * width * channels)]
        switch bitDepth {
        case 16:
            return values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 8:
            return values.map { UInt8($0) }
        default:
            var packed = [UInt8](repeating: 0, count: (values.count * bitDepth + 7) / 8)
            for (index, value) in values.enumerated() {
                let bit = index * bitDepth
                packed[bit / 8] |= UInt8(value << (8 - bitDepth - bit % 8))
            }
            return packed
        }
    }
}

/// Collects what libpng writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}
