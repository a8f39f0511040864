import StoreCore
@testable import StoreNetworks
import XCTest

/// Tiny networks on generated rows, through the real libtorch bridge:
/// learning, determinism, arrays in and out, padding never counting, early
/// stopping and augmentation (NetworkTraining rules 1–4).
final class NetworkTrainingTests: XCTestCase {
    /// Two Gaussian blobs in four dimensions, centred at ∓1.5: separable.
    func blobs(_ count: Int, seed: UInt64) -> (rows: NetworkRows, classes: [Int]) {
        var random = SeededRandom(seed: seed)
        var rows = NetworkRows(shape: .flat(features: 4))
        var classes: [Int] = []
        for index in 0..<count {
            let label = index % 2
            let row = (0..<4).map { _ in Float(random.normal() + (label == 0 ? -1.5 : 1.5)) }
            row.withUnsafeBufferPointer { rows.append($0, length: 1) }
            classes.append(label)
        }
        return (rows, classes)
    }

    func settings(epochs: Int, seed: UInt64 = 7) -> NetworkTrainingSettings {
        var settings = NetworkTrainingSettings()
        settings.epochs = epochs
        settings.batchSize = 16
        settings.learningRate = 0.01
        settings.seed = seed
        return settings
    }

    func mlp(outputs: Int = 2) throws -> NetworkPlan {
        try NetworkPlan(layers: NetworkLayer.list("dense(16) relu dropout(0.1) dense"), input: .flat(features: 4), outputs: outputs)
    }

    override func setUpWithError() throws {
        try TorchLibrary.shared().useThreads(1)
    }

    // MARK: - Learning and determinism

    func testAnMLPLearnsSeparableClassesTheSameWayEveryRun() throws {
        let (rows, classes) = blobs(200, seed: 1)
        let train = Array(0..<160), validation = Array(160..<200)
        let first = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: train,
                                            validation: validation, settings: settings(epochs: 8), pictures: false)
        let losses = first.log.filter { $0.split == .train }.map(\.loss)
        XCTAssertEqual(losses.count, 8)
        XCTAssertLessThan(losses.last!, losses.first! / 2, "the training loss falls: \(losses)")
        let validationAccuracy = first.log.last { $0.split == .validation }?.accuracy ?? 0
        XCTAssertGreaterThanOrEqual(validationAccuracy, 0.95, "separable blobs are learned")
        let second = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: train,
                                             validation: validation, settings: settings(epochs: 8), pictures: false)
        XCTAssertEqual(second.log.map(\.loss), first.log.map(\.loss), "one seed and one thread: the same losses, bit for bit")
        XCTAssertEqual(second.network.arrays(), first.network.arrays())
        let other = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: train,
                                            validation: validation, settings: settings(epochs: 8, seed: 8), pictures: false)
        XCTAssertNotEqual(other.log.map(\.loss), first.log.map(\.loss), "another seed, another run")
    }

    /// SGD with momentum learns too; Keras-style L2 adds l2 · Σw² of the
    /// dense weights to the logged training loss, so the same first batch
    /// order and initial weights give a larger first-epoch loss with it.
    func testSGDWithMomentumAndL2() throws {
        let (rows, classes) = blobs(200, seed: 6)
        var sgd = settings(epochs: 10)
        sgd.optimizer = .sgd
        sgd.momentum = 0.9
        let fit = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: Array(0..<160),
                                          validation: Array(160..<200), settings: sgd, pictures: false)
        XCTAssertGreaterThanOrEqual(fit.log.last { $0.split == .validation }?.accuracy ?? 0, 0.95)
        var penalized = settings(epochs: 1)
        penalized.l2 = 0.5
        let plain = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: Array(0..<160),
                                            validation: [], settings: settings(epochs: 1), pictures: false)
        let withL2 = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: Array(0..<160),
                                             validation: [], settings: penalized, pictures: false)
        XCTAssertGreaterThan(withL2.log[0].loss, plain.log[0].loss + 0.5, "0.5 · Σw² of 64 + 32 initial weights is well above 1")
    }

    func testRegressionLearnsALinearTarget() throws {
        var random = SeededRandom(seed: 3)
        var rows = NetworkRows(shape: .flat(features: 4))
        var values: [Double] = []
        for _ in 0..<300 {
            let row = (0..<4).map { _ in Float(random.normal()) }
            row.withUnsafeBufferPointer { rows.append($0, length: 1) }
            values.append(Double(row[0] * 2 - row[1] + 0.5 * row[2]))
        }
        let fit = try NetworkTraining.fit(plan: mlp(outputs: 1), rows: rows, targets: .values(values), train: Array(0..<250),
                                          validation: Array(250..<300), settings: settings(epochs: 30), pictures: false)
        let validation = fit.log.filter { $0.split == .validation }
        XCTAssertNil(validation.last?.accuracy, "regression has no accuracy")
        XCTAssertLessThan(validation.last!.loss, 0.2, "mean squared error against a variance of 5.25: \(validation.map(\.loss))")
    }

    func testArraysRoundTripIntoANewNetwork() throws {
        let (rows, classes) = blobs(64, seed: 2)
        let fit = try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: Array(0..<64),
                                          validation: [], settings: settings(epochs: 2), pictures: false)
        let arrays = fit.network.arrays()
        XCTAssertEqual(arrays.map(\.name), ["0.weight", "0.bias", "3.weight", "3.bias"])
        XCTAssertEqual(arrays.map(\.shape), [[16, 4], [16], [2, 16], [2]])
        let fresh = try Network(plan: mlp(), seed: 99)
        XCTAssertNotEqual(fresh.arrays(), arrays)
        try fresh.load(arrays)
        let everything = Array(0..<64)
        XCTAssertEqual(try NetworkTraining.outputs(of: fresh, rows: rows, indices: everything),
                       try NetworkTraining.outputs(of: fit.network, rows: rows, indices: everything))
        let wrong = [NetworkArray(name: "0.weight", shape: [4, 16], values: [Float](repeating: 0, count: 64))] + arrays.dropFirst()
        XCTAssertThrowsError(try fresh.load(wrong)) { error in
            XCTAssertEqual("\(error)", "the stored array 0.weight has shape [4, 16], the network needs [16, 4]; train the model again.")
        }
    }

    // MARK: - Padding never counts

    /// Rows of 3 to 9 steps; each row's outputs alone (no padding) must equal
    /// its outputs in a batch padded to 9 steps.
    func assertPaddingIgnored(_ layersText: String, input: NetworkInputShape, lengths: [Int],
                              file: StaticString = #filePath, line: UInt = #line) throws {
        var random = SeededRandom(seed: 5)
        var rows = NetworkRows(shape: input)
        for length in lengths {
            let values = (0..<(length * NetworkRows(shape: input).valuesPerStep)).map { _ in Float(random.normal()) }
            values.withUnsafeBufferPointer { rows.append($0, length: length) }
        }
        XCTAssertTrue(rows.varies, file: file, line: line)
        let plan = try NetworkPlan(layers: NetworkLayer.list(layersText), input: rows.shape, shortest: rows.shortest, outputs: 3)
        let network = try Network(plan: plan, seed: 11)
        let together = try NetworkTraining.outputs(of: network, rows: rows, indices: Array(lengths.indices))
        for index in lengths.indices {
            let alone = try NetworkTraining.outputs(of: network, rows: rows, indices: [index])
            for column in 0..<3 {
                XCTAssertEqual(alone[column], together[index * 3 + column], accuracy: 2e-6,
                               "\(layersText): row \(index) of \(lengths[index]) steps, class \(column)", file: file, line: line)
            }
        }
    }

    func testRecurrentLayersReadPackedSequences() throws {
        try assertPaddingIgnored("lstm(6,sequences) dropout(0.2) lstm(5) dense", input: .sequence(steps: 1, features: 4), lengths: [3, 9, 5, 7])
        try assertPaddingIgnored("gru(6) dense", input: .sequence(steps: 1, features: 4), lengths: [9, 3, 6])
    }

    func testConvolutionsPoolsAndAveragesCountOnlyTrueSteps() throws {
        try assertPaddingIgnored("conv1d(4,3,same) tanh conv1d(4,3,same) maxpool(2) global_avg_pool dense",
                                 input: .sequence(steps: 1, features: 4), lengths: [4, 9, 6])
        try assertPaddingIgnored("conv1d(4,2) sigmoid batchnorm avgpool(2) lstm(5) dense", input: .sequence(steps: 1, features: 3), lengths: [4, 9, 6])
    }

    /// An MFCC matrix read as a picture (coefficients × frames): the width
    /// is time, as in the default cnn_lstm.
    func testAConvolutionalRecurrentNetworkIgnoresPaddedFrames() throws {
        try assertPaddingIgnored("conv2d(4,3) relu maxpool(2) conv2d(4,2,same) sigmoid lstm(5) dense",
                                 input: .image(channels: 1, height: 8, width: 1), lengths: [7, 12, 9])
        try assertPaddingIgnored("conv2d(4,3,same) batchnorm relu global_avg_pool dense", input: .image(channels: 1, height: 6, width: 1), lengths: [5, 11])
    }

    // MARK: - Early stopping

    /// Few rows and a large learning rate: the validation loss soon rises.
    /// The run stops `patience` epochs after its best and keeps that epoch's
    /// weights, which give exactly the best logged validation loss.
    func testEarlyStoppingRestoresTheBestEpoch() throws {
        let (rows, classes) = blobs(60, seed: 9)
        var flipped = classes
        for index in stride(from: 0, to: 40, by: 3) { flipped[index] = 1 - flipped[index] }
        var settings = self.settings(epochs: 60)
        settings.learningRate = 0.05
        settings.patience = 3
        let plan = try NetworkPlan(layers: NetworkLayer.list("dense(64) relu dense(64) relu dense"), input: .flat(features: 4), outputs: 2)
        let fit = try NetworkTraining.fit(plan: plan, rows: rows, targets: .classes(flipped, count: 2), train: Array(0..<40),
                                          validation: Array(40..<60), settings: settings, pictures: false)
        let validation = fit.log.filter { $0.split == .validation }
        XCTAssertTrue(fit.stoppedEarly, "noisy labels and a large step overfit: \(validation.map(\.loss))")
        let best = try XCTUnwrap(validation.min { $0.loss < $1.loss })
        XCTAssertEqual(fit.epoch, best.epoch)
        XCTAssertEqual(fit.epochsRun, best.epoch + 3)
        let now = try NetworkTraining.evaluate(fit.network, rows: rows, indices: Array(40..<60), targets: .classes(flipped, count: 2))
        XCTAssertEqual(now.loss, best.loss, accuracy: 1e-6)
    }

    func testPatienceWithoutValidationRowsIsAnError() throws {
        let (rows, classes) = blobs(20, seed: 1)
        var settings = self.settings(epochs: 3)
        settings.patience = 2
        XCTAssertThrowsError(try NetworkTraining.fit(plan: mlp(), rows: rows, targets: .classes(classes, count: 2), train: Array(0..<20),
                                                     validation: [], settings: settings, pictures: false)) { error in
            XCTAssertEqual("\(error)", "--patience stops on the validation loss, but there are no validation rows; give the view a 'validation' split or a --validation-share above 0.")
        }
    }

    // MARK: - Augmentation

    /// With augmentation on, the logged validation loss of the last epoch is
    /// exactly the loss of the untouched validation rows.
    func testAugmentationChangesTrainingBatchesOnly() throws {
        var random = SeededRandom(seed: 4)
        var rows = NetworkRows(shape: .image(channels: 1, height: 6, width: 6))
        var classes: [Int] = []
        for index in 0..<48 {
            let label = index % 2
            let picture = (0..<36).map { pixel in Float((pixel % 6 < 3) == (label == 0) ? 0.9 : 0.1) + Float(random.uniform() * 0.05) }
            picture.withUnsafeBufferPointer { rows.append($0, length: 6) }
            classes.append(label)
        }
        var settings = self.settings(epochs: 3)
        settings.augmentation = try Augmentation("flip,rotate=20,zoom=0.1,shift=0.1")
        let plan = try NetworkPlan(layers: NetworkLayer.list("conv2d(4,3) relu flatten dense"), input: rows.shape, outputs: 2)
        let fit = try NetworkTraining.fit(plan: plan, rows: rows, targets: .classes(classes, count: 2), train: Array(0..<36),
                                          validation: Array(36..<48), settings: settings, pictures: true)
        let logged = try XCTUnwrap(fit.log.last { $0.split == .validation })
        let untouched = try NetworkTraining.evaluate(fit.network, rows: rows, indices: Array(36..<48), targets: .classes(classes, count: 2))
        XCTAssertEqual(logged.loss, untouched.loss, accuracy: 1e-9)
        var plain = settings
        plain.augmentation = nil
        let unaugmented = try NetworkTraining.fit(plan: plan, rows: rows, targets: .classes(classes, count: 2), train: Array(0..<36),
                                                  validation: Array(36..<48), settings: plain, pictures: true)
        XCTAssertNotEqual(unaugmented.log.first?.loss, fit.log.first?.loss, "augmentation changes what the first epoch trains on")
    }

    /// A 3 × 4 picture with distinct pixels, through explicit transforms.
    func testPictureTransformsMapPixelsAsKerasDoes() {
        let picture: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        func transformed(_ transform: Augmentation.PictureTransform) -> [Float] {
            var values = picture
            var scratch: [Float] = []
            values.withUnsafeMutableBufferPointer { buffer in
                Augmentation.apply(transform, to: &buffer, channels: 1, height: 3, width: 4, scratch: &scratch)
            }
            return values
        }
        XCTAssertEqual(transformed(.init()), picture, "the identity")
        XCTAssertEqual(transformed(.init(mirrored: true)), [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8])
        // Output (r, c) samples input (r, c + 1): content moves left, the right edge repeats ("nearest").
        XCTAssertEqual(transformed(.init(columnShift: 1)), [1, 2, 3, 3, 5, 6, 7, 7, 9, 10, 11, 11])
        // Half a pixel down: each value is the mean of two rows, the last row repeats.
        XCTAssertEqual(transformed(.init(rowShift: 0.5)), [2, 3, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11])
        // 180°: the picture upside down and mirrored.
        let turned = transformed(.init(angle: .pi))
        for (value, expected) in zip(turned, picture.reversed()) { XCTAssertEqual(value, expected, accuracy: 1e-5) }
        // Zoom 2 (Keras: shrink) samples twice as far from the centre (columns
        // −1.5, 0.5, 2.5, 4.5), clamped to the edges, bilinear in between.
        XCTAssertEqual(transformed(.init(rowZoom: 1, columnZoom: 2)), [0, 0.5, 2.5, 3, 4, 4.5, 6.5, 7, 8, 8.5, 10.5, 11])
    }

    func testSequenceMasksZeroABandAndARunInsideTheTrueLength() throws {
        var rows = NetworkRows(shape: .sequence(steps: 1, features: 5))
        let ones = [Float](repeating: 1, count: 10 * 5)
        ones.withUnsafeBufferPointer { rows.append($0, length: 10) }
        let shorter = [Float](repeating: 1, count: 6 * 5)
        shorter.withUnsafeBufferPointer { rows.append($0, length: 6) }
        let augmentation = try Augmentation("freq_mask=4,time_mask=4")
        var random = SeededRandom(seed: 1)
        var scratch: [Float] = []
        var batch = NetworkBatch()
        var sawMasks = false
        for _ in 0..<20 {
            rows.fill(&batch, with: [0, 1])
            augmentation.apply(to: &batch, slot: 1, length: 6, shape: rows.shape, picture: false, random: &random, scratch: &scratch)
            let row = Array(batch.values[50..<100])
            XCTAssertEqual(row[30...], [Float](repeating: 0, count: 20)[...], "padding stays zero")
            let zeroSteps = (0..<6).filter { step in (0..<5).allSatisfy { row[step * 5 + $0] == 0 } }
            let zeroFeatures = (0..<5).filter { feature in (0..<6).allSatisfy { row[$0 * 5 + feature] == 0 } }
            XCTAssertLessThanOrEqual(zeroSteps.count, 4)
            if zeroSteps.count > 0 && zeroSteps.count < 6 && zeroFeatures.count > 0 && zeroFeatures.count < 5 { sawMasks = true }
            if let first = zeroSteps.first, zeroSteps.count < 6 { XCTAssertEqual(zeroSteps, Array(first..<(first + zeroSteps.count)), "one run") }
            XCTAssertEqual(Array(batch.values[0..<50]), ones, "the other row is not touched")
        }
        XCTAssertTrue(sawMasks)
    }

    func testAugmentationTextIsCheckedAndPrintsBack() throws {
        XCTAssertEqual(try Augmentation("flip, rotate=15,zoom=0.1,shift=0.1").description, "flip,rotate=15.0,zoom=0.1,shift=0.1")
        XCTAssertEqual(try Augmentation("time_shift=0.1,noise=0.005,freq_mask=8,time_mask=20").description,
                       "time_shift=0.1,noise=0.005,freq_mask=8,time_mask=20")
        XCTAssertThrowsError(try Augmentation("rotate=400")) { error in
            XCTAssertEqual("\(error)", "--augment rotate=400: rotate takes a number from 0.0 to 180.0, e.g. rotate=15.")
        }
        XCTAssertThrowsError(try Augmentation("blur")) { error in
            XCTAssertEqual("\(error)", "--augment: 'blur' is not an augmentation; pictures take flip, rotate=D, zoom=Z, shift=S; MFCC matrices take time_shift=F, noise=σ, freq_mask=F, time_mask=T.")
        }
    }
}
