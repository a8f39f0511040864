/// The EXIF orientation of a JPEG (TIFF tag 0x0112 in IFD0 of the APP1
/// "Exif" segment) and the transform that displays the image upright, as
/// Pillow's `ImageOps.exif_transpose` applies it.
///
/// (1) 1 is upright; 2 mirrors left–right; 3 rotates 180°; 4 mirrors
///     top–bottom; 5 transposes; 6 rotates 90° clockwise (Pillow's
///     ROTATE_270); 7 transverses; 8 rotates 90° counter-clockwise.
/// (2) A missing or malformed segment, or a value outside 2…8, means no
///     transform (`init` returns nil).
struct EXIFOrientation {
    /// The tag's value, 2…8.
    let value: Int

    init?(value: Int) {
        guard (2...8).contains(value) else { return nil }
        self.value = value
    }

    /// The orientation stored in `jpeg`'s markers before the first scan.
    init?(jpeg: [UInt8]) {
        var offset = 2
        while offset + 4 <= jpeg.count, jpeg[offset] == 0xFF {
            let marker = jpeg[offset + 1]
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3])
            let end = offset + 2 + length
            guard length >= 2, end <= jpeg.count else { return nil }
            let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
            if marker == 0xE1, jpeg[(offset + 4)..<end].starts(with: exifHeader) {
                guard let found = Self.orientation(tiff: jpeg[(offset + 10)..<end]) else { return nil }
                self.init(value: found)
                return
            }
            offset = end
        }
        return nil
    }

    /// The orientation tag of IFD0 in a TIFF structure.
    private static func orientation(tiff: ArraySlice<UInt8>) -> Int? {
        let base = tiff.startIndex
        guard tiff.count >= 8 else { return nil }
        let bigEndian: Bool
        switch (tiff[base], tiff[base + 1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func read(_ at: Int, _ size: Int) -> Int? {
            guard at >= 0, at + size <= tiff.count else { return nil }
            var value = 0
            for index in 0..<size {
                let byte = Int(tiff[base + at + (bigEndian ? index : size - 1 - index)])
                value = value << 8 | byte
            }
            return value
        }
        guard let ifd = read(4, 4), let entries = read(ifd, 2) else { return nil }
        for entry in 0..<entries {
            let at = ifd + 2 + entry * 12
            guard let tag = read(at, 2) else { return nil }
            if tag == 0x0112 {
                guard let type = read(at + 2, 2), type == 3 else { return nil }
                return read(at + 8, 2)
            }
        }
        return nil
    }

    /// `image` turned upright: the same samples, moved; 5–8 swap width and height.
    func applied(to image: DecodedImage) -> DecodedImage {
        let (width, height, channels) = (image.width, image.height, image.channels)
        let swaps = value >= 5
        let outWidth = swaps ? height : width
        let outHeight = swaps ? width : height
        var pixels = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                var index = 0
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let (sourceX, sourceY): (Int, Int)
                        switch value {
                        case 2: (sourceX, sourceY) = (width - 1 - x, y)
                        case 3: (sourceX, sourceY) = (width - 1 - x, height - 1 - y)
                        case 4: (sourceX, sourceY) = (x, height - 1 - y)
                        case 5: (sourceX, sourceY) = (y, x)
                        case 6: (sourceX, sourceY) = (y, height - 1 - x)
                        case 7: (sourceX, sourceY) = (width - 1 - y, height - 1 - x)
                        default: (sourceX, sourceY) = (width - 1 - y, x)
                        }
                        let from = (sourceY * width + sourceX) * channels
                        for channel in 0..<channels {
                            target[index + channel] = source[from + channel]
                        }
                        index += channels
                    }
                }
            }
        }
        let file = swaps ? (image.fileHeight, image.fileWidth, image.fileChannels) : (image.fileWidth, image.fileHeight, image.fileChannels)
        return DecodedImage(unchecked: image.format, width: outWidth, height: outHeight, channels: channels, pixels: pixels, file: file)
    }
}
