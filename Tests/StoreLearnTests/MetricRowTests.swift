import StoreLearn
import XCTest

/// MetricRow.classification and MetricRow.regression: names, order and
/// values of the `metrics` table rows. Expected numbers: see MetricFixtures
/// and the other metric tests, where each comes from its scikit-learn call.
final class MetricRowTests: XCTestCase {
    typealias F = MetricFixtures

    func testBinaryRows() throws {
        let rows = try MetricRow.classification(actual: F.binaryActual, predicted: F.binaryPredicted, probabilities: F.binaryProbabilities)
        assertRows(rows, [
            MetricRow("accuracy", 0.6923076923076923),
            MetricRow("balanced_accuracy", 0.675),
            MetricRow("precision", classIndex: 0, 0.75),
            MetricRow("recall", classIndex: 0, 0.75),
            MetricRow("f1", classIndex: 0, 0.75),
            MetricRow("support", classIndex: 0, 8),
            MetricRow("precision", classIndex: 1, 0.6),
            MetricRow("recall", classIndex: 1, 0.6),
            MetricRow("f1", classIndex: 1, 0.6),
            MetricRow("support", classIndex: 1, 5),
            MetricRow("precision_macro", 0.675),
            MetricRow("recall_macro", 0.675),
            MetricRow("f1_macro", 0.675),
            MetricRow("precision_weighted", 0.6923076923076923),
            MetricRow("recall_weighted", 0.6923076923076923),
            MetricRow("f1_weighted", 0.6923076923076923),
            MetricRow("roc_auc", 0.7875000000000001),
            MetricRow("average_precision", 0.6976190476190476),
            MetricRow("log_loss", 0.5507460296030297),
        ])
    }

    func testMulticlassRows() throws {
        let rows = try MetricRow.classification(actual: F.multiclassActual, predicted: F.multiclassPredicted, probabilities: F.multiclassProbabilities)
        assertRows(rows, [
            MetricRow("accuracy", 0.5833333333333334),
            MetricRow("balanced_accuracy", 0.5208333333333333),
            MetricRow("precision", classIndex: 0, 0.5),
            MetricRow("recall", classIndex: 0, 0.6666666666666666),
            MetricRow("f1", classIndex: 0, 0.5714285714285714),
            MetricRow("support", classIndex: 0, 3),
            MetricRow("precision", classIndex: 1, 0.5),
            MetricRow("recall", classIndex: 1, 0.75),
            MetricRow("f1", classIndex: 1, 0.6),
            MetricRow("support", classIndex: 1, 4),
            MetricRow("precision", classIndex: 2, 1),
            MetricRow("recall", classIndex: 2, 0.6666666666666666),
            MetricRow("f1", classIndex: 2, 0.8),
            MetricRow("support", classIndex: 2, 3),
            MetricRow("precision", classIndex: 3, 0),
            MetricRow("recall", classIndex: 3, 0),
            MetricRow("f1", classIndex: 3, 0),
            MetricRow("support", classIndex: 3, 2),
            MetricRow("precision_macro", 0.5),
            MetricRow("recall_macro", 0.5208333333333333),
            MetricRow("f1_macro", 0.4928571428571428),
            MetricRow("precision_weighted", 0.5416666666666666),
            MetricRow("recall_weighted", 0.5833333333333334),
            MetricRow("f1_weighted", 0.5428571428571428),
            MetricRow("roc_auc_ovr_macro", 0.8717881944444444),
            MetricRow("roc_auc_ovr_micro", 0.8425925925925927),
            MetricRow("average_precision_macro", 0.7407828282828282),
            MetricRow("log_loss", 1.0047170761339415),
        ])
    }

    func testUndefinedROCAUCIsANilValue() throws {
        let rows = try MetricRow.classification(actual: [1, 1, 1, 1], predicted: [0, 1, 1, 1], probabilities: F.oneClassProbabilities)
        let rocAUC = try XCTUnwrap(rows.first { $0.name == "roc_auc" })
        XCTAssertNil(rocAUC.value)
        XCTAssertEqual(rows.first { $0.name == "average_precision" }?.value, 1)
        XCTAssertEqual(rows.filter { $0.value == nil }.count, 1)
    }

    func testRowsNeedTwoClasses() {
        assertMetricError("classification metrics: probabilities has 1 column(s); it needs one column per class and at least two classes.") {
            try MetricRow.classification(actual: [0, 0], predicted: [0, 0], probabilities: Matrix([[1], [1]]))
        }
    }

    func testRegressionRows() throws {
        let rows = try MetricRow.regression(actual: [3, -0.5, 2, 7], predicted: [2.5, 0, 2, 8])
        assertRows(rows, [
            MetricRow("rmse", 0.6123724356957945),
            MetricRow("mae", 0.5),
            MetricRow("mse", 0.375),
            MetricRow("r2", 0.9486081370449679),
        ])
        XCTAssertEqual(try MetricRow.regression(actual: [2], predicted: [3]).last, MetricRow("r2", nil))
    }

    /// Same names, classes and order; values within 1e-12 relative.
    private func assertRows(_ rows: [MetricRow], _ expected: [MetricRow], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(rows.map(\.name), expected.map(\.name), file: file, line: line)
        XCTAssertEqual(rows.map(\.classIndex), expected.map(\.classIndex), file: file, line: line)
        for (row, expectedRow) in zip(rows, expected) {
            guard let value = expectedRow.value else {
                XCTAssertNil(row.value, "\(row.name)", file: file, line: line)
                continue
            }
            assertClose(row.value, value, file: file, line: line)
        }
    }
}
