import Foundation
import GRDB
import StoreCore
import StoreFunctions
@testable import StoreLearn
import StoreNetworks
import StoreTestSupport
import XCTest

/// Networks trained from views of generated tensors, end to end: what a run
/// writes, that the stored network scores as the trained one, determinism,
/// variable-length sequences, cross-validation, and failures writing nothing.
final class NetworkTrainerTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// `pictures`: 120 gray 8 × 8 images, 'left' when the left half is
    /// bright, 'right' when the right half is, with noise; every fifth row
    /// is test. `clips`: 90 float32 3 × n matrices (n = 6…14 frames),
    /// 'up' when coefficient 0 rises over the frames, 'down' when it falls.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("n.db"), setup: ModelFunctions.setup)
        var random = SeededRandom(seed: 3)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE pictures (row_id INTEGER PRIMARY KEY, label TEXT, split TEXT, image BLOB)")
            for index in 0..<120 {
                let left = index % 2 == 0
                let pixels = (0..<64).map { pixel -> UInt8 in
                    let bright = (pixel % 8 < 4) == left
                    return UInt8(clamping: (bright ? 180 : 40) + Int(random.uniform() * 60))
                }
                let image = try Tensor(shape: [8, 8, 1], uint8: pixels)
                try db.execute(sql: "INSERT INTO pictures (label, split, image) VALUES (?, ?, ?)",
                               arguments: [left ? "left" : "right", index % 5 == 0 ? "test" : "train", Data(image.blob)])
            }
            try db.execute(sql: "CREATE TABLE clips (row_id INTEGER PRIMARY KEY, direction TEXT, mfcc BLOB)")
            for index in 0..<90 {
                let frames = 6 + index % 9
                let up = index % 2 == 0
                var values: [Float] = []
                for coefficient in 0..<3 {
                    for frame in 0..<frames {
                        let trend = coefficient == 0 ? Float(frame) * (up ? 1 : -1) : 0
                        values.append(trend + Float(random.normal()) * 0.3 + 5)
                    }
                }
                let matrix = try Tensor(shape: [3, frames], float32: values)
                try db.execute(sql: "INSERT INTO clips (direction, mfcc) VALUES (?, ?)", arguments: [up ? "up" : "down", Data(matrix.blob)])
            }
        }
    }

    func options(_ view: String, _ target: String, _ kind: ModelKind, layers: String? = nil, epochs: Int = 15) -> TrainingOptions {
        var options = TrainingOptions(view: view, target: target, kind: kind)
        var network = NetworkOptions()
        network.layers = layers
        network.training.epochs = epochs
        network.training.batchSize = 8
        network.training.learningRate = 0.01
        network.threads = 1
        options.network = network
        return options
    }

    func count(_ sql: String) throws -> Int {
        try store.queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    // MARK: - What a run writes

    func testACNNRunWritesTheModelItsWeightsItsEpochsAndItsPredictions() throws {
        let report = try Trainer.train(options("pictures", "label", .cnn, layers: "conv2d(4,3) relu maxpool(2) flatten dense(8) relu dense"), in: store)
        XCTAssertEqual(report.name, "pictures_cnn")
        XCTAssertEqual(report.rows[.train], 86, "96 training rows less a stratified tenth (5 per class) for validation")
        XCTAssertEqual(report.rows[.validation], 10)
        XCTAssertEqual(report.rows[.test], 24)
        let network = try XCTUnwrap(report.network)
        XCTAssertEqual(network.shapes, ["4×6×6", "4×6×6", "4×3×3", "36", "8", "8", "2"])
        XCTAssertEqual(network.parameters, 4 * 9 + 4 + 36 * 8 + 8 + 8 * 2 + 2)
        XCTAssertEqual(try count("SELECT count(*) FROM models WHERE kind = 'cnn' AND format_version = 2 AND features = '[\"image\"]' AND classes = '[\"left\",\"right\"]'"), 1)
        XCTAssertEqual(try count("SELECT count(*) FROM model_arrays"), 6)
        XCTAssertEqual(try store.queue.read { db in try String.fetchAll(db, sql: "SELECT name || ' ' || tensor_shape(array) FROM model_arrays ORDER BY rowid") },
                       ["0.weight [4,1,3,3]", "0.bias [4]", "4.weight [8,36]", "4.bias [8]", "6.weight [2,8]", "6.bias [2]"])
        XCTAssertEqual(try count("SELECT count(*) FROM training_log WHERE fold IS NULL"), 30, "15 epochs, train and validation")
        XCTAssertEqual(try count("SELECT count(*) FROM training_log WHERE split = 'train' AND accuracy IS NOT NULL AND seconds >= 0 AND learning_rate = 0.01"), 15)
        XCTAssertEqual(try count("SELECT count(*) FROM predictions"), 120)
        XCTAssertEqual(try count("SELECT count(*) FROM predictions WHERE split = 'validation'"), 10)
        let accuracy = try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'test' AND metric = 'accuracy'") }
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(accuracy), 0.95, "bright halves are learned")
        let parameters = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT parameters FROM models") } ?? ""
        XCTAssertTrue(parameters.contains(#""layers":"conv2d(4,3) relu maxpool(2) flatten dense(8) relu dense""#), parameters)
        XCTAssertTrue(parameters.contains(#""best_epoch":"15""#), parameters)
    }

    /// The stored network, rebuilt from `model_arrays`, gives the
    /// probabilities the training run wrote: through `store predict`'s
    /// Scoring and through predict_proba() in SQL.
    func testTheStoredNetworkScoresAsTheTrainedOne() throws {
        _ = try Trainer.train(options("pictures", "label", .cnn, layers: "conv2d(4,3) relu flatten dense", epochs: 3), in: store)
        let written = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT row_key, predicted, score FROM predictions ORDER BY row_key").map { [$0[0], $0[1], $0[2]] as [DatabaseValue] }
        }
        let scored = try store.queue.read { db in try Scoring.score(model: "pictures_cnn", version: nil, view: "pictures", in: db) }
        XCTAssertEqual(scored.map { Array($0.prefix(3)) }, written)
        let fromSQL = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT predict_proba('pictures_cnn', 'right', image) FROM pictures ORDER BY row_id")
        }
        let stored = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT json_extract(probabilities, '$.right') FROM predictions ORDER BY row_key")
        }
        XCTAssertEqual(fromSQL.count, 120)
        for (a, b) in zip(fromSQL, stored) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        let labels = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT predict('pictures_cnn', image) FROM pictures ORDER BY row_id")
        }
        XCTAssertEqual(labels, written.map { String.fromDatabaseValue($0[1]) ?? "" })
        XCTAssertThrowsError(try store.queue.read { db in try Row.fetchAll(db, sql: "SELECT predict('pictures_cnn', label) FROM pictures") }) { error in
            XCTAssertTrue("\(error)".contains("pictures_cnn reads a tensor (image); the argument is not a BLOB."), "\(error)")
        }
    }

    func testOneSeedAndOneThreadGiveTheSameRun() throws {
        _ = try Trainer.train(options("pictures", "label", .cnn, layers: "conv2d(4,3) relu dropout(0.3) flatten dense", epochs: 3), in: store)
        _ = try Trainer.train(options("pictures", "label", .cnn, layers: "conv2d(4,3) relu dropout(0.3) flatten dense", epochs: 3), in: store)
        let (losses, arrays) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: """
                SELECT count(*) FROM training_log a JOIN training_log b ON a.epoch = b.epoch AND a.split = b.split
                WHERE a.model_id = 1 AND b.model_id = 2 AND a.loss = b.loss AND a.accuracy = b.accuracy
                """),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM model_arrays a JOIN model_arrays b USING (name) WHERE a.model_id = 1 AND b.model_id = 2 AND a.array = b.array"))
        }
        XCTAssertEqual(losses, 6)
        XCTAssertEqual(arrays, 4)
    }

    // MARK: - Sequences

    /// Variable-length MFCC matrices straight from a view without a split:
    /// the LSTM reads packed sequences, and scoring a row alone gives what
    /// the run wrote for it in a padded batch.
    func testAnLSTMOnVaryingFrames() throws {
        var options = self.options("clips", "direction", .lstm, layers: "lstm(8) dense", epochs: 25)
        options.network?.validationShare = 0
        let report = try Trainer.train(options, in: store)
        XCTAssertEqual(report.rows[.validation], nil, "no validation rows were asked for")
        let preprocessing = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT preprocessing FROM models") } ?? ""
        XCTAssertTrue(preprocessing.contains(#""layout":"sequence""#), preprocessing)
        XCTAssertTrue(preprocessing.contains(#""shape":[3,14]"#), "the longest training row's frames: \(preprocessing)")
        let accuracy = try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'test' AND metric = 'accuracy'") }
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(accuracy), 0.9, "rising and falling coefficients are told apart")
        let alone = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT predict_proba('clips_lstm', 'up', mfcc) FROM clips ORDER BY row_id")
        }
        let written = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT json_extract(probabilities, '$.up') FROM predictions ORDER BY row_key")
        }
        for (a, b) in zip(alone, written) { XCTAssertEqual(a, b, accuracy: 2e-6) }
    }

    func testCrossValidationTrainsOneNetworkPerFold() throws {
        var options = self.options("clips", "direction", .cnnLSTM, layers: "conv2d(4,2,same) relu lstm(6) dense", epochs: 2)
        options.folds = 3
        let report = try Trainer.train(options, in: store)
        XCTAssertEqual(report.headlines.last?.split, "cv")
        XCTAssertEqual(try count("SELECT count(DISTINCT fold) FROM training_log WHERE fold IS NOT NULL"), 3)
        XCTAssertEqual(try count("SELECT count(*) FROM training_log WHERE fold = 2"), 4)
        XCTAssertEqual(try count("SELECT count(DISTINCT fold) FROM cv_scores"), 3)
        XCTAssertEqual(try count("SELECT count(*) FROM predictions WHERE split = 'cv'"), report.rows[.train])
    }

    /// scikit-learn 1.9 compute_class_weight("balanced", classes=[0, 1], y=[0, 0, 0, 1]) = [0.6667, 2.0].
    func testBalancedClassWeightsAreScikitLearns() throws {
        let weights = NetworkTrainer.balancedWeights(.classes([0, 0, 0, 1], count: 2), classCount: 2)
        XCTAssertEqual(weights[0], 4 / 6, accuracy: 1e-6)
        XCTAssertEqual(weights[1], 2, accuracy: 1e-6)
        var options = self.options("pictures", "label", .cnn, layers: "conv2d(2,3) relu flatten dense", epochs: 1)
        options.balancedClasses = true
        _ = try Trainer.train(options, in: store)
        let recorded = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT json_extract(parameters, '$.class_weight') FROM models") }
        XCTAssertEqual(recorded, "balanced")
    }

    func testMLPOnNumericColumnsStandardizesThem() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE points (row_id INTEGER PRIMARY KEY, a REAL, b REAL, y INTEGER)")
            var random = SeededRandom(seed: 8)
            for _ in 0..<150 {
                let a = random.uniform() * 1000, b = random.uniform()
                try db.execute(sql: "INSERT INTO points (a, b, y) VALUES (?, ?, ?)", arguments: [a, b, a / 1000 + b > 1 ? 1 : 0])
            }
        }
        _ = try Trainer.train(options("points", "y", .mlp, epochs: 30), in: store)
        let preprocessing = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT preprocessing FROM models") } ?? ""
        XCTAssertTrue(preprocessing.contains(#""dtype":"columns""#), preprocessing)
        let accuracy = try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE split = 'test' AND metric = 'accuracy'") }
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(accuracy), 0.85)
        let fromSQL = try store.queue.read { db in try Int.fetchAll(db, sql: "SELECT predict('points_mlp', a, b) FROM points ORDER BY row_id") }
        let written = try store.queue.read { db in try Int.fetchAll(db, sql: "SELECT predicted FROM predictions ORDER BY row_key") }
        XCTAssertEqual(fromSQL, written)
    }

    // MARK: - Failures write nothing

    func testBadRunsAreSentencesAndWriteNothing() throws {
        let cases: [(TrainingOptions, String)] = [
            (options("pictures", "label", .cnn, layers: "conv2d(4,3) dense"),
             "--layers: layer 2 dense needs a flat vector but gets 4×6×6; add flatten or global_avg_pool before it (the input is 1×8×8 per row; after each layer: 4×6×6)."),
            (options("pictures", "label", .cnn, layers: "conv2d(4,9) flatten dense"),
             "--layers: layer 1 conv2d(4,9) has a 9×9 kernel but gets 1×8×8; use a smaller kernel, fewer pools before it, `same` padding or larger inputs (the input is 1×8×8 per row; after each layer: none yet)."),
            (options("clips", "direction", .cnn, layers: "conv2d(4,3) flatten dense"),
             "--layers: layer 2 flatten needs rows of one length, but they run from 4 to 12 steps; give every row the same frames (ingest with --frames N, or tensor_pad in the view), or use global_avg_pool or a recurrent layer instead (the input is 1×3×14 per row; after each layer: 4×1×(4–12))."),
        ]
        for (options, message) in cases {
            XCTAssertThrowsError(try Trainer.train(options, in: store)) { error in XCTAssertEqual("\(error)", message) }
        }
        try store.queue.write { db in try db.execute(sql: "CREATE VIEW labels AS SELECT row_id, label, split FROM pictures") }
        XCTAssertThrowsError(try Trainer.train(options("labels", "label", .cnn), in: store)) { error in
            XCTAssertEqual("\(error)", "'labels' has no tensor column; cnn trains on images or MFCC matrices (store ingest images, store ingest audio). For numeric columns use --model mlp.")
        }
        var wrongAugmentation = options("clips", "direction", .lstm, layers: "lstm(4) dense")
        wrongAugmentation.network?.training.augmentation = try Augmentation("flip")
        XCTAssertThrowsError(try Trainer.train(wrongAugmentation, in: store)) { error in
            XCTAssertEqual("\(error)", "--augment flip: flip, rotate, zoom and shift change pictures, and 'clips's input is not images (uint8 height × width × channels).")
        }
        try store.queue.write { db in try db.execute(sql: "UPDATE pictures SET image = NULL WHERE row_id = 7") }
        XCTAssertThrowsError(try Trainer.train(options("pictures", "label", .cnn), in: store)) { error in
            XCTAssertEqual("\(error)", "'pictures' row 7 has no tensor in image; filter such rows out in the view (WHERE image IS NOT NULL).")
        }
        for table in ["models", "model_arrays", "training_log", "predictions", "metrics"] {
            XCTAssertEqual(try count("SELECT count(*) FROM \(table)"), 0, "\(table) is empty after failed runs")
        }
    }
}
