import Foundation
import GRDB
import StoreCore
import StoreFunctions
@testable import StoreLearn
import StoreTestSupport
import XCTest

extension StoreFile {
    /// The fitted model of `models` row `id` (the latest when nil), decoded
    /// from its JSON and its `model_arrays` as scoring decodes it.
    func storedTrainedModel(id: Int64? = nil) throws -> TrainedModel {
        try queue.read { db in
            let id = try id ?? Int64.fetchOne(db, sql: "SELECT max(id) FROM models") ?? 0
            let json = try String.fetchOne(db, sql: "SELECT model FROM models WHERE id = ?", arguments: [id]) ?? ""
            let arrays = try Row.fetchAll(db, sql: "SELECT name, array FROM model_arrays WHERE model_id = ?", arguments: [id])
                .map { row -> (String, [UInt8]) in (row[0], Array(row[1] as Data)) }
            return try ModelArrays.decode(TrainedModel.self, from: json, arrays: arrays)
        }
    }
}

/// Models stored as a small JSON description with their large fitted arrays
/// as tensors in `model_arrays` (format 2, ModelArray rules 1–3), and models
/// written before that (format 1, every number in the JSON) still scoring.
final class ModelStorageTests: XCTestCase {
    var store: StoreFile!
    var folder: TestFolder!

    /// 1,000 rows of two features and a noisy class that depends on both:
    /// fully grown trees on them have hundreds of nodes.
    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try StoreFile.open(at: folder.path("m.db"), setup: ModelFunctions.setup)
        var random = SeededRandom(seed: 12)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE points (row_id INTEGER PRIMARY KEY, a REAL, b REAL, y INTEGER)")
            for _ in 0..<1_000 {
                let a = random.normal(), b = random.normal()
                try db.execute(sql: "INSERT INTO points (a, b, y) VALUES (?, ?, ?)", arguments: [a, b, a + 0.5 * b + random.normal() * 0.8 > 0 ? 1 : 0])
            }
        }
    }

    func scores(_ model: String) throws -> [Double] {
        try store.queue.read { db in
            try Scoring.score(model: model, version: nil, view: "points", in: db).map { Double.fromDatabaseValue($0[2]) ?? .nan }
        }
    }

    func testLargeArraysAreTensorsAndSmallOnesStayInTheJSON() throws {
        var options = TrainingOptions(view: "points", target: "y", kind: .randomForest)
        options.settings = ModelSettings(values: ["n_estimators": "3"])
        options.name = "forest"
        _ = try Trainer.train(options, in: store)
        let (json, names, dtypes, format) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "SELECT model FROM models") ?? "",
             try String.fetchAll(db, sql: "SELECT name FROM model_arrays ORDER BY rowid"),
             try String.fetchAll(db, sql: "SELECT DISTINCT tensor_dtype(array) FROM model_arrays ORDER BY 1"),
             try Int.fetchOne(db, sql: "SELECT format_version FROM models"))
        }
        XCTAssertEqual(format, 2)
        XCTAssertEqual(Array(names.prefix(8)), ["fitted.trees.0.feature", "fitted.trees.0.threshold", "fitted.trees.0.left", "fitted.trees.0.right",
                                                "fitted.trees.0.value", "fitted.trees.0.impurity", "fitted.trees.0.sampleCount", "fitted.trees.0.weightedSampleCount"])
        XCTAssertEqual(names.count, 24, "8 node arrays for each of 3 trees (each has 64 nodes or more)")
        let nodes = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT min(json_extract(tensor_shape(array), '$[0]')) FROM model_arrays WHERE name LIKE '%.left'") }
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(nodes), 64)
        XCTAssertEqual(dtypes, ["float64", "int32"])
        XCTAssertTrue(json.contains(#""threshold":{"array":"fitted.trees.0.threshold"}"#), json)
        XCTAssertLessThan(json.utf8.count, 1_500, "the JSON is a description, about 450 bytes a tree: \(json)")
        // What the trainer wrote is what the stored model predicts.
        let written = try store.queue.read { db in try Double.fetchAll(db, sql: "SELECT score FROM predictions ORDER BY row_key") }
        XCTAssertEqual(try scores("forest"), written)

        var logistic = TrainingOptions(view: "points", target: "y", kind: .logisticRegression)
        logistic.name = "logistic"
        let report = try Trainer.train(logistic, in: store)
        let (coefficients, arrays) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "SELECT json_extract(model, '$.fitted.coefficients') FROM models WHERE id = ?", arguments: [report.modelID]),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM model_arrays WHERE model_id = ?", arguments: [report.modelID]))
        }
        XCTAssertNotNil(coefficients.flatMap { $0.hasPrefix("[[") ? $0 : nil }, "two coefficients stay readable: \(coefficients ?? "none")")
        XCTAssertEqual(arrays, 0)
    }

    /// A model as format 1 wrote it — the same JSON with every array inline
    /// (an encoder without a sink writes it that way), no rows in
    /// model_arrays — scores exactly as the format 2 row it came from.
    func testModelsOfTheFirstFormatStillLoad() throws {
        for kind in [ModelKind.randomForest, .gradientBoosting, .knn, .svm, .naiveBayes, .stacking] {
            var options = TrainingOptions(view: "points", target: "y", kind: kind)
            options.name = kind.rawValue
            if kind == .randomForest { options.settings = ModelSettings(values: ["n_estimators": "5"]) }
            if kind == .stacking { options.settings = ModelSettings(values: ["random_forest.n_estimators": "5"]) }
            let report = try Trainer.train(options, in: store)
            let expected = try scores(kind.rawValue)
            let model = try store.storedTrainedModel(id: report.modelID)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let inline = String(decoding: try encoder.encode(model), as: UTF8.self)
            XCTAssertFalse(inline.contains(#"{"array":"#), kind.rawValue)
            try store.queue.write { db in
                try db.execute(sql: "UPDATE models SET model = ?, format_version = 1 WHERE id = ?", arguments: [inline, report.modelID])
                try db.execute(sql: "DELETE FROM model_arrays WHERE model_id = ?", arguments: [report.modelID])
            }
            XCTAssertEqual(try scores(kind.rawValue), expected, kind.rawValue)
        }
    }

    /// ModelArray rules 1–3 on values chosen to hit each dtype.
    func testEachArrayGetsTheNarrowestExactDType() throws {
        struct Arrays: Codable, Equatable {
            var whole: ModelArray<Double>
            var fractions: ModelArray<Double>
            var negativeZero: ModelArray<Double>
            var indices: ModelArray<Int>
            var large: ModelArray<Int>
            var short: ModelArray<Double>
        }
        let value = Arrays(
            whole: ModelArray((0..<64).map { Double($0 * 1_000) }),
            fractions: ModelArray((0..<64).map { Double($0) / 3 }),
            negativeZero: ModelArray([-0.0] + [Double](repeating: 1, count: 63)),
            indices: ModelArray((0..<64).map { $0 - 2 }),
            large: ModelArray((0..<64).map { $0 + (1 << 40) }),
            short: ModelArray([0.5, 2]))
        let (json, arrays) = try ModelArrays.encode(value)
        XCTAssertEqual(json, #"{"fractions":{"array":"fractions"},"indices":{"array":"indices"},"large":{"array":"large"},"negativeZero":{"array":"negativeZero"},"short":[0.5,2],"whole":{"array":"whole"}}"#)
        let dtypes = try arrays.map { item in (item.name, try item.blob.withUnsafeBytes { try TensorView($0).dtype.name }) }
        XCTAssertEqual(dtypes.map(\.0), ["whole", "fractions", "negativeZero", "indices", "large"])
        XCTAssertEqual(dtypes.map(\.1), ["int32", "float64", "float64", "int32", "float64"])
        let back = try ModelArrays.decode(Arrays.self, from: json, arrays: arrays.map { ($0.name, $0.blob) })
        XCTAssertEqual(back, value)
        XCTAssertEqual(back.negativeZero.values[0].sign, .minus)
    }

    func testAMissingOrBrokenArrayIsAClearError() throws {
        var options = TrainingOptions(view: "points", target: "y", kind: .decisionTree)
        options.name = "tree"
        _ = try Trainer.train(options, in: store)
        let name = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT name FROM model_arrays WHERE name LIKE '%threshold'") }
        XCTAssertEqual(name, "fitted.tree.threshold")
        try store.queue.write { db in try db.execute(sql: "DELETE FROM model_arrays WHERE name = 'fitted.tree.threshold'") }
        XCTAssertThrowsError(try scores("tree")) { error in
            XCTAssertTrue("\(error)".contains("model 'tree' in the models table cannot be read"), "\(error)")
            XCTAssertTrue("\(error)".contains("the array fitted.tree.threshold is not in model_arrays"), "\(error)")
        }
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO model_arrays (model_id, name, array) SELECT max(id), 'fitted.tree.threshold', tensor('[[1]]') FROM models")
        }
        XCTAssertThrowsError(try scores("tree")) { error in
            XCTAssertTrue("\(error)".contains("the array fitted.tree.threshold in model_arrays: a model's array has one axis, not 2"), "\(error)")
        }
        try store.queue.write { db in try db.execute(sql: "UPDATE model_arrays SET array = x'54' WHERE name = 'fitted.tree.threshold'") }
        XCTAssertThrowsError(try scores("tree")) { error in
            XCTAssertTrue("\(error)".contains("the array fitted.tree.threshold in model_arrays: the BLOB is not a tensor"), "\(error)")
        }
    }
}
