import Foundation
import XCTest

/// `store select`: what it prints, the view it writes, and what `store
/// describe` then says about the view's columns.
final class SelectCommandTests: XCTestCase {
    var store: StoreRunner!

    /// Eight rows, six of them train: x follows y, z does not, t is text.
    /// Correlations on the train rows, by pandas 3.1.1
    /// `df[df.split == "train"][["x", "z", "y"]].corr()["y"]`:
    /// x 0.9539980920057238, z -4.5e-17 (0 but for rounding: z is 1, 2, 3, 3, 2, 1
    /// against y 0, 0, 0, 1, 1, 1).
    override func setUpWithError() throws {
        store = try StoreRunner()
        try store.write("d.csv", """
            x,z,t,y,split
            1,1,a,0,train
            2,2,b,0,train
            2,3,a,0,train
            4,3,b,1,train
            5,2,a,1,train
            5,1,b,1,train
            9,9,a,0,test
            0,0,b,1,test

            """)
        XCTAssertEqual(try store.run(["ingest", "csv", "d.csv", "--table", "d"]).status, 0)
    }

    func testSelectPrintsEachCorrelationAndWritesTheView() throws {
        let table = try store.run(["select", "d", "--target", "y", "--min-abs-corr", "0.1", "--view", "d_chosen"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("Wrote the view d_chosen: row_id, split, y and the 1 of 3 columns whose |pearson r| with y is at least 0.1 on 6 training rows.\n\n"), table.stdout)
        let csv = try store.run(["select", "d", "--target", "y", "--min-abs-corr", "0.1", "--view", "d_chosen", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.map { [$0[0]] + $0[3...] }, [
            ["column", "kept", "rows", "note"], ["x", "yes", "6", ""], ["z", "no", "6", ""], ["t", "no", "0", "text column"],
        ])
        XCTAssertEqual(Double(lines[1][1]) ?? .nan, 0.9539980920057238, accuracy: 1e-14)
        XCTAssertEqual(Double(lines[2][1]) ?? .nan, 0, accuracy: 1e-14)
        XCTAssertEqual(lines[3][1], "", "no correlation for a text column")
        XCTAssertEqual(try store.run(["sql", "SELECT * FROM d_chosen ORDER BY row_id LIMIT 2"]).stdout, "row_id,split,y,x\n1,train,0,1\n2,train,0,2\n")
        let described = try store.run(["describe", "d_chosen", "--format", "csv"])
        XCTAssertEqual(described.stdout, """
            column,type,nulls,source,note
            row_id,INTEGER,0,,the key (store select)
            split,TEXT,0,,the split (store select)
            y,INTEGER,0,,the target (store select)
            x,INTEGER,0,,kept by store select: pearson r = 0.9540 with y on 6 train rows (|r| >= 0.1)

            """)
        let report = try store.run(["describe", "d_chosen"])
        XCTAssertTrue(report.stdout.contains("\nstore select kept 1 of the 3 columns of d (|pearson r| with y at least 0.1), "), report.stdout)
        XCTAssertTrue(report.stdout.contains("z       pearson r = 0.0000 with y on 6 train rows (|r| < 0.1)"), report.stdout)
        XCTAssertTrue(report.stdout.contains("t       text column"), report.stdout)
    }

    func testBadArgumentsAreSentences() throws {
        let threshold = try store.run(["select", "d", "--target", "y", "--min-abs-corr", "2", "--view", "v"])
        XCTAssertEqual(threshold.status, 64)
        XCTAssertTrue(threshold.stderr.contains("--min-abs-corr must be between 0 and 1 (an absolute correlation)."), threshold.stderr)
        let method = try store.run(["select", "d", "--target", "y", "--min-abs-corr", "0.1", "--view", "v", "--method", "kendall"])
        XCTAssertTrue(method.stderr.contains("pearson") && method.stderr.contains("spearman"), method.stderr)
        let taken = try store.run(["select", "d", "--target", "y", "--min-abs-corr", "0.1", "--view", "d"])
        XCTAssertEqual(taken.stderr, "Error: --view d is the table being selected from; give the view another name.\n")
    }
}
