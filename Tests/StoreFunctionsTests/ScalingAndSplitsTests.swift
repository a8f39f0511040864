import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

final class ScalingAndSplitsTests: FunctionTestCase {
    // MARK: - Scaling

    /// scikit-learn 1.9.1: RobustScaler().fit([[1],[2],[4],[7]]) has center_ 3.0 and
    /// scale_ 3.0 (q3 4.75 − q1 1.75), so 7 scales to (7 − 3) / 3.
    func testScalersFollowScikitLearn() throws {
        XCTAssertEqual(try value("SELECT robust_scale(7, 3.0, 3.0)"), (4.0 / 3.0).databaseValue)
        XCTAssertEqual(try value("SELECT minmax_scale(5, 0, 20)"), 0.25.databaseValue)
        XCTAssertEqual(try value("SELECT zscore(12, 10, 4)"), 0.5.databaseValue)
        XCTAssertEqual(try value("SELECT robust_scale(7, median(x) OVER (), iqr(x) OVER ()) FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 4 UNION ALL SELECT 7) LIMIT 1"), (4.0 / 3.0).databaseValue)
    }

    func testZeroScaleIsOneAndNullsStayNull() throws {
        XCTAssertEqual(try value("SELECT robust_scale(5, 2, 0)"), 3.0.databaseValue, "sklearn _handle_zeros_in_scale")
        XCTAssertEqual(try value("SELECT minmax_scale(5, 5, 5)"), 0.0.databaseValue)
        XCTAssertEqual(try value("SELECT zscore(5, 4, 0)"), 1.0.databaseValue)
        XCTAssertEqual(try value("SELECT robust_scale(NULL, 2, 1)"), .null)
        XCTAssertEqual(try value("SELECT zscore(5, NULL, 1)"), .null)
        XCTAssertEqual(try value("SELECT minmax_scale('abc', 0, 1)"), .null)
        XCTAssertEqual(try value("SELECT minmax_scale('3', 0, 4)"), 0.75.databaseValue, "text that looks like a number is a number")
    }

    // MARK: - split_bucket

    /// Expected numbers from an independent Python implementation of the
    /// algorithm documented in Splits.swift (FNV-1a 64 over type byte, key
    /// bytes, seed; SplitMix64 finalizer; top 53 bits / 2^53).
    func testSplitBucketFollowsItsSpecification() throws {
        XCTAssertEqual(try value("SELECT split_bucket(42, 7)"), 0.7674471536229338.databaseValue)
        XCTAssertEqual(try value("SELECT split_bucket('abc', 7)"), 0.13412208022286187.databaseValue)
        XCTAssertEqual(try value("SELECT split_bucket(2.5, 7)"), 0.4898249842053858.databaseValue)
        XCTAssertEqual(try value("SELECT split_bucket(42, 8)"), 0.7504457558483263.databaseValue)
        XCTAssertEqual(try value("SELECT split_bucket(NULL, 7)"), .null)
        XCTAssertThrowsError(try value("SELECT split_bucket(1, 'x')")) { error in
            XCTAssertTrue("\(error)".contains("split_bucket(): second argument must be an integer seed"), "\(error)")
        }
    }

    func testSplitBucketIsUniformEnough() throws {
        let share = try store.queue.read { db in
            try Double.fetchOne(db, sql: """
                WITH RECURSIVE keys(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM keys WHERE k < 100000)
                SELECT avg(split_bucket(k, 42) < 0.2) FROM keys
                """)
        }
        // 100,000 Bernoulli(0.2) draws: standard deviation 0.00126; allow 4 of them.
        XCTAssertEqual(try XCTUnwrap(share), 0.2, accuracy: 0.005)
    }
}
