import GRDB
import StoreCore
import XCTest

final class ResultWriterTests: XCTestCase {
    let columns = ["id", "name", "score", "blob", "note"]
    let rows: [[DatabaseValue]] = [
        [1.databaseValue, "Ann".databaseValue, 0.1.databaseValue, Data([1, 2, 3]).databaseValue, DatabaseValue.null],
        [22.databaseValue, "Smith, \"J\"".databaseValue, 3.0.databaseValue, DatabaseValue.null, "two\nlines".databaseValue],
        [(-3).databaseValue, "é".databaseValue, Double.infinity.databaseValue, DatabaseValue.null, "tab\there".databaseValue],
    ]

    func written(_ format: OutputFormat) -> String {
        var writer = ResultWriter(format: format, output: TextCollector())
        writer.write(columns: columns, rows: rows)
        return writer.output.text
    }

    func testTable() {
        XCTAssertEqual(written(.table), """
            id  name        score  blob            note
            --  ----------  -----  --------------  ----------
             1  Ann           0.1  <blob 3 bytes>  NULL
            22  Smith, "J"    3.0  NULL            two\\nlines
            -3  é             inf  NULL            tab\there

            """)
    }

    func testCSV() {
        XCTAssertEqual(written(.csv), [
            "id,name,score,blob,note",
            "1,Ann,0.1,AQID,",
            "22,\"Smith, \"\"J\"\"\",3.0,,\"two\nlines\"",
            "-3,é,inf,,tab\there",
        ].joined(separator: "\n") + "\n")
    }

    func testJSON() throws {
        let text = written(.json)
        XCTAssertEqual(text, """
            [
              {"id": 1, "name": "Ann", "score": 0.1, "blob": "AQID", "note": null},
              {"id": 22, "name": "Smith, \\"J\\"", "score": 3.0, "blob": null, "note": "two\\nlines"},
              {"id": -3, "name": "é", "score": null, "blob": null, "note": "tab\\there"}
            ]

            """)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        XCTAssertEqual(parsed?.count, 3)
        XCTAssertEqual(parsed?[1]["id"] as? Int, 22)
    }

    func testEmptyResults() {
        var writer = ResultWriter(format: .json, output: TextCollector())
        writer.write(columns: ["a"], rows: [])
        XCTAssertEqual(writer.output.text, "[]\n")
        var csv = ResultWriter(format: .csv, output: TextCollector())
        csv.write(columns: ["a", "b"], rows: [])
        XCTAssertEqual(csv.output.text, "a,b\n")
    }
}
