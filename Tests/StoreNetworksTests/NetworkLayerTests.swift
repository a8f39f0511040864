import StoreNetworks
import XCTest

/// The `--layers` grammar (NetworkLayer rules 1–6) and the shape checks of
/// NetworkPlan (rules 1–4).
final class NetworkLayerTests: XCTestCase {
    // MARK: - Parsing

    func testALayerListParsesAndPrintsBack() throws {
        let text = "conv2d(32, 3) relu maxpool(2) conv2d(64,3,same) batchnorm avgpool(2) flatten dense(128) tanh dropout(0.5) dense"
        let layers = try NetworkLayer.list(text)
        XCTAssertEqual(layers, [
            .conv2d(filters: 32, kernel: 3, same: false), .relu, .maxPool(2), .conv2d(filters: 64, kernel: 3, same: true), .batchNorm,
            .averagePool(2), .flatten, .dense(units: 128), .tanh, .dropout(0.5), .dense(units: nil),
        ])
        XCTAssertEqual(NetworkLayer.text(layers), "conv2d(32,3) relu maxpool(2) conv2d(64,3,same) batchnorm avgpool(2) flatten dense(128) tanh dropout(0.5) dense")
        XCTAssertEqual(try NetworkLayer.list(NetworkLayer.text(layers)), layers)
        XCTAssertEqual(try NetworkLayer.list("lstm(128,sequences) dropout(0.2) gru(64) sigmoid conv1d(8,3) global_avg_pool dense"), [
            .lstm(units: 128, sequences: true), .dropout(0.2), .gru(units: 64, sequences: false), .sigmoid,
            .conv1d(filters: 8, kernel: 3, same: false), .globalAveragePool, .dense(units: nil),
        ])
    }

    func testBadLayerListsAreSentencesNamingTheLayer() {
        let cases: [(String, String)] = [
            ("", "--layers is empty; give layers such as \"dense(128) relu dropout(0.2) dense\"."),
            ("conv3d(3,3) dense", "--layers: layer 1 'conv3d' is not a layer; the layers are conv1d, conv2d, maxpool, avgpool, global_avg_pool, batchnorm, dropout, dense, flatten, lstm, gru, relu, tanh, sigmoid."),
            ("conv2d(32) dense", "--layers: layer 1 conv2d(32): write conv2d(filters, kernel) or conv2d(filters, kernel, same), e.g. conv2d(32,3)."),
            ("conv2d(32,0) dense", "--layers: layer 1 conv2d(32,0): the kernel size must be a whole number above 0; write conv2d(filters, kernel) or conv2d(filters, kernel, same), e.g. conv2d(32,3)."),
            ("conv2d(32,3,valid) dense", "--layers: layer 1 conv2d(32,3,valid): the optional last argument is `same`; write conv2d(filters, kernel) or conv2d(filters, kernel, same), e.g. conv2d(32,3)."),
            ("dropout(1.5) dense", "--layers: layer 1 dropout(1.5): the rate must be a number from 0 up to (not including) 1, e.g. dropout(0.5)."),
            ("dense(10) softmax", "--layers: layer 2 softmax: leave it out; the loss applies the softmax to the last dense layer, and predictions are probabilities."),
            ("dense relu dense", "--layers: layer 1 is `dense` without units, which is the output layer; give it units, e.g. dense(128), or move it to the end."),
            ("dense(8) relu", "--layers must end with `dense` (no units): the output layer, which gets one unit per class, or one for regression."),
            ("lstm(8 dense", "--layers: layer 1 (lstm) opens a parenthesis it does not close."),
            ("dense(8) , dense", "--layers: unexpected ',' after layer 1; write layers as name or name(arguments), separated by spaces."),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try NetworkLayer.list(text), text) { error in
                XCTAssertEqual("\(error)", message, text)
            }
        }
    }

    // MARK: - Shapes

    /// The default CNN on 28 × 28 gray digits: 28 → 26 → 13 → 11 → 5 → 3 → 1,
    /// as Keras's summary gives for Conv2D(3×3, valid) and MaxPooling2D(2).
    func testTheShapesOfACNNOnDigits() throws {
        let layers = try NetworkLayer.list("conv2d(32,3) relu maxpool(2) conv2d(64,3) relu maxpool(2) conv2d(128,3) relu maxpool(2) flatten dense(128) relu dropout(0.5) dense")
        let plan = try NetworkPlan(layers: layers, input: .image(channels: 1, height: 28, width: 28), outputs: 10)
        XCTAssertEqual(plan.shapes, ["32×26×26", "32×26×26", "32×13×13", "64×11×11", "64×11×11", "64×5×5", "128×3×3", "128×3×3", "128×1×1",
                                     "128", "128", "128", "128", "10"])
    }

    /// A CNN+LSTM over 40 coefficients × 50–80 frames read as a picture:
    /// the width is time; each step has channels × height features.
    func testAConvolutionalRecurrentNetworkOnVaryingFrames() throws {
        let layers = try NetworkLayer.list("conv2d(8,3) relu maxpool(2) lstm(16) dense")
        let plan = try NetworkPlan(layers: layers, input: .image(channels: 1, height: 40, width: 80), shortest: 50, outputs: 4)
        XCTAssertEqual(plan.shapes, ["8×38×(48–78)", "8×38×(48–78)", "8×19×(24–39)", "16", "4"])
    }

    func testShapeProblemsNameTheLayerAndWhatItGot() {
        func message(_ text: String, _ input: NetworkInputShape, shortest: Int? = nil) -> String {
            do {
                _ = try NetworkPlan(layers: try NetworkLayer.list(text), input: input, shortest: shortest, outputs: 3)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(message("conv2d(4,3) maxpool(2) conv2d(4,3) maxpool(2) flatten dense", .image(channels: 1, height: 8, width: 8)),
                       "--layers: layer 4 maxpool(2) pools 2×2 but gets 4×1×1; use fewer pools or larger inputs (the input is 1×8×8 per row; after each layer: 4×6×6, 4×3×3, 4×1×1).")
        XCTAssertEqual(message("conv2d(4,3) dense", .image(channels: 3, height: 8, width: 8)),
                       "--layers: layer 2 dense needs a flat vector but gets 4×6×6; add flatten or global_avg_pool before it (the input is 3×8×8 per row; after each layer: 4×6×6).")
        XCTAssertEqual(message("flatten dense", .sequence(steps: 90, features: 13), shortest: 60),
                       "--layers: layer 1 flatten needs rows of one length, but they run from 60 to 90 steps; give every row the same frames (ingest with --frames N, or tensor_pad in the view), or use global_avg_pool or a recurrent layer instead (the input is 90×13 per row; after each layer: none yet).")
        XCTAssertEqual(message("lstm(8,sequences) dense", .sequence(steps: 20, features: 13)),
                       "--layers: layer 2 dense needs a flat vector but gets steps 20 × 8; let the last recurrent layer give its last step (lstm(units), without sequences), or add global_avg_pool before it (the input is 20×13 per row; after each layer: steps 20 × 8).")
        XCTAssertEqual(message("conv2d(4,3) dense", .flat(features: 10)),
                       "--layers: layer 1 conv2d(4,3) needs an image but gets 10; use conv1d on sequences (the input is 10 per row; after each layer: none yet).")
        XCTAssertEqual(message("lstm(4) dense", .flat(features: 10)),
                       "--layers: layer 1 lstm(4) needs a sequence but gets a flat vector of 10; recurrent layers read MFCC matrices or the output of convolutions (the input is 10 per row; after each layer: none yet).")
        XCTAssertEqual(message("conv1d(4,5) lstm(4) dense", .sequence(steps: 30, features: 10), shortest: 4),
                       "--layers: layer 1 conv1d(4,5) has a kernel of 5 steps but the shortest row has 4; use a smaller kernel or `same` padding (the input is 30×10 per row; after each layer: none yet).")
    }
}
