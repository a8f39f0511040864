import Foundation
import StoreTestSupport
import XCTest

/// `store train --model cnn|lstm|…` from the command line, and libtorch
/// staying out of every other command.
final class NetworkCommandTests: XCTestCase {
    var store: StoreRunner!

    /// 40 shapes pictures (10 per class) as 16 × 16 RGB tensors, split by the view.
    override func setUpWithError() throws {
        store = try StoreRunner()
        XCTAssertEqual(try store.run(["sample", "shapes", "--per-class", "10", "--out", "pics"]).status, 0)
        let ingest = try store.run(["ingest", "images", "pics", "--table", "pics", "--size", "16x16"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let view = try store.run(["sql", "CREATE VIEW pic_input AS SELECT row_id, CASE WHEN row_id % 5 = 0 THEN 'test' ELSE 'train' END AS split, label, image FROM pics"])
        XCTAssertEqual(view.status, 0, view.stderr)
    }

    /// The files the dynamic loader opened for a command (glibc's
    /// LD_DEBUG=files, written to files named `loader.PID` rather than to
    /// stderr, which it would flood).
    func loadedLibraries(_ arguments: [String]) throws -> (status: Int32, libraries: [String]) {
        let prefix = store.path("loader-\(UUID().uuidString)")
        let result = try store.run(arguments, environment: ["LD_DEBUG": "files", "LD_DEBUG_OUTPUT": prefix])
        let folder = (prefix as NSString).deletingLastPathComponent
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { ($0 as NSString).lastPathComponent.hasPrefix((prefix as NSString).lastPathComponent) }
        let text = try logs.map { try String(contentsOfFile: (folder as NSString).appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let libraries = text.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "file=") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != " " && $0 != "[" && $0 != ";" })
        }
        return (result.status, libraries)
    }

    /// Commands that do not train or score a network never load libtorch, so
    /// they keep their start-up time (linking it costs 0.4–1.4 s).
    func testOnlyNetworksLoadLibtorch() throws {
        for arguments in [["tables"], ["sql", "SELECT count(*) FROM pics"], ["describe", "pics"], ["models"]] {
            let (status, libraries) = try loadedLibraries(arguments)
            XCTAssertEqual(status, 0, "\(arguments)")
            XCTAssertFalse(libraries.isEmpty, "LD_DEBUG lists what loads")
            XCTAssertFalse(libraries.contains { $0.contains("torch") || $0.contains("StoreTorch") }, "\(arguments) loaded \(libraries.filter { $0.contains("torch") })")
        }
        let (status, libraries) = try loadedLibraries(["train", "--view", "pic_input", "--target", "label", "--model", "cnn",
                                                        "--layers", "conv2d(2,3) relu flatten dense", "--epochs", "1", "--threads", "1"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(libraries.contains { $0.hasSuffix("libStoreTorch.so") }, "training loads the bridge")
        XCTAssertTrue(libraries.contains { $0.contains("libtorch_cpu") }, "and libtorch with it")
    }

    func testTrainingPrintsAnEpochLineEachAndTheNetwork() throws {
        let result = try store.run(["train", "--view", "pic_input", "--target", "label", "--model", "cnn", "--layers", "conv2d(4,3) relu maxpool(2) flatten dense",
                                    "--epochs", "3", "--batch-size", "8", "--augment", "flip,rotate=10", "--threads", "1", "--name", "pics_cnn"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6, result.stdout)
        let number = "[0-9]+\\.[0-9]{4}"
        for (index, line) in lines.prefix(3).enumerated() {
            let pattern = "^epoch \(index + 1)/3  loss \(number)  accuracy \(number)  val_loss \(number)  val_accuracy \(number)  [0-9]+\\.[0-9] s$"
            XCTAssertNotNil(line.range(of: pattern, options: .regularExpression), line)
        }
        // 4 × (3·3·3) + 4 convolution weights and biases, then 4 classes × 196 (4 × 7 × 7) + 4.
        XCTAssertEqual(lines[3], "network: conv2d(4,3) relu maxpool(2) flatten dense (900 parameters, libtorch 1.13.0).")
        XCTAssertTrue(lines[4].hasPrefix("pics_cnn version 1: cnn, classification, rows 28 train, 4 validation, 8 test, "), lines[4])
        XCTAssertTrue(lines[5].hasPrefix("test: accuracy "), lines[5])
        let log = try store.run(["sql", "SELECT split, count(*) FROM training_log GROUP BY split ORDER BY split"])
        XCTAssertEqual(log.stdout, "split,count(*)\ntrain,3\nvalidation,3\n")
        let parameters = try store.run(["sql", "SELECT json_extract(parameters, '$.augment'), json_extract(parameters, '$.threads') FROM models"])
        XCTAssertEqual(parameters.stdout, "\"json_extract(parameters, '$.augment')\",\"json_extract(parameters, '$.threads')\"\n\"flip,rotate=10.0\",1\n")
    }

    func testNetworkFlagsAndLayersAreCheckedAndWriteNothing() throws {
        let tree = try store.run(["train", "--view", "pic_input", "--target", "label", "--model", "random_forest", "--epochs", "3"])
        XCTAssertNotEqual(tree.status, 0)
        XCTAssertTrue(tree.stderr.contains("--input, --layers, --epochs, --batch-size, --lr, --optimizer, --momentum, --l2, --patience, --validation-share, --augment and --threads are for --model mlp, cnn, lstm or cnn_lstm."), tree.stderr)
        let layers = try store.run(["train", "--view", "pic_input", "--target", "label", "--model", "cnn", "--layers", "conv2d(4,3) relu dense"])
        XCTAssertNotEqual(layers.status, 0)
        XCTAssertTrue(layers.stderr.contains("--layers: layer 3 dense needs a flat vector but gets 4×14×14; add flatten or global_avg_pool before it"), layers.stderr)
        let momentum = try store.run(["train", "--view", "pic_input", "--target", "label", "--model", "cnn", "--momentum", "0.9"])
        XCTAssertTrue(momentum.stderr.contains("--momentum is for --optimizer sgd."), momentum.stderr)
        XCTAssertEqual(try store.run(["sql", "SELECT count(*) FROM models"]).stdout, "count(*)\n0\n")
    }
}
