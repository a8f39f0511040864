import CJPEG

/// Encodes 8-bit gray or RGB pixels as a JFIF JPEG file with libjpeg-turbo's
/// TurboJPEG API, with the settings of Pillow's `save(format="JPEG",
/// quality=q)`: accurate integer DCT, 4:2:0 chroma subsampling for RGB,
/// standard Huffman tables.
///
///     let jpeg = try JPEGEncoder.encode(width: 8, height: 8, channels: 1,
///                                       pixels: [UInt8](repeating: 128, count: 64), quality: 90)
///
/// `channels` is 1 (gray) or 3 (RGB); `quality` is 1…100; `progressive`
/// writes a progressive file instead of a baseline one. Anything else, or
/// pixels that do not match the size, is an `ImageError`.
public enum JPEGEncoder {
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8], quality: Int,
                              progressive: Bool = false) throws(ImageError) -> [UInt8] {
        guard channels == 1 || channels == 3 else {
            throw ImageError("a JPEG image has 1 or 3 channels, not \(channels)")
        }
        guard (1...100).contains(quality) else {
            throw ImageError("JPEG quality must be between 1 and 100, not \(quality)")
        }
        let image = try DecodedImage(format: .jpeg, width: width, height: height, channels: channels, pixels: pixels)
        guard width <= 65_535, height <= 65_535 else {
            throw ImageError("a JPEG image is at most 65535 pixels on a side, not \(width) × \(height)")
        }
        guard let handle = tjInitCompress() else {
            throw ImageError("could not start the JPEG encoder")
        }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { tjFree(output) }
        let format = channels == 1 ? TJPF_GRAY : TJPF_RGB
        let subsampling = channels == 1 ? TJSAMP_GRAY : TJSAMP_420
        let flags = TJFLAG_ACCURATEDCT | (progressive ? TJFLAG_PROGRESSIVE : 0)
        let status = image.pixels.withUnsafeBufferPointer { buffer in
            tjCompress2(handle, buffer.baseAddress, Int32(width), 0, Int32(height), Int32(format.rawValue),
                        &output, &size, Int32(subsampling.rawValue), Int32(quality), flags)
        }
        guard status == 0, let output else {
            let reason = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "libjpeg gave no reason"
            throw ImageError("could not encode the JPEG image: \(reason)")
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
