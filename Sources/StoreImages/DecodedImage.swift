/// A decoded image: 8-bit samples, interleaved, row-major, `height × width ×
/// channels` of them.
///
/// `channels` is the file's own colour type after palette expansion: 1 gray,
/// 2 gray + alpha, 3 RGB, 4 RGBA (a palette gives 3, or 4 when it has
/// transparency; a `tRNS` chunk on a gray or RGB PNG adds the alpha channel).
/// 16-bit PNG samples are reduced to 8 bits as Pillow 13 reduces them (see
/// `PNGDecoder`); JPEG pixels are libjpeg-turbo's, turned upright per EXIF.
public struct DecodedImage: Sendable, Equatable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    public let channels: Int
    public let pixels: [UInt8]
    /// The file's own width, height and channels: the decoded ones, except
    /// after a draft decode (`ImageDecoder.decode(_:draftFor:)`), which
    /// returns fewer pixels, or a single luma channel, than the file holds.
    public let fileWidth: Int
    public let fileHeight: Int
    public let fileChannels: Int

    /// An image from its samples; fails unless `channels` is 1…4, both sides
    /// are at least 1 and `pixels` holds exactly `height × width × channels`
    /// bytes.
    public init(format: ImageFormat, width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(ImageError) {
        guard (1...4).contains(channels) else {
            throw ImageError("an image has 1 to 4 channels, not \(channels)")
        }
        guard width >= 1, height >= 1 else {
            throw ImageError("an image is at least 1 × 1 pixel, not \(width) × \(height)")
        }
        let (area, areaOverflow) = width.multipliedReportingOverflow(by: height)
        let (count, countOverflow) = area.multipliedReportingOverflow(by: channels)
        guard !areaOverflow, !countOverflow, count == pixels.count else {
            throw ImageError("a \(width) × \(height) image with \(channels) channels does not hold \(pixels.count) bytes")
        }
        self.init(unchecked: format, width: width, height: height, channels: channels, pixels: pixels)
    }

    /// An image whose sizes the decoder has already checked.
    init(unchecked format: ImageFormat, width: Int, height: Int, channels: Int, pixels: [UInt8],
         file: (width: Int, height: Int, channels: Int)? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
        self.fileWidth = file?.width ?? width
        self.fileHeight = file?.height ?? height
        self.fileChannels = file?.channels ?? channels
    }

    /// Whether the last channel is alpha (2 or 4 channels).
    var hasAlpha: Bool { channels == 2 || channels == 4 }
}
