import Foundation
import XCTest

/// `store stats`: the exact output on a five-row table, checked against
/// pandas 3.1.1 and by hand.
final class StatsCommandTests: XCTestCase {
    var store: StoreRunner!

    /// Five rows: a text key, an INTEGER column, a REAL column with one NULL,
    /// and a text column with one NULL.
    static let fixture = """
        name,x,y,city
        a,1,2.5,Paris
        b,2,,Lyon
        c,3,4.5,Paris
        d,4,0.5,
        e,5,9.5,Paris

        """

    static let header = "column,type,count,nulls,distinct,mean,std,min,q1,median,q3,max,iqr,mode,freq,variance,skewness,kurtosis"

    // Where the numbers come from (pandas 3.1.1 on the same CSV, `describe()`,
    // `var()`, `skew()`, `kurt()`, `nunique()`, `mode()[0]`):
    // - x = 1..5, by hand: mean 3, variance (4+1+0+1+4)/4 = 2.5, std √2.5 =
    //   1.5811388300841898, quartiles at numpy's positions (n−1)·p = 1, 2, 3
    //   → 2, 3, 4, iqr 2, skewness 0 (symmetric). Kurtosis is −1.2 by hand;
    //   pandas and the store both round it to -1.1999999999999993.
    // - y = 2.5, 4.5, 0.5, 9.5 (one NULL), by hand: mean 17/4 = 4.25; sorted
    //   0.5 2.5 4.5 9.5, so q1 at 0.75 → 2.0, median at 1.5 → 3.5, q3 at 2.25
    //   → 5.75, iqr 3.75; variance 44.75/3 = 14.916666666666666. std
    //   3.8622100754188224, skewness 1.0024075087289077, kurtosis
    //   0.9838644237071232: pandas 3.1.1, the same digits.
    // - Every value occurs once, so the mode is the smallest (pandas
    //   `mode()[0]`): 'a', 1, 0.5. city: pandas describe() gives count 4,
    //   unique 2, top 'Paris', freq 3.
    static let name = "name,TEXT,5,0,5,,,,,,,,,a,1,,,"
    static let x = "x,INTEGER,5,0,5,3.0,1.5811388300841898,1.0,2.0,3.0,4.0,5.0,2.0,1,1,2.5,0.0,-1.1999999999999993"
    static let y = "y,REAL,4,1,4,4.25,3.8622100754188224,0.5,2.0,3.5,5.75,9.5,3.75,0.5,1,14.916666666666666,1.0024075087289077,0.9838644237071232"
    static let city = "city,TEXT,4,1,2,,,,,,,,,Paris,3,,,"

    override func setUpWithError() throws {
        store = try StoreRunner()
        try store.write("t.csv", Self.fixture)
        let ingest = try store.run(["ingest", "csv", "t.csv", "--table", "t"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
    }

    func stats(_ arguments: [String]) throws -> StoreRunner.Result {
        let result = try store.run(["stats", "t"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result
    }

    // MARK: - The summary

    func testCSVHasTheDocumentedColumnsAndPandasNumbers() throws {
        XCTAssertEqual(try stats(["--format", "csv"]).stdout, [Self.header, Self.name, Self.x, Self.y, Self.city].joined(separator: "\n") + "\n")
    }

    /// The table shows the REALs of each column as pandas' display does
    /// (pandas 3.1.1 prints [1.5811388300841898] as 1.581139 and
    /// [-1.1999999999999993] as -1.2), and leaves the statistics that do not
    /// apply to a text column empty.
    func testTableFormatOpensWithRowsAndDuplicates() throws {
        XCTAssertEqual(try stats(["--columns", "x,city"]).stdout, """
            t: 5 rows, 0 duplicate rows

            column  type     count  nulls  distinct  mean       std  min   q1  median   q3  max  iqr  mode   freq  variance  skewness  kurtosis
            ------  -------  -----  -----  --------  ----  --------  ---  ---  ------  ---  ---  ---  -----  ----  --------  --------  --------
            x       INTEGER      5      0         5   3.0  1.581139  1.0  2.0     3.0  4.0  5.0  2.0  1         1       2.5       0.0      -1.2
            city    TEXT         4      1         2                                                   Paris     3

            """)
        // pandas: DataFrame.duplicated().sum() == 2 (rows 2 and 4 repeat row 1; row_id is left out).
        try store.write("d.csv", "k,v\n1,a\n1,a\n2,b\n1,a\n")
        try store.run(["ingest", "csv", "d.csv", "--table", "d"])
        let duplicates = try store.run(["stats", "d"]).stdout
        XCTAssertTrue(duplicates.hasPrefix("d: 4 rows, 2 duplicate rows\n\n"), duplicates)
    }

    /// `--precision 2` is pandas' display.precision 2: pandas 3.1.1 prints
    /// [3.8622100754188224] as 3.86, [14.916666666666666] as 14.92 and
    /// [1.0024075087289077] as 1.0. csv keeps every digit whatever it is.
    func testPrecisionChangesTheDigitsOfTheTableOnly() throws {
        XCTAssertEqual(try stats(["--columns", "y", "--precision", "2"]).stdout, """
            t: 5 rows, 0 duplicate rows

            column  type  count  nulls  distinct  mean   std  min   q1  median    q3  max   iqr  mode  freq  variance  skewness  kurtosis
            ------  ----  -----  -----  --------  ----  ----  ---  ---  ------  ----  ---  ----  ----  ----  --------  --------  --------
            y       REAL      4      1         4  4.25  3.86  0.5  2.0     3.5  5.75  9.5  3.75   0.5     1     14.92       1.0      0.98

            """)
        XCTAssertEqual(try stats(["--columns", "y", "--precision", "2", "--format", "csv"]).stdout, [Self.header, Self.y].joined(separator: "\n") + "\n")
        let refused = try store.run(["stats", "t", "--precision", "21"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.hasPrefix("Error: --precision must be a number of digits from 0 to 20; 21 is not.\n"), refused.stderr)
    }

    func testColumnsKeepsTheGivenOrder() throws {
        XCTAssertEqual(try stats(["--columns", "city,y", "--format", "csv"]).stdout, [Self.header, Self.city, Self.y].joined(separator: "\n") + "\n")
    }

    /// A view's columns have no declared type: it comes from the values.
    func testAViewIsDescribedWithTypesFromItsValues() throws {
        try store.run(["sql", "CREATE VIEW v AS SELECT x * 2 AS twice, name FROM t"])
        let result = try store.run(["stats", "v", "--format", "csv"])
        // twice = 2, 4, 6, 8, 10: x's statistics doubled (variance times 4), by hand.
        XCTAssertEqual(result.stdout, """
            \(Self.header)
            twice,INTEGER,5,0,5,6.0,3.1622776601683795,2.0,4.0,6.0,8.0,10.0,4.0,2,1,10.0,0.0,-1.1999999999999993
            \(Self.name)

            """)
    }

    // MARK: - --by, --target, --corr

    /// One row per group and column, groups in order (NULL first, as SQLite
    /// sorts). pandas 3.1.1 `groupby('city', dropna=False).x`: Paris count 3,
    /// mean 3, std 2, var 4, skew 0, quartiles 2 3 4; one-row groups have no
    /// std or variance (NaN in pandas, empty here); kurtosis needs 4 values.
    func testByGivesOneRowPerGroupAndColumn() throws {
        XCTAssertEqual(try stats(["--by", "city", "--columns", "x,name", "--format", "csv"]).stdout, """
            city,\(Self.header)
            ,x,INTEGER,1,0,1,4.0,,4.0,4.0,4.0,4.0,4.0,0.0,4,1,,,
            ,name,TEXT,1,0,1,,,,,,,,,d,1,,,
            Lyon,x,INTEGER,1,0,1,2.0,,2.0,2.0,2.0,2.0,2.0,0.0,2,1,,,
            Lyon,name,TEXT,1,0,1,,,,,,,,,b,1,,,
            Paris,x,INTEGER,3,0,3,3.0,2.0,1.0,2.0,3.0,4.0,5.0,2.0,1,1,4.0,0.0,
            Paris,name,TEXT,3,0,3,,,,,,,,,a,1,,,

            """)
    }

    /// pandas 3.1.1: `df.x.corr(df.y)` == 0.5179923179936157 (the four rows
    /// where both are present); the text column has no correlation.
    func testTargetAddsEachColumnsCorrelation() throws {
        XCTAssertEqual(try stats(["--target", "y", "--columns", "x,name", "--format", "csv"]).stdout, """
            \(Self.header),target_corr
            \(Self.x),0.5179923179936157
            \(Self.name),

            """)
    }

    /// With csv or json the matrix is the one document printed; as a table
    /// it follows the summary. pandas 3.1.1 `df[['x', 'y']].corr()` has
    /// 0.5179923179936157 off the diagonal, and prints the matrix with
    /// 1.000000 and 0.517992, as the table does.
    func testCorrPrintsThePearsonMatrix() throws {
        XCTAssertEqual(try stats(["--corr", "--format", "csv"]).stdout, """
            column,x,y
            x,1.0,0.5179923179936157
            y,0.5179923179936157,1.0

            """)
        // Text columns among --columns are left out of the matrix, as of target_corr.
        XCTAssertEqual(try stats(["--corr", "--columns", "name,x,y", "--format", "csv"]).stdout.split(separator: "\n").first, "column,x,y")
        let table = try stats(["--corr", "--columns", "x,y"]).stdout
        XCTAssertTrue(table.hasSuffix("""

            correlation (Pearson):

            column         x         y
            ------  --------  --------
            x       1.000000  0.517992
            y       0.517992  1.000000

            """), table)
    }

    // MARK: - Errors

    func testUnknownColumnsAndTablesAreSentences() throws {
        for arguments in [["--columns", "x,nope"], ["--by", "nope"], ["--target", "nope"]] {
            let result = try store.run(["stats", "t"] + arguments)
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertEqual(result.stdout, "")
            XCTAssertEqual(result.stderr, "Error: 't' has no column 'nope'; its columns are row_id, name, x, y, city.\n")
        }
        let missing = try store.run(["stats", "nosuch"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "Error: no table or view named 'nosuch' in this store. `store tables` lists them.\n")
    }
}
