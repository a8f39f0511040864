import Foundation

/// `--param key=value` settings read into a model's parameters, with a
/// sentence for a key the model does not have or a value of the wrong kind.
public struct ModelSettings: Sendable, Equatable {
    public let values: [String: String]

    /// Parses `key=value` pairs; a pair without `=` or a repeated key is an error.
    public init(_ pairs: [String]) throws(FitError) {
        var values: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw FitError("--param takes key=value, not '\(pair)'.")
            }
            let key = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            guard values[key] == nil else { throw FitError("--param \(key) is given twice.") }
            values[key] = String(pair[pair.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        self.values = values
    }

    public init(values: [String: String]) {
        self.values = values
    }

    /// Throws unless every key is one of `known`.
    public func allow(_ known: [String], for kind: String) throws(FitError) {
        for key in values.keys.sorted() where !known.contains(key) {
            throw FitError("\(kind) has no parameter '\(key)'; its parameters are \(known.joined(separator: ", ")).")
        }
    }

    public func double(_ key: String) throws(FitError) -> Double? {
        guard let text = values[key] else { return nil }
        guard let value = Double(text), value.isFinite else { throw FitError("--param \(key) must be a number, not '\(text)'.") }
        return value
    }

    public func integer(_ key: String) throws(FitError) -> Int? {
        guard let text = values[key] else { return nil }
        guard let value = Int(text) else { throw FitError("--param \(key) must be a whole number, not '\(text)'.") }
        return value
    }

    public func bool(_ key: String) throws(FitError) -> Bool? {
        guard let text = values[key] else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw FitError("--param \(key) must be true or false, not '\(text)'.")
        }
    }

    public func text(_ key: String) -> String? {
        values[key]
    }
}
