/// The file format an image was decoded from.
public enum ImageFormat: String, Sendable {
    case png, jpeg
}
