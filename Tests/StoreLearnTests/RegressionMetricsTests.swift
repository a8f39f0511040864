import StoreLearn
import XCTest

/// RegressionMetrics. Expected numbers: scikit-learn 1.9.1, by the call
/// named next to each (mean_squared_error, root_mean_squared_error,
/// mean_absolute_error, r2_score of y, pred).
final class RegressionMetricsTests: XCTestCase {
    func testScikitLearnsDocstringExample() throws {
        let metrics = try RegressionMetrics(actual: [3, -0.5, 2, 7], predicted: [2.5, 0, 2, 8])
        XCTAssertEqual(metrics.meanSquaredError, 0.375)                   // also by hand: 1.5 / 4
        assertClose(metrics.rootMeanSquaredError, 0.6123724356957945)
        XCTAssertEqual(metrics.meanAbsoluteError, 0.5)                    // also by hand: 2 / 4
        assertClose(metrics.r2, 0.9486081370449679)
    }

    func testTenValues() throws {
        let metrics = try RegressionMetrics(
            actual: [1.5, 2.25, -3.0, 10.125, 0.1, 7.7, 7.7, -0.3, 4.4, 2.0],
            predicted: [1.0, 2.5, -2.5, 9.0, 0.3, 8.1, 6.9, 0.0, 4.4, 1.7])
        assertClose(metrics.meanSquaredError, 0.2848124999999999)
        assertClose(metrics.rootMeanSquaredError, 0.5336782738691916)
        assertClose(metrics.meanAbsoluteError, 0.4374999999999999)
        assertClose(metrics.r2, 0.9816729533088624)
    }

    func testR2OfConstantActualIsOneWhenExactElseZero() throws {
        // r2_score([2, 2, 2], [2, 2, 2]) and r2_score([2, 2, 2], [2, 2.5, 2]) (force_finite=True)
        XCTAssertEqual(try RegressionMetrics(actual: [2, 2, 2], predicted: [2, 2, 2]).r2, 1)
        XCTAssertEqual(try RegressionMetrics(actual: [2, 2, 2], predicted: [2, 2.5, 2]).r2, 0)
    }

    func testR2OfOneExampleIsUndefined() throws {
        // r2_score([2], [3]) is NaN; mean_squared_error([2], [3]) is 1.0
        let metrics = try RegressionMetrics(actual: [2], predicted: [3])
        XCTAssertNil(metrics.r2)
        XCTAssertEqual(metrics.meanSquaredError, 1)
    }

    func testBadValuesAreErrors() {
        assertMetricError("regression metrics: predicted holds nan at row 1; values must be finite numbers.") {
            try RegressionMetrics(actual: [1, 2], predicted: [1, .nan])
        }
        assertMetricError("regression metrics: actual has 2 values but predicted has 1; give one per example.") {
            try RegressionMetrics(actual: [1, 2], predicted: [1])
        }
        assertMetricError("regression metrics: actual is empty; there are no examples to evaluate.") {
            try RegressionMetrics(actual: [], predicted: [])
        }
    }
}
