import CStoreTorch

/// What one row gives a network's first layer, in PyTorch's layouts.
///
/// Rows may differ in length along one axis — time for a sequence, width for
/// an image (an MFCC matrix read as a picture has frames as its width) —
/// when their tensors did; `longest` is then the padded length and
/// `shortest` the shortest row's.
public enum NetworkInputShape: Equatable, Sendable, Codable {
    /// channels × height × width.
    case image(channels: Int, height: Int, width: Int)
    /// steps × features.
    case sequence(steps: Int, features: Int)
    /// features.
    case flat(features: Int)

    /// The row's shape, without the batch axis.
    public var dimensions: [Int] {
        switch self {
        case .image(let channels, let height, let width): [channels, height, width]
        case .sequence(let steps, let features): [steps, features]
        case .flat(let features): [features]
        }
    }

    /// The length of the axis rows may differ in (width or steps); nil for flat rows.
    public var variableAxisLength: Int? {
        switch self {
        case .image(_, _, let width): width
        case .sequence(let steps, _): steps
        case .flat: nil
        }
    }

    var text: String { dimensions.map(String.init).joined(separator: "×") }
}

/// A network's layers checked against its input, with the sizes the bridge
/// needs and the shape after every layer.
///
/// (1) Every layer must be able to read what the one before gives: a dense
///     layer a flat vector, conv2d and 2-D pools an image, conv1d a
///     sequence; flatten and global_avg_pool make vectors; a recurrent layer
///     reads a sequence, or an image as a sequence over its width (each
///     step: channels × height).
/// (2) Convolutions and pools must fit: the kernel or pool may not exceed
///     the axis it slides over — for the shortest row too, so that every
///     row keeps at least one step.
/// (3) flatten needs rows of one length.
/// (4) A problem is a sentence naming the layer (1-based, as written), what
///     it got and what to do.
public struct NetworkPlan: Sendable {
    public let layers: [NetworkLayer]
    /// The shape after each layer, as "32×13×13", "steps 24 × 64" or "128".
    public let shapes: [String]
    public let input: NetworkInputShape
    /// The last layer's units: one per class, or 1 for regression.
    public let outputs: Int
    /// The bridge's layer descriptions, sizes filled in.
    let bridgeLayers: [st_layer]

    private enum Shape {
        case image(channels: Int, height: Int, width: Int, shortest: Int)
        case sequence(steps: Int, features: Int, shortest: Int)
        case flat(Int)

        var text: String {
            switch self {
            case .image(let c, let h, let w, let shortest): shortest == w ? "\(c)×\(h)×\(w)" : "\(c)×\(h)×(\(shortest)–\(w))"
            case .sequence(let t, let f, let shortest): shortest == t ? "steps \(t) × \(f)" : "steps \(shortest)–\(t) × \(f)"
            case .flat(let f): "\(f)"
            }
        }
    }

    /// Plans `layers` for rows of `input` whose variable axis is at least
    /// `shortest` long (the full length when nil), ending in `outputs` units.
    public init(layers: [NetworkLayer], input: NetworkInputShape, shortest: Int? = nil, outputs: Int) throws(StoreNetworkError) {
        var shape: Shape = switch input {
        case .image(let c, let h, let w): .image(channels: c, height: h, width: w, shortest: shortest ?? w)
        case .sequence(let t, let f): .sequence(steps: t, features: f, shortest: shortest ?? t)
        case .flat(let f): .flat(f)
        }
        var bridge: [st_layer] = []
        var shapes: [String] = []
        for (index, layer) in layers.enumerated() {
            func fail(_ problem: String) -> StoreNetworkError {
                StoreNetworkError("--layers: layer \(index + 1) \(layer.description) \(problem) (the input is \(input.text) per row; after each layer: \(shapes.isEmpty ? "none yet" : shapes.joined(separator: ", "))).")
            }
            var spec = st_layer(kind: 0, units: 0, kernel: 0, same_padding: 0, sequences: 0, input: 0, rate: 0)
            switch (layer, shape) {
            case (.dense(let units), .flat(let features)):
                spec.kind = Int32(ST_DENSE.rawValue)
                spec.input = Int32(features)
                spec.units = Int32(units ?? outputs)
                shape = .flat(units ?? outputs)
            case (.dense, .sequence):
                throw fail("needs a flat vector but gets \(shape.text); let the last recurrent layer give its last step (lstm(units), without sequences), or add global_avg_pool before it")
            case (.dense, .image):
                throw fail("needs a flat vector but gets \(shape.text); add flatten or global_avg_pool before it")
            case (.conv2d(let filters, let kernel, let same), .image(let c, let h, let w, let shortest)):
                guard same || (kernel <= h && kernel <= shortest) else {
                    throw fail("has a \(kernel)×\(kernel) kernel but gets \(shape.text); use a smaller kernel, fewer pools before it, `same` padding or larger inputs")
                }
                spec.kind = Int32(ST_CONV2D.rawValue)
                spec.input = Int32(c)
                spec.units = Int32(filters)
                spec.kernel = Int32(kernel)
                spec.same_padding = same ? 1 : 0
                let cut = same ? 0 : kernel - 1
                shape = .image(channels: filters, height: h - cut, width: w - cut, shortest: shortest - cut)
            case (.conv2d, _):
                throw fail("needs an image but gets \(shape.text); use conv1d on sequences")
            case (.conv1d(let filters, let kernel, let same), .sequence(let t, let f, let shortest)):
                guard same || kernel <= shortest else {
                    throw fail("has a kernel of \(kernel) steps but the shortest row has \(shortest); use a smaller kernel or `same` padding")
                }
                spec.kind = Int32(ST_CONV1D.rawValue)
                spec.input = Int32(f)
                spec.units = Int32(filters)
                spec.kernel = Int32(kernel)
                spec.same_padding = same ? 1 : 0
                let cut = same ? 0 : kernel - 1
                shape = .sequence(steps: t - cut, features: filters, shortest: shortest - cut)
            case (.conv1d, _):
                throw fail("needs a sequence but gets \(shape.text); use conv2d on images")
            case (.maxPool(let size), .image(let c, let h, let w, let shortest)), (.averagePool(let size), .image(let c, let h, let w, let shortest)):
                guard size <= h && size <= shortest else {
                    throw fail("pools \(size)×\(size) but gets \(shape.text); use fewer pools or larger inputs")
                }
                spec.kind = Int32((layer == .maxPool(size) ? ST_MAXPOOL2D : ST_AVGPOOL2D).rawValue)
                spec.kernel = Int32(size)
                shape = .image(channels: c, height: h / size, width: w / size, shortest: shortest / size)
            case (.maxPool(let size), .sequence(let t, let f, let shortest)), (.averagePool(let size), .sequence(let t, let f, let shortest)):
                guard size <= shortest else {
                    throw fail("pools \(size) steps but the shortest row has \(shortest); use fewer pools or longer rows")
                }
                spec.kind = Int32((layer == .maxPool(size) ? ST_MAXPOOL1D : ST_AVGPOOL1D).rawValue)
                spec.kernel = Int32(size)
                shape = .sequence(steps: t / size, features: f, shortest: shortest / size)
            case (.maxPool, .flat), (.averagePool, .flat):
                throw fail("needs an image or a sequence but gets a flat vector of \(shape.text)")
            case (.globalAveragePool, .image(let c, _, _, _)):
                spec.kind = Int32(ST_GLOBAL_AVGPOOL.rawValue)
                shape = .flat(c)
            case (.globalAveragePool, .sequence(_, let f, _)):
                spec.kind = Int32(ST_GLOBAL_AVGPOOL.rawValue)
                shape = .flat(f)
            case (.globalAveragePool, .flat):
                throw fail("needs an image or a sequence but gets a flat vector of \(shape.text)")
            case (.flatten, .image(let c, let h, let w, let shortest)):
                guard shortest == w else { throw fail(Self.unequalLengths(shortest, w)) }
                spec.kind = Int32(ST_FLATTEN.rawValue)
                shape = .flat(c * h * w)
            case (.flatten, .sequence(let t, let f, let shortest)):
                guard shortest == t else { throw fail(Self.unequalLengths(shortest, t)) }
                spec.kind = Int32(ST_FLATTEN.rawValue)
                shape = .flat(t * f)
            case (.flatten, .flat):
                spec.kind = Int32(ST_FLATTEN.rawValue)
            case (.lstm(let units, let sequences), _), (.gru(let units, let sequences), _):
                let isLSTM = if case .lstm = layer { true } else { false }
                spec.kind = Int32((isLSTM ? ST_LSTM : ST_GRU).rawValue)
                spec.units = Int32(units)
                spec.sequences = sequences ? 1 : 0
                switch shape {
                case .image(let c, let h, let w, let shortest):
                    spec.input = Int32(c * h)
                    shape = sequences ? .sequence(steps: w, features: units, shortest: shortest) : .flat(units)
                case .sequence(let t, let f, let shortest):
                    spec.input = Int32(f)
                    shape = sequences ? .sequence(steps: t, features: units, shortest: shortest) : .flat(units)
                case .flat:
                    throw fail("needs a sequence but gets a flat vector of \(shape.text); recurrent layers read MFCC matrices or the output of convolutions")
                }
            case (.batchNorm, _):
                spec.kind = Int32(ST_BATCHNORM.rawValue)
                let features = switch shape {
                case .image(let c, _, _, _): c
                case .sequence(_, let f, _): f
                case .flat(let f): f
                }
                spec.input = Int32(features)
            case (.dropout(let rate), _):
                spec.kind = Int32(ST_DROPOUT.rawValue)
                spec.rate = rate
            case (.relu, _):
                spec.kind = Int32(ST_RELU.rawValue)
            case (.tanh, _):
                spec.kind = Int32(ST_TANH.rawValue)
            case (.sigmoid, _):
                spec.kind = Int32(ST_SIGMOID.rawValue)
            }
            bridge.append(spec)
            shapes.append(shape.text)
        }
        self.layers = layers
        self.shapes = shapes
        self.input = input
        self.outputs = outputs
        self.bridgeLayers = bridge
    }

    private static func unequalLengths(_ shortest: Int, _ longest: Int) -> String {
        "needs rows of one length, but they run from \(shortest) to \(longest) steps; give every row the same frames (ingest with --frames N, or tensor_pad in the view), or use global_avg_pool or a recurrent layer instead"
    }
}
