import Foundation
import StoreTestSupport
import XCTest

final class StoreCLITests: XCTestCase {
    var store: StoreRunner!

    override func setUpWithError() throws {
        store = try StoreRunner()
    }

    // MARK: - Help and README

    /// Every subcommand `store --help` lists has an abstract and a section in
    /// the reference: the README or one of the topic files under docs/. The
    /// list comes from the help itself, so a new command is covered as soon
    /// as it is registered.
    func testEverySubcommandHasAnAbstractAndIsInTheReference() throws {
        let readme = try Self.reference()
        let subcommands = Self.subcommands(inHelp: try store.run(["--help"]).stdout)
        let names = subcommands.map(\.name)
        for known in ["init", "ingest", "tables", "describe", "sql", "stats", "split", "sample"] {
            XCTAssertTrue(names.contains(known), "store --help lists \(known): \(names)")
        }
        for (name, abstract) in subcommands {
            XCTAssertFalse(abstract.isEmpty, "\(name) has an abstract")
            XCTAssertTrue(readme.contains("### `store \(name)"), "README or docs/ has a section on store \(name)")
        }
        let ingest = Self.subcommands(inHelp: try store.run(["ingest", "--help"]).stdout).map(\.name)
        XCTAssertEqual(ingest, ["csv", "audio", "images", "recipe"])
        XCTAssertTrue(readme.contains("### `store ingest csv"))
        XCTAssertTrue(readme.contains("### `store ingest audio"))
        XCTAssertTrue(readme.contains("### `store ingest images"))
        XCTAssertTrue(readme.contains("### `store ingest RECIPE.toml"))
    }

    /// The README followed by every Markdown file under docs/, as one text.
    static func reference() throws -> String {
        let docs = repositoryFolder.appendingPathComponent("docs")
        let topics = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? [])
            .filter { $0.hasSuffix(".md") }
            .sorted()
        return try (["README.md"] + topics.map { "docs/\($0)" })
            .map { try String(contentsOf: repositoryFolder.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
    }

    /// The subcommands of a help text's SUBCOMMANDS section, with their
    /// abstracts. A name starts a line after two spaces (a default subcommand
    /// is marked `name (default)`); its abstract follows on that line and on
    /// deeper-indented ones, or only on those when the name is long.
    static func subcommands(inHelp help: String) -> [(name: String, abstract: String)] {
        var result: [(name: String, abstract: String)] = []
        var inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "SUBCOMMANDS:" {
                inSection = true
            } else if inSection {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { break }
                if line.hasPrefix("  ") && !line.hasPrefix("   ") {
                    let name = text.prefix { $0 != " " }
                    var abstract = text.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                    if abstract.hasPrefix("(default)") { abstract = abstract.dropFirst("(default)".count).trimmingCharacters(in: .whitespaces) }
                    result.append((String(name), abstract))
                } else if let last = result.indices.last {
                    result[last].abstract += (result[last].abstract.isEmpty ? "" : " ") + text
                }
            }
        }
        return result
    }

    // MARK: - The store file

    func testInitSaysWhereAndDefaultsToStoreDBOrSTORE_DB() throws {
        let created = try store.run(["init"])
        XCTAssertEqual(created.status, 0)
        XCTAssertEqual(created.stdout, "Created the store \(store.path("store.db")) (schema version 4).\n")
        XCTAssertEqual(try store.run(["init"]).stdout, "The store \(store.path("store.db")) exists and is up to date (schema version 4).\n")
        let fromEnvironment = try store.run(["init"], environment: ["STORE_DB": store.path("env.db")])
        XCTAssertEqual(fromEnvironment.stdout, "Created the store \(store.path("env.db")) (schema version 4).\n")
        let explicit = try store.run(["init", "--db", "other.db"], environment: ["STORE_DB": store.path("env.db")])
        XCTAssertEqual(explicit.stdout, "Created the store \(store.path("other.db")) (schema version 4).\n")
    }

    // MARK: - Ingest

    func testIngestCSVPrintsASummaryAndIsANoOpTheSecondTime() throws {
        try store.write("people.csv", "name,age,score\nAnn,31,1.5\nBob,NA,2\n")
        let first = try store.run(["ingest", "csv", "people.csv", "--table", "people"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "", "no progress bar when stderr is not a terminal")
        XCTAssertTrue(first.stdout.hasPrefix("people: 2 rows, 3 columns (1 INTEGER, 1 REAL, 1 TEXT), 0 rejected, "), first.stdout)
        XCTAssertTrue(first.stdout.hasSuffix(" s\n"), first.stdout)
        let second = try store.run(["ingest", "csv", "people.csv", "--table", "people"])
        XCTAssertEqual(second.status, 0)
        XCTAssertTrue(second.stdout.hasPrefix("people: unchanged. people.csv with these options is already in the table (ingest #1, "), second.stdout)
        let tables = try store.run(["tables", "--format", "csv"])
        XCTAssertEqual(tables.stdout, "name,kind,rows\npeople,table,2\ningest_columns,store table,3\ningests,store table,1\n")
    }

    func testBadInputExitsNonZeroWithTheFileAndLine() throws {
        try store.write("bad.csv", "a,b\n1,2\n3\n")
        let result = try store.run(["ingest", "csv", "bad.csv", "--table", "bad"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("bad.csv:3: expected 2 fields, as in the header, but found 1."), result.stderr)
        XCTAssertEqual(try store.run(["tables", "--format", "csv"]).stdout, "name,kind,rows\n")
        let skipped = try store.run(["ingest", "csv", "bad.csv", "--table", "bad", "--skip-bad"])
        XCTAssertTrue(skipped.stdout.hasPrefix("bad: 1 rows, 2 columns (2 INTEGER), 1 rejected (see ingest_rejects), "), skipped.stdout)
        XCTAssertTrue(try store.run(["tables", "--format", "csv"]).stdout.contains("\ningest_rejects,store table,1\n"), "listed once it holds a row")
    }

    func testFlagsAreValidatedWithSentences() throws {
        try store.write("a.csv", "x\n1\n")
        let delimiter = try store.run(["ingest", "csv", "a.csv", "--table", "a", "--delimiter", "#"])
        XCTAssertNotEqual(delimiter.status, 0)
        XCTAssertTrue(delimiter.stderr.contains("The delimiter '#' is not supported. Use ',' ';' '|' or 'tab'."), delimiter.stderr)
        let encoding = try store.run(["ingest", "csv", "a.csv", "--table", "a", "--encoding", "utf-16"])
        XCTAssertTrue(encoding.stderr.contains("The encoding 'utf-16' is not supported"), encoding.stderr)
        let both = try store.run(["ingest", "csv", "a.csv", "--table", "a", "--replace", "--append"])
        XCTAssertNotEqual(both.status, 0)
    }

    /// The harshest failure halfway: the process is killed while it writes.
    /// The store must be exactly as before: no table, no catalog rows.
    func testKilledIngestLeavesTheStoreAsItWas() throws {
        XCTAssertEqual(try store.run(["sample", "credit", "--rows", "600000", "--out", "big.csv"]).status, 0)
        try store.run(["init"])
        let before = try store.run(["tables", "--format", "csv"]).stdout
        let process = Process()
        process.executableURL = StoreRunner.executable
        process.arguments = ["ingest", "csv", "big.csv", "--table", "credit"]
        process.currentDirectoryURL = store.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        XCTAssertTrue(process.isRunning, "the ingest ended within a second; the test needs a bigger file to interrupt it")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(try store.run(["tables", "--format", "csv"]).stdout, before)
        let again = try store.run(["ingest", "csv", "big.csv", "--table", "credit"])
        XCTAssertTrue(again.stdout.hasPrefix("credit: 600,000 rows, 12 columns"), again.stdout + again.stderr)
    }

    func testRecipeIsTheDefaultIngestSubcommand() throws {
        try store.write("t.csv", "k|v\n1|a\n")
        let recipe = try store.write("t.toml", "source = \"t.csv\"\ntable = \"kv\"\ndelimiter = \"|\"\n")
        let result = try store.run(["ingest", recipe])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("kv: 1 rows, 2 columns (1 INTEGER, 1 TEXT)"), result.stdout)
    }

    // MARK: - SQL

    func testSQLFormats() throws {
        try store.write("p.csv", "name,age\nAnn,31\n\"Lee, Jo\",\n")
        try store.run(["ingest", "csv", "p.csv", "--table", "p"])
        let json = try store.run(["sql", "SELECT name, age, age * 1.5 AS older FROM p ORDER BY row_id", "--format", "json"])
        XCTAssertEqual(json.stdout, """
            [
              {"name": "Ann", "age": 31, "older": 46.5},
              {"name": "Lee, Jo", "age": null, "older": null}
            ]

            """)
        let csv = try store.run(["sql", "SELECT name, age FROM p ORDER BY row_id"])
        XCTAssertEqual(csv.stdout, "name,age\nAnn,31\n\"Lee, Jo\",\n", "csv when stdout is not a terminal")
        // The table: NULL an empty cell, REALs as pandas shows them (31 / 7.0 is
        // 4.428571428571429; pandas 3.1.1 prints 4.428571).
        let table = try store.run(["sql", "SELECT name, age, age * 1.5 AS older, age / 7.0 AS weeks FROM p ORDER BY row_id", "--format", "table"])
        XCTAssertEqual(table.stdout, """
            name     age  older     weeks
            -------  ---  -----  --------
            Ann       31   46.5  4.428571
            Lee, Jo

            """)
    }

    func testSQLFromFileAndStdinAndErrors() throws {
        let script = try store.write("s.sql", "CREATE TABLE n (x INTEGER);\nINSERT INTO n VALUES (1), (2);\nSELECT sum(x) AS total FROM n;\n")
        XCTAssertEqual(try store.run(["sql", "-f", script]).stdout, "total\n3\n")
        XCTAssertEqual(try store.run(["sql"], input: "SELECT count(*) AS c FROM n;").stdout, "c\n2\n")
        let failed = try store.run(["sql", "SELECT * FROM missing_table"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertEqual(failed.stderr, "Error: SQL error: no such table: missing_table\n  in: SELECT * FROM missing_table\n")
        // Regression: a statement failing on its first row printed the csv header or json's "[" first.
        for format in ["csv", "json", "table"] {
            let stepFailed = try store.run(["sql", "--format", format, "SELECT tensor_mean(x'00')"])
            XCTAssertEqual(stepFailed.status, 1)
            XCTAssertEqual(stepFailed.stdout, "", format)
            XCTAssertTrue(stepFailed.stderr.hasPrefix("Error: SQL error: tensor_mean(): the BLOB is not a tensor"), stepFailed.stderr)
        }
    }

    func testDescribeShowsProvenance() throws {
        try store.write("d.csv", "id,code\n1,007\n2,\n")
        try store.run(["ingest", "csv", "d.csv", "--table", "d"])
        let json = try store.run(["describe", "d", "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["rows"] as? Int, 2)
        let columns = try XCTUnwrap(object["columns"] as? [[String: Any]])
        XCTAssertEqual(columns.map { $0["column"] as? String }, ["row_id", "id", "code"])
        XCTAssertEqual(columns.map { $0["nulls"] as? Int }, [0, 0, 1])
        XCTAssertEqual(columns[2]["note"] as? String, "1 with leading zeros kept as text")
        let ingests = try XCTUnwrap(object["ingests"] as? [[String: Any]])
        XCTAssertEqual(ingests.first?["source"] as? String, store.path("d.csv"))
        let table = try store.run(["describe", "d"]).stdout
        XCTAssertTrue(table.hasPrefix("d: table, 2 rows\n\ncolumn  type     nulls  source           note\n"), table)
    }

    func testSampleIsDeterministic() throws {
        let first = try store.run(["sample", "credit", "--rows", "50", "--seed", "3"]).stdout
        XCTAssertEqual(first, try store.run(["sample", "credit", "--rows", "50", "--seed", "3"]).stdout)
        XCTAssertEqual(first.split(separator: "\n").count, 51)
    }
}
