import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

final class TableStatisticsTests: FunctionTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE people (row_id INTEGER PRIMARY KEY, age INTEGER, income REAL, city TEXT);
                INSERT INTO people (age, income, city) VALUES
                    (31, 52000.5, 'Paris'), (45, NULL, 'Lyon'), (31, 61000, 'Paris'),
                    (22, 38000, NULL), (58, 75000.25, 'Nice'), (31, 52000.5, 'Paris');
                """)
        }
    }

    func summary(by group: String? = nil, target: String? = nil) throws -> [String: [String: DatabaseValue]] {
        let table = try store.queue.read { db in try TableStatistics.summary(of: "people", by: group, target: target, in: db) }
        var result: [String: [String: DatabaseValue]] = [:]
        for row in table.rows {
            let keyed = Dictionary(uniqueKeysWithValues: zip(table.columns, row))
            let name = String.fromDatabaseValue(keyed["column"] ?? .null) ?? ""
            let groupValue = group.flatMap { keyed[$0] }.map { "\($0)/" } ?? ""
            result[groupValue + name] = keyed
        }
        return result
    }

    func assertNumber(_ value: DatabaseValue?, _ expected: Double, file: StaticString = #filePath, line: UInt = #line) {
        let number = value.flatMap { Double.fromDatabaseValue($0) }
        XCTAssertEqual(number ?? .nan, expected, accuracy: abs(expected) * 1e-13, file: file, line: line)
    }

    /// Expected values: pandas 3.1.1 `describe()`, `var()`, `skew()`, `kurt()`,
    /// `nunique()`, `mode()[0]` on the same six rows.
    func testSummaryMatchesPandasDescribe() throws {
        let stats = try summary()
        XCTAssertEqual(Array(stats.keys).sorted(), ["age", "city", "income"])
        let age = try XCTUnwrap(stats["age"])
        XCTAssertEqual(age["type"], "INTEGER".databaseValue)
        XCTAssertEqual(age["count"], 6.databaseValue)
        XCTAssertEqual(age["nulls"], 0.databaseValue)
        XCTAssertEqual(age["distinct"], 4.databaseValue)
        assertNumber(age["mean"], 36.333333333333336)
        assertNumber(age["std"], 12.925427136720344)
        assertNumber(age["q1"], 31)
        assertNumber(age["median"], 31)
        assertNumber(age["q3"], 41.5)
        assertNumber(age["iqr"], 10.5)
        assertNumber(age["min"], 22)
        assertNumber(age["max"], 58)
        XCTAssertEqual(age["mode"], 31.databaseValue)
        XCTAssertEqual(age["freq"], 3.databaseValue)
        assertNumber(age["variance"], 167.06666666666666)
        assertNumber(age["skewness"], 1.0311776679152707)
        assertNumber(age["kurtosis"], 0.5378711204840236)
        let income = try XCTUnwrap(stats["income"])
        XCTAssertEqual(income["count"], 5.databaseValue)
        XCTAssertEqual(income["nulls"], 1.databaseValue)
        assertNumber(income["mean"], 55600.25)
        assertNumber(income["std"], 13612.517219915646)
        assertNumber(income["skewness"], 0.31608772329420465)
        assertNumber(income["kurtosis"], 0.6930372005527895)
        XCTAssertEqual(income["mode"], 52000.5.databaseValue)
        // pandas describe() of the text column: count 5, unique 3, top 'Paris', freq 3.
        let city = try XCTUnwrap(stats["city"])
        XCTAssertEqual(city["type"], "TEXT".databaseValue)
        XCTAssertEqual(city["count"], 5.databaseValue)
        XCTAssertEqual(city["nulls"], 1.databaseValue)
        XCTAssertEqual(city["distinct"], 3.databaseValue)
        XCTAssertEqual(city["mode"], "Paris".databaseValue)
        XCTAssertEqual(city["freq"], 3.databaseValue)
        XCTAssertEqual(city["mean"], .null)
        XCTAssertEqual(city["median"], .null)
    }

    func testColumnNamesAreExactlyTheDocumentedOnes() throws {
        let table = try store.queue.read { db in try TableStatistics.summary(of: "people", in: db) }
        XCTAssertEqual(table.rowCount, 6)
        XCTAssertEqual(table.numericColumns, ["age", "income"])
        let columns = table.columns
        XCTAssertEqual(columns, ["column", "type", "count", "nulls", "distinct", "mean", "std", "min", "q1", "median",
                                 "q3", "max", "iqr", "mode", "freq", "variance", "skewness", "kurtosis"])
    }

    func testByGroupTargetCorrelationAndDuplicates() throws {
        let grouped = try summary(by: "city")
        XCTAssertEqual(grouped["\"Paris\"/age"]?["count"], 3.databaseValue)
        XCTAssertEqual(grouped["NULL/income"]?["count"], 1.databaseValue)
        // pandas: age.corr(income) == 0.9179273003121445 (pairs with both values).
        let withTarget = try summary(target: "income")
        assertNumber(withTarget["age"]?["target_corr"], 0.9179273003121445)
        let matrix = try store.queue.read { db in try TableStatistics.correlations(of: "people", columns: ["age", "income"], in: db) }
        XCTAssertEqual(matrix.columns, ["column", "age", "income"])
        assertNumber(matrix.rows[0][2], 0.9179273003121445)
        assertNumber(matrix.rows[1][1], 0.9179273003121445)
        XCTAssertEqual(matrix.rows[0][2], matrix.rows[1][1], "symmetric to the last bit: each pair is computed once")
        // pandas: DataFrame.duplicated().sum() == 1 (row 6 repeats row 1; row_id excluded).
        XCTAssertEqual(try store.queue.read { db in try TableStatistics.duplicateRows(of: "people", in: db) }, 1)
    }

    func testUnknownColumnsAreErrors() throws {
        XCTAssertThrowsError(try store.queue.read { db in try TableStatistics.summary(of: "people", columns: ["nope"], in: db) }) { error in
            XCTAssertEqual("\(error)", "'people' has no column 'nope'; its columns are row_id, age, income, city.")
        }
    }

    // MARK: - Splits

    func testStratifiedSplitKeepsClassSharesAndIsDeterministic() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE labelled (row_id INTEGER PRIMARY KEY, y INTEGER)")
            for index in 1...1_000 {
                try db.execute(sql: "INSERT INTO labelled (y) VALUES (?)", arguments: [index % 10 < 2 ? 1 : 0])
            }
        }
        let split = try SplitView(table: "labelled", stratify: "y", test: 0.2, validation: 0.1, seed: 42)
        let balance = try store.queue.write { db in try split.write(in: db) }
        let counts = balance.rows.map { "\($0[0]) \($0[1]) \($0[2])" }
        // Class 1 has 200 rows, class 0 has 800: test ⌈0.2·n⌉, validation the next ⌈0.3·n⌉ − ⌈0.2·n⌉.
        XCTAssertEqual(counts, ["\"train\" 0 560", "\"train\" 1 140", "\"validation\" 0 80", "\"validation\" 1 20", "\"test\" 0 160", "\"test\" 1 40"])
        let first = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT split FROM labelled_split ORDER BY row_id") }
        _ = try store.queue.write { db in try split.write(in: db) }
        let again = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT split FROM labelled_split ORDER BY row_id") }
        XCTAssertEqual(first, again)
        let otherSeed = try SplitView(table: "labelled", stratify: "y", test: 0.2, validation: 0.1, seed: 7)
        _ = try store.queue.write { db in try otherSeed.write(in: db) }
        let reseeded = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT split FROM labelled_split ORDER BY row_id") }
        XCTAssertNotEqual(first, reseeded)
    }

    func testPlainSplitDependsOnTheKeyOnly() throws {
        let split = try SplitView(table: "people", stratify: nil, test: 0.5, seed: 3)
        _ = try store.queue.write { db in try split.write(in: db) }
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT split, split_bucket(row_id, 3) < 0.5 FROM people_split").map { ($0[0] as String, $0[1] as Bool) }
        }
        XCTAssertEqual(rows.count, 6)
        for (part, isTest) in rows { XCTAssertEqual(part == "test", isTest) }
        XCTAssertThrowsError(try SplitView(table: "people", stratify: nil, test: 0.8, validation: 0.3, seed: 1))
    }

    /// queries/credit_split.sql is the view `store split credit --test 0.2
    /// --validation 0.1 --stratify default_ --seed 42` writes.
    func testShippedCreditSplitIsWhatTheCommandWrites() throws {
        let text = try String(contentsOf: repositoryFolder.appendingPathComponent("queries/credit_split.sql"), encoding: .utf8)
        let statement = try XCTUnwrap(text.range(of: "CREATE VIEW")).lowerBound
        let shipped = text[statement...].trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";")).trimmingCharacters(in: .whitespacesAndNewlines)
        let split = try SplitView(table: "credit", key: "row_id", stratify: "default_", test: 0.2, validation: 0.1, seed: 42)
        XCTAssertEqual(shipped, split.sql)
    }

    /// Regression: the summary's numbers went through JSONSerialization,
    /// which on Linux reads long numbers as decimals and dropped the last
    /// digits (10176.845000000001 printed as 10176.845).
    func testSummaryNumbersKeepEveryDigit() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE loans (amount REAL, code TEXT, y REAL)")
            try db.execute(sql: "INSERT INTO loans VALUES (10176.845000000001, '001', 1), (0.1, '002', 2), (3, '003', 4), (1e300, '004', 3)")
        }
        let table = try store.queue.read { db in try TableStatistics.summary(of: "loans", target: "y", in: db) }
        let amount = Dictionary(uniqueKeysWithValues: zip(table.columns, table.rows[0]))
        for statistic in ["median", "q1", "q3", "mean", "max", "iqr"] {
            let sqlName = statistic == "mean" ? "avg" : statistic
            XCTAssertEqual(amount[statistic], try value("SELECT \(sqlName)(amount) FROM loans"), statistic)
        }
        XCTAssertEqual(amount["median"], 5089.922500000001.databaseValue)
        // Text that looks like numbers is text (rule 2): no statistics, no target_corr.
        let code = Dictionary(uniqueKeysWithValues: zip(table.columns, table.rows[1]))
        XCTAssertEqual(code["type"], "TEXT".databaseValue)
        XCTAssertEqual(code["target_corr"], .null)
        XCTAssertEqual(code["mean"], .null)
        XCTAssertEqual(table.numericColumns, ["amount", "y"])
    }
}
