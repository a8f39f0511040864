import GRDB
import StoreCore
import XCTest
@testable import StoreIngest

final class CSVIngestTests: XCTestCase {
    var folder: TestFolder!
    var store: StoreFile!

    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try folder.openStore()
    }

    @discardableResult
    func ingest(_ file: String, table: String = "t", options: CSVOptions = CSVOptions(), mode: IngestMode = .create) throws -> IngestOutcome {
        try CSVIngest.run(source: file, table: table, options: options, mode: mode, into: store)
    }

    func columnTypes(_ table: String = "t") throws -> [String] {
        try store.queue.read { db in try db.columns(in: table).map { "\($0.name) \($0.type)" } }
    }

    // MARK: - Type inference

    func testInferenceOverTheWholeFile() throws {
        let file = try folder.write("types.csv", """
            id,count,price,flag,code,mixed,empty,late_text
            1,10,1.5,TRUE,007,1,,5
            2,-3,2,false,012,x,NA,6
            3,,1e3,True,100,2,,7
            4,5,NaN,FALSE,001,3,?,eight

            """)
        let outcome = try ingest(file)
        XCTAssertEqual(outcome.rowsStored, 4)
        XCTAssertEqual(try columnTypes(), [
            "row_id INTEGER", "id INTEGER", "count INTEGER", "price REAL", "flag INTEGER",
            "code TEXT", "mixed TEXT", "empty TEXT", "late_text TEXT",
        ])
        XCTAssertEqual(try rows("t", in: store), [
            ["1", "1", "10", "1.5", "1", "007", "1", "NULL", "5"],
            ["2", "2", "-3", "2.0", "0", "012", "x", "NULL", "6"],
            ["3", "3", "NULL", "1000.0", "1", "100", "2", "NULL", "7"],
            ["4", "4", "5", "NULL", "0", "001", "3", "NULL", "eight"],
        ])
    }

    func testCatalogRecordsTheIngestAndHowEachColumnWasTyped() throws {
        let file = try folder.write("c.csv", "Annual Income,code,grade\n1.5,007,A\n2,8,3\n")
        try ingest(file, table: "loans")
        let (ingests, columns) = try store.queue.read { db in
            (try Catalog.ingests(of: "loans", in: db), try Catalog.columns(ofIngest: 1, in: db))
        }
        XCTAssertEqual(ingests.count, 1)
        let ingest = try XCTUnwrap(ingests.first)
        XCTAssertEqual(ingest.kind, "csv")
        XCTAssertEqual(ingest.mode, "create")
        XCTAssertEqual(ingest.sourcePath, file)
        // printf 'Annual Income,code,grade\n1.5,007,A\n2,8,3\n' | sha256sum
        XCTAssertEqual(ingest.sourceSha256, "5a43c5210aebf146c6b106d2f7e399121c038e66337d5a7f561ceef04b965e10")
        XCTAssertEqual(ingest.sourceBytes, 41)
        XCTAssertEqual(ingest.rowsStored, 2)
        XCTAssertEqual(ingest.rowsRejected, 0)
        XCTAssertEqual(ingest.toolVersion, StoreVersion.current)
        XCTAssertEqual(ingest.options, #"{"delimiter":",","encoding":"utf-8","header":true,"null":["NA","N/A","NaN","null","NULL","?"],"skip_bad":false,"types":{}}"#)
        XCTAssertEqual(columns.map(\.sourceName), ["Annual Income", "code", "grade"])
        XCTAssertEqual(columns.map(\.storedName), ["Annual_Income", "code", "grade"])
        XCTAssertEqual(columns.map(\.type), ["REAL", "TEXT", "TEXT"])
        XCTAssertEqual(columns[1].leadingZeroValues, 1)
        XCTAssertEqual(columns[1].integerValues, 1)
        XCTAssertEqual(columns[2].textValues, 1)
        XCTAssertEqual(columns[2].integerValues, 1)
        XCTAssertEqual(columns[2].firstTextLine, 2)
        XCTAssertEqual(columns[2].firstTextValue, "A")
    }

    func testTypeOptionOverridesInference() throws {
        let file = try folder.write("o.csv", "zip,score\n01234,7\n99999,8\n")
        var options = CSVOptions()
        options.types = ["zip": .integer, "score": .real]
        try ingest(file, options: options)
        XCTAssertEqual(try columnTypes(), ["row_id INTEGER", "zip INTEGER", "score REAL"])
        XCTAssertEqual(try rows("t", in: store), [["1", "1234", "7.0"], ["2", "99999", "8.0"]])
    }

    func testTypeOptionThatDoesNotFitNamesLineAndValue() throws {
        let file = try folder.write("o.csv", "n\n1\n2.5\n")
        var options = CSVOptions()
        options.types = ["n": .integer]
        XCTAssertThrowsError(try ingest(file, options: options)) { error in
            XCTAssertEqual("\(error)", "\(file):3: column 'n' is INTEGER but this record has \"2.5\" there. Fix the value, or store the column as TEXT (--type n=TEXT).")
        }
    }

    func testTypeOptionForAMissingColumnIsAnError() throws {
        let file = try folder.write("o.csv", "a,b\n1,2\n")
        var options = CSVOptions()
        options.types = ["c": .text]
        XCTAssertThrowsError(try ingest(file, options: options)) { error in
            XCTAssertEqual("\(error)", "--type c=…: \(file) has no column 'c'. Its columns are a, b.")
        }
    }

    func testAppendToATableWithoutRowIDSaysSo() throws {
        try store.queue.write { db in try db.execute(sql: "CREATE TABLE mine (x INTEGER, y TEXT)") }
        XCTAssertThrowsError(try ingest(try folder.write("a.csv", "x,y\n1,a\n"), table: "mine", mode: .append)) { error in
            XCTAssertTrue("\(error)".contains("its columns are x, y (and no row_id key) but the file's are x, y"), "\(error)")
        }
    }

    func testNullMarkersCanBeReplaced() throws {
        let file = try folder.write("n.csv", "a,b\n-999,NA\n5,x\n")
        var options = CSVOptions()
        options.nullMarkers = ["-999"]
        try ingest(file, options: options)
        XCTAssertEqual(try rows("t", in: store), [["1", "NULL", "NA"], ["2", "5", "x"]])
    }

    // MARK: - Column names

    func testInjectionHeaderMakesOneColumnAndNothingElse() throws {
        let file = try folder.write("evil.csv", "id,\"a\"\"; DROP TABLE x; --\"\n1,2\n")
        try store.queue.write { db in try db.execute(sql: "CREATE TABLE x (keep INTEGER); INSERT INTO x VALUES (1)") }
        try ingest(file, table: "evil")
        XCTAssertEqual(try columnTypes("evil"), ["row_id INTEGER", "id INTEGER", "a_DROP_TABLE_x INTEGER"])
        XCTAssertEqual(try rows("evil", in: store), [["1", "1", "2"]])
        let xRows = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM x") }
        XCTAssertEqual(xRows, 1, "table x is untouched")
    }

    func testNoHeaderNamesColumnsByPosition() throws {
        let file = try folder.write("h.csv", "1,a\n2,b\n")
        var options = CSVOptions()
        options.header = false
        try ingest(file, options: options)
        XCTAssertEqual(try columnTypes(), ["row_id INTEGER", "column_1 INTEGER", "column_2 TEXT"])
        XCTAssertEqual(try rows("t", in: store).count, 2)
    }

    // MARK: - Once and atomic

    func testSameFileSameOptionsTwiceChangesNothing() throws {
        let file = try folder.write("a.csv", "x\n1\n2\n")
        try ingest(file)
        let before = try snapshot(store)
        let second = try ingest(file)
        XCTAssertEqual(second.status, .unchanged(ingestID: 1, at: try store.queue.read { db in try Catalog.ingests(of: "t", in: db)[0].finishedAt }))
        XCTAssertTrue(second.summary.contains("unchanged"), second.summary)
        XCTAssertEqual(try snapshot(store), before)
        // Also when asked to replace or append: the content is already there.
        try ingest(file, mode: .replace)
        try ingest(file, mode: .append)
        XCTAssertEqual(try snapshot(store), before)
    }

    func testDifferentFileIntoExistingTableIsAnErrorWithoutAMode() throws {
        try ingest(try folder.write("a.csv", "x\n1\n"))
        let before = try snapshot(store)
        let other = try folder.write("b.csv", "x\n2\n")
        XCTAssertThrowsError(try ingest(other)) { error in
            XCTAssertTrue("\(error)".contains("the table 't' already exists"), "\(error)")
            XCTAssertTrue("\(error)".contains("--replace"), "\(error)")
        }
        XCTAssertEqual(try snapshot(store), before)
    }

    func testDifferentOptionsCountAsADifferentIngest() throws {
        let file = try folder.write("a.csv", "x\n1\n")
        try ingest(file)
        var options = CSVOptions()
        options.types = ["x": .text]
        XCTAssertThrowsError(try ingest(file, options: options))
        try ingest(file, options: options, mode: .replace)
        XCTAssertEqual(try columnTypes(), ["row_id INTEGER", "x TEXT"])
    }

    func testReplaceSwapsTheRowsAndKeepsHistory() throws {
        try ingest(try folder.write("a.csv", "x,y\n1,a\n2,b\n"))
        try store.queue.write { db in try db.execute(sql: "CREATE VIEW doubled AS SELECT x * 2 AS x2 FROM t") }
        try ingest(try folder.write("b.csv", "x,y\n10,c\n"), mode: .replace)
        XCTAssertEqual(try rows("t", in: store), [["1", "10", "c"]])
        let viewed = try store.queue.read { db in try Int.fetchAll(db, sql: "SELECT x2 FROM doubled") }
        XCTAssertEqual(viewed, [20], "views on the table keep working")
        let modes = try store.queue.read { db in try Catalog.ingests(of: "t", in: db).map(\.mode) }
        XCTAssertEqual(modes, ["create", "replace"])
        let current = try store.queue.read { db in try Catalog.currentIngests(of: "t", in: db).map(\.id) }
        XCTAssertEqual(current, [2])
    }

    func testAppendAddsRowsAndContinuesRowIDs() throws {
        try ingest(try folder.write("a.csv", "x,y\n1,a\n2,b\n"))
        try ingest(try folder.write("b.csv", "x,y\n3,c\n"), mode: .append)
        XCTAssertEqual(try rows("t", in: store), [["1", "1", "a"], ["2", "2", "b"], ["3", "3", "c"]])
        let current = try store.queue.read { db in try Catalog.currentIngests(of: "t", in: db).map(\.mode) }
        XCTAssertEqual(current, ["create", "append"])
    }

    func testAppendNeedsTheSameColumnsAndFittingValues() throws {
        try ingest(try folder.write("a.csv", "x,y\n1,a\n"))
        let before = try snapshot(store)
        XCTAssertThrowsError(try ingest(try folder.write("b.csv", "x,z\n3,c\n"), mode: .append)) { error in
            XCTAssertTrue("\(error)".contains("cannot append to 't': its columns are x, y but the file's are x, z"), "\(error)")
        }
        XCTAssertThrowsError(try ingest(try folder.write("c.csv", "x,y\n3.5,c\n"), mode: .append)) { error in
            XCTAssertTrue("\(error)".contains("c.csv:2: column 'x' is INTEGER but this record has \"3.5\" there"), "\(error)")
        }
        XCTAssertEqual(try snapshot(store), before)
    }

    /// A failure in the middle of writing rows (here a UNIQUE index the user
    /// added, violated by record 3,000 of the appended file) rolls back
    /// everything: table, catalog and rejects are exactly as before.
    func testFailureHalfwayLeavesTheStoreExactlyAsBefore() throws {
        var first = "id,v\n"
        for index in 1...10 { first += "\(index),\(index)\n" }
        try ingest(try folder.write("a.csv", first))
        try store.queue.write { db in try db.execute(sql: "CREATE UNIQUE INDEX t_id ON t (id)") }
        let before = try snapshot(store)
        var second = "id,v\n"
        for index in 11...5_000 { second += "\(index == 3_000 ? 5 : index),\(index)\n" }
        let file = try folder.write("b.csv", second)
        XCTAssertThrowsError(try ingest(file, mode: .append)) { error in
            XCTAssertTrue("\(error)".contains("b.csv:2991: the record could not be stored: UNIQUE constraint failed: t.id"), "\(error)")
        }
        XCTAssertEqual(try snapshot(store), before)
        let reopened = try StoreFile.open(at: store.path)
        XCTAssertEqual(try snapshot(reopened), before)
    }

    // MARK: - Bad records

    func testRaggedRecordIsAnErrorNamingLineAndCountsAndNothingIsWritten() throws {
        let file = try folder.write("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n")
        let before = try snapshot(store)
        XCTAssertThrowsError(try ingest(file)) { error in
            XCTAssertEqual("\(error)", "\(file):3: expected 3 fields, as in the header, but found 2. Fix the record (a missing quote or delimiter?), or pass --skip-bad to set such records aside in ingest_rejects.")
        }
        XCTAssertEqual(try snapshot(store), before)
    }

    func testSkipBadSetsRecordsAsideAndGoesOn() throws {
        let file = try folder.write("r.csv", "a,b\n1,2\n3,4,5\n6\n7,8\n")
        var options = CSVOptions()
        options.skipBad = true
        let outcome = try ingest(file, options: options)
        XCTAssertEqual(outcome.rowsStored, 2)
        XCTAssertEqual(outcome.rowsRejected, 2)
        XCTAssertEqual(try rows("t", in: store), [["1", "1", "2"], ["4", "7", "8"]], "row_id is the record number; rejects leave gaps")
        let rejects = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT ingest_id, line, raw, reason FROM ingest_rejects ORDER BY line").map { "\($0[0] as Int)|\($0[1] as Int)|\($0[2] as String)|\($0[3] as String)" }
        }
        XCTAssertEqual(rejects, [
            "1|3|3,4,5|expected 2 fields, as in the header, but found 3.",
            "1|4|6|expected 2 fields, as in the header, but found 1.",
        ])
        let recorded = try store.queue.read { db in try Catalog.ingests(of: "t", in: db)[0].rowsRejected }
        XCTAssertEqual(recorded, 2)
    }

    // MARK: - Encodings

    func testInvalidUTF8IsAnErrorNamingTheLine() throws {
        let file = try folder.write("l.csv", bytes: Array("name,city\nJos\u{e9},Paris\n".utf8) + [0x52, 0xE9, 0x6D, 0x79, 0x2C, 0x4C, 0x79, 0x6F, 0x6E, 0x0A])
        XCTAssertThrowsError(try ingest(file)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(file):3: the text is not valid utf-8 (byte 0xE9 at byte 2 of the record)."), "\(error)")
            XCTAssertTrue("\(error)".contains("--encoding latin1"), "\(error)")
        }
    }

    func testLatin1AndWindows1252AreConvertedToUTF8() throws {
        // "Rémy,€5" in Windows-1252: é = 0xE9, € = 0x80.
        let bytes: [UInt8] = Array("name,price\n".utf8) + [0x52, 0xE9, 0x6D, 0x79, 0x2C, 0x80, 0x35, 0x0A]
        let file = try folder.write("w.csv", bytes: bytes)
        var options = CSVOptions()
        options.encoding = .windows1252
        try ingest(file, table: "w", options: options)
        XCTAssertEqual(try rows("w", in: store), [["1", "Rémy", "€5"]])
        options.encoding = .latin1
        try ingest(file, table: "l", options: options)
        XCTAssertEqual(try rows("l", in: store), [["1", "Rémy", "\u{80}5"]])
    }

    func testUndefinedWindows1252ByteIsAnError() throws {
        let file = try folder.write("u.csv", bytes: Array("a\n".utf8) + [0x81, 0x0A])
        var options = CSVOptions()
        options.encoding = .windows1252
        XCTAssertThrowsError(try ingest(file, options: options)) { error in
            XCTAssertTrue("\(error)".contains("u.csv:2: the text is not valid windows-1252 (byte 0x81"), "\(error)")
        }
    }

    // MARK: - Files and names

    func testEmptyAndMissingFilesAreClearErrors() throws {
        let empty = try folder.write("empty.csv", "")
        XCTAssertThrowsError(try ingest(empty)) { error in
            XCTAssertEqual("\(error)", "\(empty) is empty: there is no header and no record to ingest.")
        }
        XCTAssertThrowsError(try ingest(folder.path("missing.csv"))) { error in
            XCTAssertTrue("\(error)".contains("missing.csv: No such file or directory"), "\(error)")
        }
    }

    func testHeaderOnlyMakesAnEmptyTable() throws {
        try ingest(try folder.write("h.csv", "a,b\n"))
        XCTAssertEqual(try columnTypes(), ["row_id INTEGER", "a TEXT", "b TEXT"])
        XCTAssertEqual(try rows("t", in: store), [])
    }

    func testTableNamesMustBePlainAndNotTheStoresOwn() throws {
        let file = try folder.write("a.csv", "x\n1\n")
        XCTAssertThrowsError(try ingest(file, table: "credit data")) { error in
            XCTAssertTrue("\(error)".contains("Try --table credit_data"), "\(error)")
        }
        XCTAssertThrowsError(try ingest(file, table: "ingests")) { error in
            XCTAssertTrue("\(error)".contains("one of the store's own tables"), "\(error)")
        }
    }
}
