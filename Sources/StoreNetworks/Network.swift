import CStoreTorch

/// A network in libtorch, built from a checked plan: trained batch by batch,
/// asked for predictions, and read or written as named arrays. One network
/// is used by one thread at a time.
///
///     let plan = try NetworkPlan(layers: NetworkLayer.list("dense(8) relu dense"), input: .flat(features: 4), outputs: 3)
///     let network = try Network(plan: plan, seed: 42)
///     network.arrays().map(\.name)  // ["0.weight", "0.bias", "2.weight", "2.bias"]
public final class Network {
    private let library: TorchLibrary
    private let handle: OpaquePointer
    public let plan: NetworkPlan

    /// A network with freshly drawn parameters (PyTorch's default
    /// initializations after `torch.manual_seed(seed)`).
    public init(plan: NetworkPlan, seed: UInt64) throws(StoreNetworkError) {
        let library = try TorchLibrary.shared()
        let shape = plan.input.dimensions.map(Int64.init)
        var error = Self.errorBuffer()
        let created = plan.bridgeLayers.withUnsafeBufferPointer { layers in
            shape.withUnsafeBufferPointer { shape in
                library.create(layers.baseAddress, Int32(layers.count), shape.baseAddress, Int32(shape.count), seed, &error, error.count)
            }
        }
        guard let created else { throw StoreNetworkError("cannot build the network: \(Self.message(error)).") }
        self.library = library
        self.handle = created
        self.plan = plan
    }

    deinit {
        library.free(handle)
    }

    /// Chooses the optimizer: Adam (PyTorch's defaults beside the learning
    /// rate) or SGD with `momentum`; `l2` adds l2 · Σw² of the dense and
    /// convolution weights to the loss (Keras's `kernel_regularizer=l2(…)`).
    public func setOptimizer(_ optimizer: NetworkOptimizer, learningRate: Double, momentum: Double, l2: Double) throws(StoreNetworkError) {
        var error = Self.errorBuffer()
        let kind = optimizer == .adam ? ST_ADAM : ST_SGD
        guard library.setOptimizer(handle, Int32(kind.rawValue), learningRate, momentum, l2, &error, error.count) == 0 else {
            throw StoreNetworkError("cannot set the optimizer: \(Self.message(error)).")
        }
    }

    /// One optimizer step on `batch` (train mode). Returns the batch's mean
    /// loss and, for classes, how many rows the network got right before the
    /// step.
    public func train(_ batch: NetworkBatch, targets: BatchTargets, classWeights: [Float]?) throws(StoreNetworkError) -> (loss: Double, correct: Int) {
        var error = Self.errorBuffer()
        var loss = 0.0
        var correct: Int64 = 0
        let status = batch.withPointers { x, lengths in
            targets.withPointers { classes, values in
                Self.optional(classWeights) { weights in
                    library.trainBatch(handle, x, lengths, Int64(batch.count), Int64(batch.steps), classes, values,
                                       weights, Int32(classWeights?.count ?? 0), &loss, &correct, &error, error.count)
                }
            }
        }
        guard status == 0 else { throw StoreNetworkError("a training step failed: \(Self.message(error)).") }
        return (loss, Int(correct))
    }

    /// The network's outputs for `batch` in eval mode, row after row: class
    /// probabilities (`outputs` per row) or one predicted value. With
    /// `targets`, also the sum of the rows' losses (unweighted, no L2 term).
    public func predict(_ batch: NetworkBatch, targets: BatchTargets? = nil) throws(StoreNetworkError) -> (outputs: [Float], lossSum: Double?) {
        var error = Self.errorBuffer()
        var lossSum = 0.0
        var outputs = [Float](repeating: 0, count: batch.count * plan.outputs)
        let status = batch.withPointers { x, lengths in
            (targets ?? .none).withPointers { classes, values in
                outputs.withUnsafeMutableBufferPointer { out in
                    library.predict(handle, x, lengths, Int64(batch.count), Int64(batch.steps), classes, values,
                                    out.baseAddress, &lossSum, &error, error.count)
                }
            }
        }
        guard status == 0 else { throw StoreNetworkError("predicting failed: \(Self.message(error)).") }
        return (outputs, targets == nil ? nil : lossSum)
    }

    /// The parameters, then batchnorm's running statistics, named as
    /// PyTorch's `state_dict` names them.
    public func arrays() -> [NetworkArray] {
        (0..<library.arrayCount(handle)).compactMap { index in
            var name = [CChar](repeating: 0, count: 256)
            var shape = [Int64](repeating: 0, count: 8)
            var rank: Int32 = 0
            guard library.arrayInfo(handle, index, &name, name.count, &shape, &rank) == 0 else { return nil }
            let dimensions = shape.prefix(Int(rank)).map(Int.init)
            var values = [Float](repeating: 0, count: dimensions.reduce(1, *))
            guard library.arrayRead(handle, index, &values, Int64(values.count)) == 0 else { return nil }
            return NetworkArray(name: String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                                shape: dimensions, values: values)
        }
    }

    /// Sets every array from `arrays` (matched by name); a missing name or a
    /// shape that differs is an error naming it.
    public func load(_ arrays: [NetworkArray]) throws(StoreNetworkError) {
        let byName = Dictionary(arrays.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, own) in self.arrays().enumerated() {
            guard let given = byName[own.name] else {
                throw StoreNetworkError("the stored network has no array \(own.name); train the model again.")
            }
            guard given.shape == own.shape else {
                throw StoreNetworkError("the stored array \(own.name) has shape \(given.shape), the network needs \(own.shape); train the model again.")
            }
            let status = given.values.withUnsafeBufferPointer { library.arrayWrite(handle, Int32(index), $0.baseAddress, Int64($0.count)) }
            guard status == 0 else { throw StoreNetworkError("cannot set the array \(own.name).") }
        }
    }

    private static func errorBuffer() -> [CChar] {
        [CChar](repeating: 0, count: 1024)
    }

    private static func message(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func optional<T, R>(_ array: [T]?, _ body: (UnsafePointer<T>?) -> R) -> R {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

/// How a network's parameters are updated.
public enum NetworkOptimizer: String, Sendable, Codable, CaseIterable {
    case adam, sgd
}

/// One named array of a network, row-major 32-bit floats.
public struct NetworkArray: Equatable, Sendable {
    public let name: String
    public let shape: [Int]
    public let values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// The targets of a batch's rows.
public enum BatchTargets: Equatable, Sendable {
    case classes([Int64])
    case values([Float])
    case none

    func withPointers<R>(_ body: (UnsafePointer<Int64>?, UnsafePointer<Float>?) -> R) -> R {
        switch self {
        case .classes(let classes): classes.withUnsafeBufferPointer { body($0.baseAddress, nil) }
        case .values(let values): values.withUnsafeBufferPointer { body(nil, $0.baseAddress) }
        case .none: body(nil, nil)
        }
    }
}
