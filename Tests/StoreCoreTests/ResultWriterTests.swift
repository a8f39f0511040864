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
             1  Ann           0.1  <blob 3 bytes>
            22  Smith, "J"    3.0                  two\\nlines
            -3  é             inf                  tab\there

            """)
    }

    /// The table shows each column's REALs as pandas does (pandas 3.1.1 prints
    /// [0.8417978814772402, 1234567.891] as 8.417979e-01 and 1.234568e+06, and
    /// with display.precision 2 [0.0044, -0.0018] as 4.40e-03 and -1.80e-03),
    /// aligned on the decimal point with the column's integers; csv and json
    /// keep every digit of the same rows.
    func testTableShowsRealsAsPandasAndCSVKeepsEveryDigit() {
        let rows: [[DatabaseValue]] = [
            ["0".databaseValue, 0.8417978814772402.databaseValue, 16178.databaseValue, 0.004400000000000026.databaseValue],
            ["accuracy".databaseValue, .null, 20001.databaseValue, (-0.0017999999999999794).databaseValue],
            ["mixed".databaseValue, 1234567.891.databaseValue, 7.5.databaseValue, 12.databaseValue],
        ]
        func written(_ format: OutputFormat, precision: Int = 6) -> String {
            var writer = ResultWriter(format: format, output: TextCollector(), precision: precision)
            writer.write(columns: ["class", "precision", "support", "importance"], rows: rows)
            return writer.output.text
        }
        XCTAssertEqual(written(.table), """
            class        precision  support  importance
            --------  ------------  -------  ----------
            0         8.417979e-01  16178        0.0044
            accuracy                20001       -0.0018
            mixed     1.234568e+06      7.5     12

            """)
        XCTAssertEqual(written(.table, precision: 2), """
            class     precision  support  importance
            --------  ---------  -------  ----------
            0          8.42e-01  16178      4.40e-03
            accuracy             20001     -1.80e-03
            mixed      1.23e+06      7.5   12

            """)
        XCTAssertEqual(written(.csv, precision: 2), """
            class,precision,support,importance
            0,0.8417978814772402,16178,0.004400000000000026
            accuracy,,20001,-0.0017999999999999794
            mixed,1234567.891,7.5,12

            """)
        XCTAssertTrue(written(.json, precision: 2).contains(#""precision": 0.8417978814772402"#))
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
