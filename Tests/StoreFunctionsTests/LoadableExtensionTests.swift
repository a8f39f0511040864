import Foundation
import GRDB
import StoreCore
import StoreFunctions
import StoreLearn
import StoreNetworks
import StoreTestSupport
import XCTest

/// libStoreSQLite, loaded by the sqlite3 command-line shell (Debian's
/// `sqlite3` package, which scripts/install-deps installs), gives the same
/// answers as `store` does in process.
final class LoadableExtensionTests: XCTestCase {
    var folder: TestFolder!

    override func setUpWithError() throws {
        folder = try TestFolder()
    }

    /// libStoreSQLite.so, built next to the test bundle by `swift build`.
    var library: URL {
        get throws {
            var directory = Bundle.main.bundleURL
            if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
            let candidates = [directory, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
                .map { $0.appendingPathComponent("libStoreSQLite.so") }
            return try XCTUnwrap(candidates.first { FileManager.default.fileExists(atPath: $0.path) },
                                 "libStoreSQLite.so is not built; run `swift build --build-tests` (scripts/test does)")
        }
    }

    /// Runs the sqlite3 shell on `database` with `script` on standard input.
    func sqlite3(_ database: String, _ script: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-batch", database]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testTheShellLoadsTheExtensionAndAgreesWithStore() throws {
        let path = folder.path("store.db")
        let store = try StoreFile.open(at: path, setup: StoreFunctions.setup)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (g TEXT, x REAL, pixels BLOB)")
            try db.execute(sql: """
                INSERT INTO t VALUES ('a', 1, tensor('[[0,10],[20,30]]', 'uint8')), ('a', 2, NULL), ('a', 10, NULL),
                                     ('b', 4, NULL), ('b', 4.5, NULL), ('b', 'n/a', NULL)
                """)
        }
        let queries = [
            "SELECT g, median(x), quantile(x, 0.9), iqr(x), variance(x), mode(x) FROM t GROUP BY g ORDER BY g",
            "SELECT x, median(x) OVER (PARTITION BY g ORDER BY x ROWS 1 PRECEDING) FROM t WHERE typeof(x) = 'real' ORDER BY g, x",
            "SELECT skewness(x), kurtosis(x), corr(x, x * x), stddev_pop(x) FROM t",
            "SELECT robust_scale(x, median(x) OVER (), iqr(x) OVER ()), split_bucket(x, 42) FROM t WHERE g = 'a' ORDER BY x",
            "SELECT tensor_shape(pixels), tensor_dtype(pixels), tensor_mean(pixels), tensor_json(tensor_pad(pixels, 3)) FROM t WHERE pixels IS NOT NULL",
            "SELECT store_version()",
        ]
        let expected = try store.queue.read { db in
            try queries.map { sql in
                try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map(Self.shellText).joined(separator: "|")
                }.joined(separator: "\n")
            }
        }
        let script = ".load \(try library.path)\n" + queries.map { $0 + ";\n" }.joined()
        let result = try sqlite3(path, script)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, expected.joined(separator: "\n") + "\n")
        XCTAssertTrue(result.stdout.hasPrefix("a|2.0|8.4|4.5|24.3333333333333|1.0\nb|4.25|4.45|0.25|0.125|4.0\n1.0|1.0\n"), result.stdout)
    }

    /// The distribution functions and the test aggregates (through GSL,
    /// which the library loads) give the shell the same answers as `store`.
    func testTheShellRunsTheDistributionsAndTests() throws {
        let path = folder.path("tests.db")
        let store = try StoreFile.open(at: path, setup: StoreFunctions.setup)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE s (g TEXT, x REAL)")
            try db.execute(sql: "INSERT INTO s VALUES ('a', 2.1), ('a', 3.4), ('a', 1.9), ('a', 5.6), ('b', 4.8), ('b', 5.9), ('b', 6.1), ('b', 3.9), ('b', 5.5)")
        }
        let queries = [
            "SELECT t_sf(36.5, 9998), chi2_ppf(0.95, 1), f_sf(18.7, 5, 1e6), normal_ppf(1e-300)",
            "SELECT ttest_ind(x, g), mannwhitneyu(x, g) FROM s",
            "SELECT json_extract(anova_oneway(x, g), '$.p'), json_extract(chi2_independence(g, x > 4), '$.chi2') FROM s",
        ]
        let expected = try store.queue.read { db in
            try queries.map { sql in
                try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map(Self.shellText).joined(separator: "|")
                }.joined(separator: "\n")
            }
        }
        let script = ".load \(try library.path)\n" + queries.map { $0 + ";\n" }.joined()
        let result = try sqlite3(path, script)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, expected.joined(separator: "\n") + "\n")
        // scipy 1.17.1: stats.t.sf(36.5, 9998) = 3.075881825960322e-274, chi2.ppf(0.95, 1) = 3.841458820694124 (15 digits in the shell).
        XCTAssertTrue(result.stdout.hasPrefix("3.07588182596"), result.stdout)
        XCTAssertTrue(result.stdout.contains("|3.84145882069412|"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"{"d":"#), result.stdout)
        let errors = try sqlite3(path, ".load \(try library.path)\nSELECT t_ppf(2, 3);\nSELECT ttest_ind(x, 'one') FROM s;\n")
        XCTAssertTrue(errors.stderr.contains("t_ppf(): first argument (p) must be a number between 0 and 1, not 2"), errors.stderr)
        XCTAssertTrue(errors.stderr.contains("ttest_ind(): the second argument must hold exactly 2 groups, and it holds 1: 'one'."), errors.stderr)
    }

    func testErrorsReachTheShellAsSQLErrors() throws {
        let result = try sqlite3(folder.path("e.db"), ".load \(try library.path)\nSELECT tensor_mean(x'00');\nSELECT split_bucket(1, 'seed');\n")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("tensor_mean(): the BLOB is not a tensor: it does not start with the bytes 'TNSR'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("split_bucket(): second argument must be an integer seed"), result.stderr)
    }

    /// predict() and predict_proba() in the shell score rows as `store
    /// predict` does (Scoring, the same rows and stored model) and as the
    /// training run wrote them to `predictions`: a classifier with a TEXT
    /// target, median fills and one-hot colours, and a regression.
    func testTheShellScoresRowsWithAStoredModel() throws {
        let path = folder.path("models.db")
        let store = try StoreFile.open(at: path, setup: ModelFunctions.setup)
        var random = SeededRandom(seed: 11)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE rows (row_id INTEGER PRIMARY KEY, a REAL, b REAL, colour TEXT, y TEXT, amount REAL)")
            for index in 0..<80 {
                let a = random.uniform(), b = random.uniform()
                try db.execute(sql: "INSERT INTO rows (a, b, colour, y, amount) VALUES (?, ?, ?, ?, ?)",
                               arguments: [index % 13 == 0 ? nil : a, b, ["red", "blue", "green"][index % 3], a + 0.2 * b > 0.6 ? "yes" : "no", 3 * b - a])
            }
            try db.execute(sql: "CREATE VIEW answers AS SELECT row_id, a, b, colour, y FROM rows")
            try db.execute(sql: "CREATE VIEW amounts AS SELECT row_id, a, b, amount FROM rows WHERE a IS NOT NULL")
        }
        var classifier = TrainingOptions(view: "answers", target: "y", kind: .randomForest)
        classifier.impute = .median
        classifier.encode = .onehot
        classifier.settings = ModelSettings(values: ["n_estimators": "15", "max_depth": "4"])
        classifier.name = "yes_no"
        _ = try Trainer.train(classifier, in: store)
        var regression = TrainingOptions(view: "amounts", target: "amount", kind: .linearRegression)
        regression.name = "amount"
        _ = try Trainer.train(regression, in: store)

        // What `store predict` gives, and what training wrote to predictions.
        let (scored, amounts, stored) = try store.queue.read { db in
            (try Scoring.score(model: "yes_no", version: nil, view: "answers", in: db),
             try Scoring.score(model: "amount", version: nil, view: "amounts", in: db),
             try Row.fetchAll(db, sql: "SELECT p.row_key, p.predicted, p.score FROM predictions p JOIN models m ON m.id = p.model_id WHERE m.name = 'yes_no' ORDER BY p.row_key"))
        }
        XCTAssertEqual(scored.count, 80)
        XCTAssertEqual(amounts.count, 80 - 7)

        let result = try sqlite3(path, """
            .load \(try library.path)
            .separator ,
            SELECT row_id, predict('yes_no', a, b, colour), predict_proba('yes_no', 'yes', a, b, colour), predict_proba('yes_no', 'no', a, b, colour) FROM answers ORDER BY row_id;
            SELECT row_id, predict('amount', a, b) FROM amounts ORDER BY row_id;
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.count, 80 + 73)
        for (line, (expected, written)) in zip(lines.prefix(80), zip(scored, stored)) {
            XCTAssertEqual(line[0], Self.shellText(expected[0]))
            XCTAssertEqual(line[1], Self.shellText(expected[1]), "row \(line[0])")
            XCTAssertEqual(line[1], written["predicted"] as String, "row \(line[0])")
            // score is the probability of the positive class ('yes', the second of no < yes).
            let yes = try XCTUnwrap(Double(line[2])), no = try XCTUnwrap(Double(line[3]))
            XCTAssertEqual(yes, try XCTUnwrap(Double.fromDatabaseValue(expected[2])), accuracy: 1e-14)
            XCTAssertEqual(yes, written["score"] as Double, accuracy: 1e-14)
            XCTAssertEqual(yes + no, 1, accuracy: 1e-14)
        }
        XCTAssertGreaterThan(Set(lines.prefix(80).map { $0[1] }).count, 1, "both classes are predicted")
        for (line, expected) in zip(lines.dropFirst(80), amounts) {
            XCTAssertEqual(line[0], Self.shellText(expected[0]))
            XCTAssertEqual(try XCTUnwrap(Double(line[1])), try XCTUnwrap(Double.fromDatabaseValue(expected[1])), accuracy: 1e-13)
        }

        let missing = try sqlite3(path, ".load \(try library.path)\nSELECT predict('nobody', 1);\nSELECT predict_proba('amount', 1, 0.5, 0.5);\n")
        XCTAssertTrue(missing.stderr.contains("there is no model 'nobody'; see store models."), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("predict_proba: 'amount' is a regression model; use predict()."), missing.stderr)
    }

    /// A network scored in the shell: libStoreSQLite finds libStoreTorch.so
    /// beside itself, rebuilds the CNN from `model_arrays`, and gives the
    /// probabilities the training run wrote for each picture.
    func testTheShellScoresTensorsWithAStoredNetwork() throws {
        let path = folder.path("network.db")
        let store = try StoreFile.open(at: path, setup: ModelFunctions.setup)
        var random = SeededRandom(seed: 2)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE pictures (row_id INTEGER PRIMARY KEY, label TEXT, image BLOB)")
            for index in 0..<40 {
                let dark = index % 2 == 0
                let pixels = (0..<36).map { _ in UInt8(clamping: (dark ? 30 : 200) + Int(random.uniform() * 50)) }
                try db.execute(sql: "INSERT INTO pictures (label, image) VALUES (?, ?)",
                               arguments: [dark ? "dark" : "light", Data(try Tensor(shape: [6, 6, 1], uint8: pixels).blob)])
            }
        }
        var options = TrainingOptions(view: "pictures", target: "label", kind: .cnn)
        var network = NetworkOptions()
        network.layers = "conv2d(2,3) relu flatten dense"
        network.training.epochs = 2
        network.threads = 1
        options.network = network
        _ = try Trainer.train(options, in: store)
        let written = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT predicted, json_extract(probabilities, '$.light') FROM predictions ORDER BY row_key")
        }
        let result = try sqlite3(path, """
            .load \(try library.path)
            .separator ,
            SELECT predict('pictures_cnn', image), predict_proba('pictures_cnn', 'light', image) FROM pictures ORDER BY row_id;
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(lines.count, 40)
        for (line, row) in zip(lines, written) {
            XCTAssertEqual(line[0], row[0] as String)
            XCTAssertEqual(try XCTUnwrap(Double(line[1])), row[1] as Double, accuracy: 1e-6)
        }
    }

    /// A value as the sqlite3 shell prints it in list mode: doubles as
    /// `%!.15g` (".0" on integral ones), NULL as nothing.
    static func shellText(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let integer): return String(integer)
        case .string(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .double(let number):
            var text = String(format: "%.15g", number)
            if !text.contains(where: { ".eEn".contains($0) }) { text += ".0" }
            return text
        }
    }
}
