import GRDB
import StoreCore
import StoreFunctions
import StoreIngest
import StoreLearn
import StoreSamples
import StoreTestSupport
import XCTest

/// The views of queries/ on real sample data: every file installs, every
/// view runs, and the features are what credit_features.sql promises.
final class CreditViewsTests: XCTestCase {
    func testQueriesInstallAndFeaturesAreModelReady() throws {
        let folder = try TestFolder()
        let csv = folder.path("credit.csv")
        try CreditSample(rows: 3_000, seed: 11).write(toFile: csv)
        let store = try StoreFile.open(at: folder.path("v.db"), setup: StoreFunctions.setup)
        _ = try CSVIngest.run(source: csv, table: "credit", options: CSVOptions(), mode: .create, into: store)
        let files = try FileManager.default.contentsOfDirectory(at: repositoryFolder.appendingPathComponent("queries"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" && !$0.lastPathComponent.hasPrefix("speech_") && !$0.lastPathComponent.hasPrefix("shapes_") }
        // credit_split first (the features view reads it), the audits last:
        // they read the predictions of a model trained on the features.
        func order(_ file: URL) -> (Int, String) {
            let name = file.lastPathComponent
            return (name.contains("split") ? 0 : name.hasPrefix("audit_") ? 2 : 1, name)
        }
        for file in files.sorted(by: { order($0) < order($1) }) {
            if order(file).0 == 2, try store.queue.read({ db in try Int.fetchOne(db, sql: "SELECT count(*) FROM models") }) == 0 {
                var options = TrainingOptions(view: "credit_features", target: "default_", kind: .logisticRegression)
                options.name = "credit_model"
                _ = try Trainer.train(options, in: store)
            }
            var writer = ResultWriter(format: .csv, output: DiscardedOutput())
            try SQLScript.run(try String(contentsOf: file, encoding: .utf8), in: store, writer: &writer)
        }
        let views = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name") }
        XCTAssertEqual(views, ["audit_calibration", "audit_errors_by_group", "audit_misclassified", "credit_default_by_grade", "credit_features",
                               "credit_model_comparison", "credit_split"])
        for view in views {
            let rows = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLIdentifier.quoted(view))") }
            XCTAssertGreaterThan(rows ?? 0, 0, view)
        }
        // credit_model_comparison puts the latest credit_model beside the latest
        // credit_logistic: one row per model and test row, for ztest_prop.
        var logistic = TrainingOptions(view: "credit_features", target: "default_", kind: .logisticRegression)
        logistic.name = "credit_logistic"
        _ = try Trainer.train(logistic, in: store)
        let comparison = try store.queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT count(*), count(DISTINCT model), sum(correct), (SELECT count(*) FROM credit_split WHERE split = 'test'),
                       json_extract(ztest_prop(correct, model), '$.groups'),
                       (SELECT sum(predicted = actual) FROM predictions WHERE split = 'test' AND model_id = (SELECT max(id) FROM models))
                FROM credit_model_comparison
                """)
        }
        let compared = try XCTUnwrap(comparison)
        XCTAssertEqual(compared[0] as Int, 2 * (compared[3] as Int))
        XCTAssertEqual(compared[1] as Int, 2)
        XCTAssertEqual(compared[4] as String, #"["credit_logistic","credit_model"]"#)
        XCTAssertGreaterThan(compared[2] as Int, compared[5] as Int, "the correct rows of both models")
        let features = try store.queue.read { db in try db.columns(in: "credit_features").map(\.name) }
        XCTAssertEqual(features, [
            "row_id", "split", "age", "income", "income_missing", "employment_years", "employment_years_missing",
            "loan_amount", "interest_rate", "debt_to_income", "debt_to_income_missing", "home_ownership",
            "loan_purpose", "credit_grade", "has_cosigner", "default_",
        ])
        let check = try store.queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT count(*),
                       sum(age IS NULL OR income IS NULL OR employment_years IS NULL OR loan_amount IS NULL
                           OR interest_rate IS NULL OR debt_to_income IS NULL),
                       avg(split = 'test'), avg(split = 'validation'),
                       median(CASE WHEN split = 'train' THEN income END),
                       iqr(CASE WHEN split = 'train' THEN loan_amount END),
                       max(credit_grade), min(credit_grade)
                FROM credit_features
                """)
        }
        let row = try XCTUnwrap(check)
        XCTAssertEqual(row[0] as Int, 3_000)
        XCTAssertEqual(row[1] as Int, 0, "imputed: no missing feature values")
        XCTAssertEqual(row[2] as Double, 0.2, accuracy: 0.001)
        XCTAssertEqual(row[3] as Double, 0.1, accuracy: 0.001)
        // Fitted on train: the scaled training median is 0, the scaled training IQR is 1
        // (imputed incomes sit at the median, so the training median stays 0).
        XCTAssertEqual(row[4] as Double, 0, accuracy: 1e-12)
        XCTAssertEqual(row[5] as Double, 1, accuracy: 1e-12)
        XCTAssertEqual(row[6] as Int, 6, "grades A..G encode as 0..6")
        XCTAssertEqual(row[7] as Int, 0)

        // Encodings are fitted on training categories: one only a test row has is unknown (-1).
        let unseen = try store.queue.write { db -> Int? in
            try db.execute(sql: """
                UPDATE credit SET home_ownership = 'CASTLE'
                WHERE row_id = (SELECT min(row_id) FROM credit_split WHERE split = 'test')
                """)
            return try Int.fetchOne(db, sql: """
                SELECT home_ownership FROM credit_features
                WHERE row_id = (SELECT min(row_id) FROM credit_split WHERE split = 'test')
                """)
        }
        XCTAssertEqual(unseen, -1)
        let codes = try store.queue.read { db in try Int.fetchAll(db, sql: "SELECT DISTINCT home_ownership FROM credit_features WHERE split = 'train' ORDER BY 1") }
        XCTAssertEqual(codes, [0, 1, 2], "three training categories, coded in sorted order")
    }
}

/// A `ResultWriter` output that keeps nothing.
struct DiscardedOutput: TextOutputStream {
    mutating func write(_ string: String) {}
}
