import GRDB
import StoreCore
import XCTest

final class SQLScriptTests: XCTestCase {
    func run(_ sql: String, in store: StoreFile, format: OutputFormat = .csv) throws -> String {
        var writer = ResultWriter(format: format, output: TextCollector())
        try SQLScript.run(sql, in: store, writer: &writer)
        return writer.output.text
    }

    func testSeveralStatementsPrintEachResult() throws {
        let store = try TestFolder().openStore()
        let output = try run("""
            CREATE TABLE t (a INTEGER, b TEXT);
            INSERT INTO t VALUES (1, 'x'), (2, NULL);
            SELECT * FROM t ORDER BY a;
            SELECT count(*) AS n FROM t;
            """, in: store)
        XCTAssertEqual(output, "a,b\n1,x\n2,\n\nn\n2\n")
    }

    func testErrorNamesMessageAndStatementAndEarlierStatementsStay() throws {
        let store = try TestFolder().openStore()
        XCTAssertThrowsError(try run("CREATE TABLE ok (a); SELECT nope FROM ok;", in: store)) { error in
            XCTAssertEqual("\(error)", "SQL error: no such column: nope\n  in: SELECT nope FROM ok;")
        }
        XCTAssertEqual(try run("SELECT count(*) AS n FROM ok", in: store), "n\n0\n")
    }

    func testFailedTransactionIsRolledBack() throws {
        let store = try TestFolder().openStore()
        _ = try run("CREATE TABLE t (a INTEGER NOT NULL)", in: store)
        XCTAssertThrowsError(try run("BEGIN; INSERT INTO t VALUES (1); INSERT INTO t VALUES (NULL); COMMIT;", in: store))
        XCTAssertEqual(try run("SELECT count(*) AS n FROM t", in: store), "n\n0\n")
        XCTAssertThrowsError(try run("BEGIN; INSERT INTO t VALUES (1);", in: store)) { error in
            XCTAssertTrue("\(error)".contains("did not commit it, so it was rolled back"), "\(error)")
        }
        XCTAssertEqual(try run("SELECT count(*) AS n FROM t", in: store), "n\n0\n")
        _ = try run("BEGIN; INSERT INTO t VALUES (7); COMMIT;", in: store)
        XCTAssertEqual(try run("SELECT a FROM t", in: store), "a\n7\n")
    }

    func testEmptySQLIsAnError() throws {
        let store = try TestFolder().openStore()
        XCTAssertThrowsError(try run("  -- nothing\n", in: store)) { error in
            XCTAssertTrue("\(error)".contains("no SQL statement was given"), "\(error)")
        }
    }
}

final class TableDescriptionTests: XCTestCase {
    func testTablesListAndDescribe() throws {
        let store = try TestFolder().openStore()
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE people (row_id INTEGER PRIMARY KEY, name TEXT, age INTEGER);
                INSERT INTO people (name, age) VALUES ('Ann', 31), ('Bob', NULL), (NULL, NULL);
                CREATE VIEW adults AS SELECT name FROM people WHERE age >= 18;
                """)
        }
        let tables = try store.queue.read { db in try StoreTables.list(in: db) }
        XCTAssertEqual(tables.map { "\($0.name) \($0.kind.rawValue) \($0.rows)" }, [
            "people table 3", "adults view 1",
        ], "the store's own tables are left out while empty")
        let description = try store.queue.read { db in try TableDescription.describe("PEOPLE", in: db) }
        XCTAssertEqual(description.name, "people")
        XCTAssertEqual(description.rows, 3)
        XCTAssertEqual(description.columns.map { "\($0.name) \($0.type) \($0.nulls)" }, ["row_id INTEGER 0", "name TEXT 1", "age INTEGER 2"])
        let view = try store.queue.read { db in try TableDescription.describe("adults", in: db) }
        XCTAssertEqual(view.kind, .view)
        XCTAssertEqual(view.viewSQL, "CREATE VIEW adults AS SELECT name FROM people WHERE age >= 18")
        var collector = TextCollector()
        view.write(format: .table, to: &collector)
        XCTAssertEqual(collector.text, """
            adults: view, 1 rows

            column  type  nulls  source  note
            ------  ----  -----  ------  ----
            name    TEXT      0

            CREATE VIEW adults AS SELECT name FROM people WHERE age >= 18

            """)
        XCTAssertThrowsError(try store.queue.read { db in try TableDescription.describe("nope", in: db) }) { error in
            XCTAssertEqual("\(error)", "no table or view named 'nope' in this store. `store tables` lists them.")
        }
    }
}
