/// The per-pixel steps before a resize: alpha composited on white, and RGB
/// reduced to gray as Pillow's `convert("L")`.
enum PixelConversion {
    /// `pixels` with its alpha channel (the last of 2 or 4) composited on
    /// white: `(v × a + 255 × (255 − a) + 127) / 255` per colour sample,
    /// which equals Pillow's `Image.alpha_composite(white, image)` for every
    /// value and alpha (checked over all 65,536 pairs with Pillow 13).
    /// The result has 1 or 3 channels.
    ///
    /// Pillow's `convert("RGB")` drops alpha instead, showing whatever colour
    /// the transparent pixels happen to hold; compositing on white is chosen
    /// so that transparent regions look the same in every file.
    static func flattenedOnWhite(_ pixels: [UInt8], channels: Int) -> [UInt8] {
        let colorChannels = channels - 1
        let count = pixels.count / channels
        var output = [UInt8](repeating: 0, count: count * colorChannels)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for pixel in 0..<count {
                    let alpha = Int(source[pixel * channels + colorChannels])
                    let background = 255 * (255 - alpha) + 127
                    for channel in 0..<colorChannels {
                        let value = Int(source[pixel * channels + channel])
                        target[pixel * colorChannels + channel] = UInt8((value * alpha + background) / 255)
                    }
                }
            }
        }
        return output
    }

    /// RGB (3 bytes a pixel) to luminance, Pillow's `convert("L")`:
    /// `L = (R × 19595 + G × 38470 + B × 7471 + 0x8000) >> 16`
    /// (ITU-R 601-2 weights 0.299, 0.587, 0.114 in 16-bit fixed point).
    static func luminance(_ rgb: [UInt8]) -> [UInt8] {
        let count = rgb.count / 3
        var output = [UInt8](repeating: 0, count: count)
        rgb.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for pixel in 0..<count {
                    let red = UInt32(source[pixel * 3])
                    let green = UInt32(source[pixel * 3 + 1])
                    let blue = UInt32(source[pixel * 3 + 2])
                    target[pixel] = UInt8((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16)
                }
            }
        }
        return output
    }

    /// Gray (1 byte a pixel) repeated into R, G and B.
    static func replicated(_ gray: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: gray.count * 3)
        gray.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for pixel in 0..<source.count {
                    let value = source[pixel]
                    target[pixel * 3] = value
                    target[pixel * 3 + 1] = value
                    target[pixel * 3 + 2] = value
                }
            }
        }
        return output
    }
}
