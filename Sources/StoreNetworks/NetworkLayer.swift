import Foundation

/// One layer of a sequential network, as `--layers` writes it.
///
///     try NetworkLayer.list("conv2d(32,3) relu maxpool(2) flatten dense(64) relu dropout(0.5) dense")
///     // [.conv2d(filters: 32, kernel: 3, same: false), .relu, .maxPool(2), .flatten,
///     //  .dense(units: 64), .relu, .dropout(0.5), .dense(units: nil)]
///
/// (1) Layers are separated by white space; arguments go in parentheses,
///     separated by commas (spaces inside the parentheses are allowed).
/// (2) `dense` without units is the output layer: it gets one unit per class
///     (or one for regression) and must be the last layer. The loss applies
///     the softmax, so there is no softmax layer.
/// (3) `maxpool(n)` and `avgpool(n)` pool n × n on images and n steps on
///     sequences, with stride n, dropping a remainder (Keras's "valid").
/// (4) `conv1d(filters, kernel)` and `conv2d(filters, kernel)` are "valid"
///     convolutions of stride 1, as Keras's default; a third argument `same`
///     pads to keep the length.
/// (5) `lstm(units)` and `gru(units)` give their last step;
///     `lstm(units, sequences)` gives every step, for another recurrent layer.
/// (6) The text of a list (`description`) parses back to the same list.
public enum NetworkLayer: Equatable, Sendable {
    case dense(units: Int?)
    case conv1d(filters: Int, kernel: Int, same: Bool)
    case conv2d(filters: Int, kernel: Int, same: Bool)
    case maxPool(Int)
    case averagePool(Int)
    case globalAveragePool
    case batchNorm
    case dropout(Double)
    case flatten
    case lstm(units: Int, sequences: Bool)
    case gru(units: Int, sequences: Bool)
    case relu
    case tanh
    case sigmoid

    /// The layer names `--layers` knows, for messages.
    public static let names = ["conv1d", "conv2d", "maxpool", "avgpool", "global_avg_pool", "batchnorm", "dropout",
                               "dense", "flatten", "lstm", "gru", "relu", "tanh", "sigmoid"]

    /// The layers of a `--layers` text (rules 1–5); throws a sentence naming
    /// the layer and its position when one cannot be read.
    public static func list(_ text: String) throws(StoreNetworkError) -> [NetworkLayer] {
        var layers: [NetworkLayer] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard !rest.isEmpty else { break }
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            guard !name.isEmpty else {
                throw StoreNetworkError("--layers: unexpected '\(rest.prefix(1))' after layer \(layers.count); write layers as name or name(arguments), separated by spaces.")
            }
            rest = rest.dropFirst(name.count)
            var arguments: [String] = []
            if rest.first == "(" {
                guard let close = rest.firstIndex(of: ")") else {
                    throw StoreNetworkError("--layers: layer \(layers.count + 1) (\(name)) opens a parenthesis it does not close.")
                }
                arguments = rest[rest.index(after: rest.startIndex)..<close]
                    .split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                rest = rest[rest.index(after: close)...]
            }
            layers.append(try layer(String(name), arguments: arguments, position: layers.count + 1))
        }
        guard !layers.isEmpty else {
            throw StoreNetworkError("--layers is empty; give layers such as \"dense(128) relu dropout(0.2) dense\".")
        }
        for (index, layer) in layers.enumerated() where layer == .dense(units: nil) && index != layers.count - 1 {
            throw StoreNetworkError("--layers: layer \(index + 1) is `dense` without units, which is the output layer; give it units, e.g. dense(128), or move it to the end.")
        }
        guard layers.last == .dense(units: nil) else {
            throw StoreNetworkError("--layers must end with `dense` (no units): the output layer, which gets one unit per class, or one for regression.")
        }
        return layers
    }

    private static func layer(_ name: String, arguments: [String], position: Int) throws(StoreNetworkError) -> NetworkLayer {
        func fail(_ usage: String) -> StoreNetworkError {
            let given = arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ",")))"
            return StoreNetworkError("--layers: layer \(position) \(given): \(usage).")
        }
        func count(_ index: Int, _ what: String, usage: String) throws(StoreNetworkError) -> Int {
            guard arguments.indices.contains(index), let value = Int(arguments[index]), value > 0 else {
                throw fail("\(what) must be a whole number above 0; write \(usage)")
            }
            return value
        }
        func arity(_ allowed: ClosedRange<Int>, usage: String) throws(StoreNetworkError) {
            guard allowed.contains(arguments.count) else { throw fail("write \(usage)") }
        }
        func flag(_ index: Int, _ word: String, usage: String) throws(StoreNetworkError) -> Bool {
            guard arguments.indices.contains(index) else { return false }
            guard arguments[index] == word else { throw fail("the optional last argument is `\(word)`; write \(usage)") }
            return true
        }
        switch name {
        case "dense":
            try arity(0...1, usage: "dense(units), or dense alone for the output layer")
            return .dense(units: arguments.isEmpty ? nil : try count(0, "units", usage: "dense(128)"))
        case "conv1d", "conv2d":
            let usage = "\(name)(filters, kernel) or \(name)(filters, kernel, same), e.g. \(name)(32,3)"
            try arity(2...3, usage: usage)
            let filters = try count(0, "filters", usage: usage)
            let kernel = try count(1, "the kernel size", usage: usage)
            let same = try flag(2, "same", usage: usage)
            return name == "conv1d" ? .conv1d(filters: filters, kernel: kernel, same: same) : .conv2d(filters: filters, kernel: kernel, same: same)
        case "maxpool", "avgpool":
            try arity(1...1, usage: "\(name)(size), e.g. \(name)(2)")
            let size = try count(0, "the pool size", usage: "\(name)(2)")
            return name == "maxpool" ? .maxPool(size) : .averagePool(size)
        case "global_avg_pool":
            try arity(0...0, usage: "global_avg_pool, without arguments")
            return .globalAveragePool
        case "batchnorm":
            try arity(0...0, usage: "batchnorm, without arguments")
            return .batchNorm
        case "dropout":
            try arity(1...1, usage: "dropout(rate), e.g. dropout(0.5)")
            guard let rate = Double(arguments[0]), rate >= 0, rate < 1 else {
                throw fail("the rate must be a number from 0 up to (not including) 1, e.g. dropout(0.5)")
            }
            return .dropout(rate)
        case "flatten":
            try arity(0...0, usage: "flatten, without arguments")
            return .flatten
        case "lstm", "gru":
            let usage = "\(name)(units) or \(name)(units, sequences), e.g. \(name)(128)"
            try arity(1...2, usage: usage)
            let units = try count(0, "units", usage: usage)
            let sequences = try flag(1, "sequences", usage: usage)
            return name == "lstm" ? .lstm(units: units, sequences: sequences) : .gru(units: units, sequences: sequences)
        case "relu", "tanh", "sigmoid":
            try arity(0...0, usage: "\(name), without arguments")
            return name == "relu" ? .relu : name == "tanh" ? .tanh : .sigmoid
        case "softmax":
            throw StoreNetworkError("--layers: layer \(position) softmax: leave it out; the loss applies the softmax to the last dense layer, and predictions are probabilities.")
        default:
            throw StoreNetworkError("--layers: layer \(position) '\(name)' is not a layer; the layers are \(names.joined(separator: ", ")).")
        }
    }

    /// The layer as `--layers` writes it.
    public var description: String {
        switch self {
        case .dense(let units): units.map { "dense(\($0))" } ?? "dense"
        case .conv1d(let filters, let kernel, let same): "conv1d(\(filters),\(kernel)\(same ? ",same" : ""))"
        case .conv2d(let filters, let kernel, let same): "conv2d(\(filters),\(kernel)\(same ? ",same" : ""))"
        case .maxPool(let size): "maxpool(\(size))"
        case .averagePool(let size): "avgpool(\(size))"
        case .globalAveragePool: "global_avg_pool"
        case .batchNorm: "batchnorm"
        case .dropout(let rate): "dropout(\(rate))"
        case .flatten: "flatten"
        case .lstm(let units, let sequences): "lstm(\(units)\(sequences ? ",sequences" : ""))"
        case .gru(let units, let sequences): "gru(\(units)\(sequences ? ",sequences" : ""))"
        case .relu: "relu"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        }
    }

    /// A list as `--layers` writes it (rule 6).
    public static func text(_ layers: [NetworkLayer]) -> String {
        layers.map(\.description).joined(separator: " ")
    }
}
