import Foundation
import StoreCore
import StoreIngest
import StoreSamples
import XCTest

final class CreditSampleTests: XCTestCase {
    func testSameSeedSameBytesOtherSeedOtherBytes() {
        let first = CreditSample(rows: 500, seed: 42).text()
        XCTAssertEqual(first, CreditSample(rows: 500, seed: 42).text())
        XCTAssertNotEqual(first, CreditSample(rows: 500, seed: 43).text())
        XCTAssertTrue(first.hasPrefix(CreditSample.header + "\n00000001,"))
        XCTAssertEqual(first.split(separator: "\n").count, 501)
    }

    /// Ingested, the sample has the documented types, about 5% missing values
    /// in three columns, about 20% defaults, and a default rate that climbs
    /// with the credit grade (the features really predict the target).
    func testShapeRatesAndSignal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("credit-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("credit.csv").path
        try CreditSample(rows: 20_000, seed: 7).write(toFile: csv)
        let store = try StoreFile.open(at: folder.appendingPathComponent("s.db").path)
        let outcome = try CSVIngest.run(source: csv, table: "credit", options: CSVOptions(), mode: .create, into: store)
        XCTAssertEqual(outcome.rowsStored, 20_000)
        XCTAssertEqual(outcome.columns.map { "\($0.name) \($0.type.rawValue)" }, [
            "customer_id TEXT", "age INTEGER", "income REAL", "employment_years INTEGER", "home_ownership TEXT",
            "loan_amount REAL", "loan_purpose TEXT", "interest_rate REAL", "credit_grade TEXT",
            "debt_to_income REAL", "has_cosigner INTEGER", "default_ INTEGER",
        ])
        let rates = try store.queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT avg(income IS NULL), avg(employment_years IS NULL), avg(debt_to_income IS NULL),
                       avg(default_), avg(has_cosigner)
                FROM credit
                """)
        }
        let row = try XCTUnwrap(rates)
        for index in 0..<3 {
            let missing: Double = row[index]
            XCTAssertEqual(missing, 0.05, accuracy: 0.01, "missing share of column \(index)")
        }
        let defaultRate: Double = row[3]
        XCTAssertEqual(defaultRate, 0.20, accuracy: 0.03)
        let cosigners: Double = row[4]
        XCTAssertEqual(cosigners, 0.12, accuracy: 0.02)
        let byGrade = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT avg(default_) FROM credit GROUP BY credit_grade HAVING count(*) > 200 ORDER BY credit_grade")
        }
        XCTAssertGreaterThanOrEqual(byGrade.count, 5)
        XCTAssertEqual(byGrade, byGrade.sorted(), "default rate rises with grade: \(byGrade)")
        XCTAssertGreaterThan((byGrade.last ?? 0) - (byGrade.first ?? 0), 0.3)
    }
}

import GRDB
