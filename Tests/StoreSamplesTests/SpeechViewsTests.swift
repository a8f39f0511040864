import Foundation
import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

/// queries/speech_features.sql on a small speech table made in SQL.
final class SpeechViewsTests: XCTestCase {
    func testSpeechFeaturesSummarizeEachRecordingsMFCCs() throws {
        let folder = try TestFolder()
        let store = try StoreFile.open(at: folder.path("s.db"), setup: StoreFunctions.setup)
        // Two recordings of 40 MFCCs × 2 frames: coefficient k has frames (k, 3k) and (−k, k).
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE speech (row_id INTEGER PRIMARY KEY, emotion TEXT, seconds_after_trim REAL, mfcc BLOB)")
            for (row, emotion, sign) in [(1, "happy", 1.0), (2, "sad", -1.0)] {
                let frames = (0..<40).map { k in "[\(sign * Double(k)),\(sign > 0 ? 3 * Double(k) : Double(k))]" }
                try db.execute(sql: "INSERT INTO speech VALUES (?, ?, 1.5, tensor(?, 'float32'))",
                               arguments: [row, emotion, "[" + frames.joined(separator: ",") + "]"])
            }
            try db.execute(sql: "CREATE VIEW speech_split AS SELECT row_id, CASE row_id WHEN 1 THEN 'train' ELSE 'test' END AS split FROM speech")
        }
        var writer = ResultWriter(format: .csv, output: DiscardedOutput())
        let sql = try String(contentsOf: repositoryFolder.appendingPathComponent("queries/speech_features.sql"), encoding: .utf8)
        try SQLScript.run(sql, in: store, writer: &writer)
        let columns = try store.queue.read { db in try db.columns(in: "speech_features").map(\.name) }
        XCTAssertEqual(columns.count, 84)
        XCTAssertEqual(Array(columns.prefix(5)), ["row_id", "split", "emotion", "seconds_after_trim", "mfcc_mean_0"])
        XCTAssertEqual(columns.last, "mfcc_std_39")
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT split, emotion, mfcc_mean_7, mfcc_std_7, mfcc_mean_39, mfcc_std_0 FROM speech_features ORDER BY row_id")
        }
        XCTAssertEqual(rows.map { $0["split"] as String }, ["train", "test"])
        XCTAssertEqual(rows[0]["mfcc_mean_7"] as Double, 14)   // mean of 7 and 21
        XCTAssertEqual(rows[0]["mfcc_std_7"] as Double, 7)
        XCTAssertEqual(rows[1]["mfcc_mean_39"] as Double, 0)   // mean of −39 and 39
        XCTAssertEqual(rows[1]["mfcc_std_0"] as Double, 0)
    }
}
