/// The classes of a classification target, in the model's order, and the
/// choice between classification and regression.
///
/// (1) Classes are the distinct target values of all rows, numbers before
///     text, numbers ascending, text by Unicode scalars (scikit-learn's
///     `LabelEncoder` sorts the same way within one type). Class index i of
///     a model is `values[i]`.
/// (2) The task is classification when the target holds any text, or only
///     integers with at most `maximumIntegerClasses` distinct values (0/1
///     flags, ratings, digit labels); otherwise regression.
public struct TargetClasses: Codable, Sendable, Equatable {
    public static let maximumIntegerClasses = 20

    public let values: [TrainingData.Value]

    public init(_ targets: [TrainingData.Value]) {
        values = Array(Set(targets.filter { $0 != .missing })).sorted(by: Self.before)
    }

    /// The class index of each target.
    public func indices(_ targets: [TrainingData.Value]) -> [Int] {
        let position = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        return targets.map { position[$0] ?? -1 }
    }

    /// Rule (2).
    public static func isClassification(_ targets: [TrainingData.Value]) -> Bool {
        var distinct = Set<TrainingData.Value>()
        for target in targets {
            switch target {
            case .text: return true
            case .number(let number):
                guard number == number.rounded() else { return false }
                distinct.insert(target)
                if distinct.count > maximumIntegerClasses { return false }
            case .missing: continue
            }
        }
        return true
    }

    static func before(_ left: TrainingData.Value, _ right: TrainingData.Value) -> Bool {
        switch (left, right) {
        case (.number(let a), .number(let b)): a < b
        case (.number, _): true
        case (.text(let a), .text(let b)): a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        default: false
        }
    }
}

extension TrainingData.Value: Codable {
    /// A number as a JSON number, a text as a JSON string, missing as null.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .missing
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        case .missing: try container.encodeNil()
        }
    }
}
