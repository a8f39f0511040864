/// The channels of a prepared image: `rgb` stores three bytes a pixel (red,
/// green, blue), `gray` one (Pillow's `convert('L')` luminance).
public enum ColorMode: String, CaseIterable, Sendable, Codable {
    case rgb, gray

    /// Bytes a pixel in this mode: 3 for `rgb`, 1 for `gray`.
    public var channels: Int {
        switch self {
        case .rgb: 3
        case .gray: 1
        }
    }
}
