/// Why an audio file could not be read or turned into features, in a phrase
/// that follows the file's path: "speech/a.wav: <description>".
public struct AudioError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
