/// Why an image file could not be read, resized or written, in a phrase that
/// follows the file's path: "cats/1.png: <description>".
public struct ImageError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
