import StoreCore
import StoreNetworks

/// The networks `--model` builds when no `--layers` are given, as the
/// notebooks this store replaces build them in Keras:
///
/// - `mlp`: `dense(128) relu dropout(0.2) dense`
/// - `cnn`: three blocks of a 3 × 3 convolution, ReLU and 2 × 2 max pooling
///   (32, 64, 128 filters), then `flatten dense(128) relu dropout(0.5) dense`
/// - `lstm`: three LSTM layers of 128 units with dropout 0.2 between, the
///   last step into the output layer
/// - `cnn_lstm`: two convolution blocks over the MFCC matrix read as a
///   picture (32 and 64 filters), its frames as the sequence of an LSTM of
///   128 units, the last step into the output layer
enum DefaultNetworks {
    static func layers(_ kind: ModelKind) throws -> [NetworkLayer] {
        switch kind {
        case .mlp:
            try NetworkLayer.list("dense(128) relu dropout(0.2) dense")
        case .cnn:
            try NetworkLayer.list("conv2d(32,3) relu maxpool(2) conv2d(64,3) relu maxpool(2) conv2d(128,3) relu maxpool(2) flatten dense(128) relu dropout(0.5) dense")
        case .lstm:
            try NetworkLayer.list("lstm(128,sequences) dropout(0.2) lstm(128,sequences) dropout(0.2) lstm(128) dense")
        case .cnnLSTM:
            try NetworkLayer.list("conv2d(32,3) relu maxpool(2) conv2d(64,3) relu maxpool(2) lstm(128) dense")
        default:
            throw StoreError("\(kind.rawValue) is not a neural network.")
        }
    }
}
