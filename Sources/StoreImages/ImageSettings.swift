/// What an image is turned into before it is stored: its size in pixels, its
/// colour mode, the resize filter and how a different aspect ratio is fitted.
///
///     var settings = ImageSettings()   // 64 × 64, rgb, area, stretch
///     settings.mode = .gray
///     try settings.validated()         // the same settings, or an ImageError
public struct ImageSettings: Sendable, Equatable, Codable {
    /// Output width in pixels, 1…4096.
    public var width = 64
    /// Output height in pixels, 1…4096.
    public var height = 64
    public var mode: ColorMode = .rgb
    public var resize: ResizeFilter = .area
    public var fit: FitMode = .stretch

    /// The largest width or height accepted.
    public static let maximumSide = 4096

    public init() {}

    /// These settings, after checking that width and height are in 1…4096;
    /// otherwise an error that names the bad value.
    public func validated() throws(ImageError) -> ImageSettings {
        for (name, value) in [("width", width), ("height", height)] where !(1...Self.maximumSide).contains(value) {
            throw ImageError("image \(name) must be between 1 and \(Self.maximumSide) pixels, not \(value)")
        }
        return self
    }
}
