/// Turns a decoded image into the bytes of the stored tensor.
///
///     let bytes = ImagePreparation.prepare(image, settings: settings)
///     // settings.height × settings.width × settings.mode.channels bytes
///
/// The steps follow the usual Keras/Pillow pipeline
/// `Image.open(p).convert("RGB" or "L").resize((w, h), Image.BOX or Image.BILINEAR)`:
///
/// (1) Alpha is composited on white first (`PixelConversion.flattenedOnWhite`).
///     Pillow's `convert("RGB")` drops alpha instead; for images without
///     alpha the two agree.
/// (2) The colour mode is converted: RGB to gray with Pillow's
///     `convert("L")` weights; gray to RGB by repeating the value (done after
///     the resize, which gives the same bytes with a third of the work, as
///     the resize treats every channel alike).
/// (3) The image is fitted (`FitGeometry`) and resized (`Resampler`) with
///     Pillow's arithmetic; `pad` fills the rest of the canvas with white.
///
/// The result is `height × width × channels` bytes, row-major, channels
/// interleaved; it equals Pillow's for every image without alpha (stretch:
/// `resize`; crop: `ImageOps.fit`; pad: `ImageOps.pad` with `color="white"`).
/// Sizes below 1 count as 1; call `ImageSettings.validated()` first to refuse
/// them (and sizes beyond 4096) with a message. Thread-safe: no shared state.
public enum ImagePreparation {
    public static func prepare(_ image: DecodedImage, settings: ImageSettings) -> [UInt8] {
        var pixels = image.pixels
        var channels = image.channels
        if image.hasAlpha {
            pixels = PixelConversion.flattenedOnWhite(pixels, channels: channels)
            channels -= 1
        }
        if settings.mode == .gray, channels == 3 {
            pixels = PixelConversion.luminance(pixels)
            channels = 1
        }
        let target = (width: max(settings.width, 1), height: max(settings.height, 1))
        let geometry = FitGeometry(width: image.width, height: image.height, target: target, fit: settings.fit)
        pixels = Resampler.resize(pixels, width: image.width, height: image.height, channels: channels,
                                  to: geometry.resized, filter: settings.resize, box: geometry.box)
        if geometry.resized != target {
            pixels = placed(pixels, size: geometry.resized, channels: channels, on: target, at: geometry.offset)
        }
        if settings.mode == .rgb, channels == 1 {
            pixels = PixelConversion.replicated(pixels)
        }
        return pixels
    }

    /// `pixels` (`size`) pasted at `offset` on a white canvas of `canvas` size.
    static func placed(_ pixels: [UInt8], size: (width: Int, height: Int), channels: Int,
                       on canvas: (width: Int, height: Int), at offset: (x: Int, y: Int)) -> [UInt8] {
        var output = [UInt8](repeating: 255, count: canvas.width * canvas.height * channels)
        let rowLength = size.width * channels
        for row in 0..<size.height {
            let target = ((row + offset.y) * canvas.width + offset.x) * channels
            output.replaceSubrange(target..<(target + rowLength), with: pixels[(row * rowLength)..<((row + 1) * rowLength)])
        }
        return output
    }
}
