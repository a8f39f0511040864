/// An error meant for the person at the command line: `message` says what is
/// wrong and where, and what to do about it.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
