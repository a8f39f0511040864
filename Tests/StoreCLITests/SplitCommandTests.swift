import Foundation
import XCTest

/// `store split`: the view it writes, the class balance it prints, and that a
/// seed fixes the split.
final class SplitCommandTests: XCTestCase {
    var store: StoreRunner!

    override func setUpWithError() throws {
        store = try StoreRunner()
        // Twenty rows; y is 1 for rows 1, 5, 9, 13 and 17 (5 rows), else 0 (15 rows).
        let rows = (1...20).map { "\($0),\($0 % 4 == 1 ? 1 : 0)" }
        try store.write("l.csv", (["id,y"] + rows).joined(separator: "\n") + "\n")
        let ingest = try store.run(["ingest", "csv", "l.csv", "--table", "l"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
    }

    /// The parts of rows 1…20 in order, as one line.
    func assignment() throws -> String {
        try store.run(["sql", "SELECT group_concat(split, ' ') AS parts FROM (SELECT split FROM l_split ORDER BY row_id)"]).stdout
    }

    // MARK: - The view and the balance

    /// Of a class of n rows, test takes ⌈0.2·n⌉ and validation up to
    /// ⌈0.4·n⌉ (by hand: class 0, n = 15: 3 test, 3 validation, 9 train;
    /// class 1, n = 5: 1, 1, 3), so every part is 3/4 class 0.
    func testStratifiedSplitWritesTheViewAndPrintsTheBalance() throws {
        let split = try store.run(["split", "l", "--test", "0.2", "--validation", "0.2", "--stratify", "y", "--seed", "7"])
        XCTAssertEqual(split.status, 0, split.stderr)
        XCTAssertEqual(split.stdout, """
            Wrote the view l_split (row_id, split).

            split       y  rows  share
            ----------  -  ----  -----
            train       0     9   0.75
            train       1     3   0.25
            validation  0     3   0.75
            validation  1     1   0.25
            test        0     3   0.75
            test        1     1   0.25

            """)
        XCTAssertEqual(try store.run(["tables", "--format", "csv"]).stdout,
                       "name,kind,rows\nl,table,20\nl_split,view,20\ningest_columns,store table,2\ningests,store table,1\n")
        let columns = try store.run(["sql", "SELECT * FROM l_split LIMIT 0"]).stdout
        XCTAssertEqual(columns, "row_id,split\n")
        let counts = try store.run(["sql", "SELECT split, count(*) AS rows FROM l_split GROUP BY 1 ORDER BY 1"]).stdout
        XCTAssertEqual(counts, "split,rows\ntest,4\ntrain,12\nvalidation,4\n")
    }

    /// Without --stratify a row is in test exactly when split_bucket(key, seed) < --test.
    func testPlainSplitIsSplitBucketBelowTheTestShare() throws {
        let split = try store.run(["split", "l", "--test", "0.5", "--seed", "3", "--format", "csv"])
        XCTAssertEqual(split.status, 0, split.stderr)
        XCTAssertTrue(split.stdout.hasPrefix("split,rows,share\ntrain,"), split.stdout)
        let parts = split.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        XCTAssertEqual(parts.map { String($0[0]) }, ["train", "test"])
        XCTAssertEqual(parts.compactMap { Int($0[1]) }.reduce(0, +), 20, "every row in one part")
        XCTAssertEqual(parts.compactMap { Double($0[2]) }.reduce(0, +), 1, accuracy: 1e-9, "shares of all rows")
        let agree = try store.run(["sql", "SELECT sum((split = 'test') = (split_bucket(row_id, 3) < 0.5)) AS agree FROM l_split"]).stdout
        XCTAssertEqual(agree, "agree\n20\n")
    }

    // MARK: - Determinism

    func testTheSameSeedGivesTheSameSplit() throws {
        let arguments = ["split", "l", "--test", "0.2", "--validation", "0.2", "--stratify", "y"]
        try store.run(arguments + ["--seed", "7"])
        let first = try assignment()
        // Recorded from the first run; a change here moves rows between parts for every user.
        XCTAssertEqual(first, "parts\ntrain train train test test validation train validation train train validation train validation test train train train test train train\n")
        try store.run(arguments + ["--seed", "8"])
        XCTAssertNotEqual(try assignment(), first, "another seed, another split")
        try store.run(arguments + ["--seed", "7"])
        XCTAssertEqual(try assignment(), first)
    }

    // MARK: - Errors

    func testBadSharesAndColumnsAreSentences() throws {
        for arguments in [["--test", "1.5"], ["--test", "0"], ["--test", "0.8", "--validation", "0.3"], ["--validation=-0.1"]] {
            let result = try store.run(["split", "l"] + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: --test must be between 0 and 1, and --test plus --validation below 1.\n"), result.stderr)
        }
        let column = try store.run(["split", "l", "--stratify", "label"])
        XCTAssertEqual(column.status, 1)
        XCTAssertEqual(column.stderr, "Error: 'l' has no column 'label'; its columns are row_id, id, y.\n")
        XCTAssertEqual(try store.run(["tables", "--format", "csv"]).stdout.contains("l_split"), false, "no view after a failed split")
    }
}
