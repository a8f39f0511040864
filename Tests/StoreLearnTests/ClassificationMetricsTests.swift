import StoreLearn
import XCTest

/// ConfusionMatrix (accuracy, balanced accuracy) and ClassificationReport.
/// Expected numbers: see MetricFixtures.
final class ClassificationMetricsTests: XCTestCase {
    typealias F = MetricFixtures

    // MARK: Confusion matrix

    func testConfusionMatrixHasActualRowsAndPredictedColumns() throws {
        let confusion = try ConfusionMatrix(actual: F.multiclassActual, predicted: F.multiclassPredicted, classCount: 4)
        // confusion_matrix(y, pred, labels=[0, 1, 2, 3])
        XCTAssertEqual(confusion.counts, [2, 1, 0, 0, 1, 3, 0, 0, 0, 1, 2, 0, 1, 1, 0, 0])
        XCTAssertEqual(confusion[actual: 3, predicted: 0], 1)
        XCTAssertEqual(confusion[actual: 0, predicted: 3], 0)
        XCTAssertEqual(confusion.total, 12)
        XCTAssertEqual(confusion.support(of: 1), 4)
        XCTAssertEqual(confusion.predictions(of: 3), 0)
    }

    func testCellsListEveryPairWithZeros() throws {
        // by hand
        let confusion = try ConfusionMatrix(actual: [0, 0, 1], predicted: [0, 1, 1], classCount: 2)
        XCTAssertEqual(confusion.cells, [
            ConfusionMatrix.Cell(actual: 0, predicted: 0, count: 1),
            ConfusionMatrix.Cell(actual: 0, predicted: 1, count: 1),
            ConfusionMatrix.Cell(actual: 1, predicted: 0, count: 0),
            ConfusionMatrix.Cell(actual: 1, predicted: 1, count: 1),
        ])
    }

    func testClassInNeitherActualNorPredictedHasZeroRowAndColumn() throws {
        let confusion = try ConfusionMatrix(actual: F.sparseActual, predicted: F.sparsePredicted, classCount: 4)
        // confusion_matrix(y, pred, labels=[0, 1, 2, 3])
        XCTAssertEqual(confusion.counts, [2, 1, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    // MARK: Accuracy and balanced accuracy

    func testAccuracyByHand() throws {
        let confusion = try ConfusionMatrix(actual: [0, 0, 1, 2], predicted: [0, 1, 1, 1], classCount: 3)
        XCTAssertEqual(confusion.accuracy, 0.5)
        // recalls 1/2, 1, 0
        XCTAssertEqual(confusion.balancedAccuracy, 0.5)
    }

    func testAccuracyAndBalancedAccuracyAsScikitLearn() throws {
        let binary = try ConfusionMatrix(actual: F.binaryActual, predicted: F.binaryPredicted, classCount: 2)
        assertClose(binary.accuracy, 0.6923076923076923)          // accuracy_score(y, pred)
        assertClose(binary.balancedAccuracy, 0.675)               // balanced_accuracy_score(y, pred)
        let multiclass = try ConfusionMatrix(actual: F.multiclassActual, predicted: F.multiclassPredicted, classCount: 4)
        assertClose(multiclass.accuracy, 0.5833333333333334)      // accuracy_score(y, pred)
        assertClose(multiclass.balancedAccuracy, 0.5208333333333333) // balanced_accuracy_score(y, pred)
    }

    func testBalancedAccuracyLeavesOutClassesNotActual() throws {
        let confusion = try ConfusionMatrix(actual: F.sparseActual, predicted: F.sparsePredicted, classCount: 4)
        assertClose(confusion.accuracy, 0.6666666666666666)         // accuracy_score(y, pred)
        assertClose(confusion.balancedAccuracy, 0.6666666666666666) // balanced_accuracy_score(y, pred): mean of 2/3, 2/3
    }

    // MARK: Classification report

    func testReportByHand() throws {
        let report = ClassificationReport(try ConfusionMatrix(actual: [0, 0, 1, 2], predicted: [0, 1, 1, 1], classCount: 3))
        XCTAssertEqual(report.classes.map(\.label), [0, 1, 2])
        XCTAssertEqual(report.classes[0].precision, 1)
        XCTAssertEqual(report.classes[0].recall, 0.5)
        XCTAssertEqual(report.classes[0].f1, 2.0 / 3)
        XCTAssertEqual(report.classes[1].precision, 1.0 / 3)
        XCTAssertEqual(report.classes[1].f1, 0.5)
        XCTAssertEqual(report.classes[2].precision, 0)
        XCTAssertEqual(report.classes[2].f1, 0)
        XCTAssertEqual(report.classes.map(\.support), [2, 1, 1])
    }

    func testBinaryReportAsScikitLearn() throws {
        let report = ClassificationReport(try ConfusionMatrix(actual: F.binaryActual, predicted: F.binaryPredicted, classCount: 2))
        // classification_report(y, pred, output_dict=True)
        XCTAssertEqual(report.classes.map(\.label), [0, 1])
        assertClose(report.classes.map(\.precision), [0.75, 0.6])
        assertClose(report.classes.map(\.recall), [0.75, 0.6])
        assertClose(report.classes.map(\.f1), [0.75, 0.6])
        XCTAssertEqual(report.classes.map(\.support), [8, 5])
        assertClose(report.accuracy, 0.6923076923076923)
        assertClose([report.macro.precision, report.macro.recall, report.macro.f1], [0.675, 0.675, 0.675])
        assertClose([report.weighted.precision, report.weighted.recall, report.weighted.f1], [0.6923076923076923, 0.6923076923076923, 0.6923076923076923])
    }

    func testNeverPredictedClassHasPrecisionZero() throws {
        let report = ClassificationReport(try ConfusionMatrix(actual: F.multiclassActual, predicted: F.multiclassPredicted, classCount: 4))
        // classification_report(y, pred, output_dict=True); class 3 is never predicted
        XCTAssertEqual(report.classes.map(\.label), [0, 1, 2, 3])
        assertClose(report.classes.map(\.precision), [0.5, 0.5, 1.0, 0.0])
        assertClose(report.classes.map(\.recall), [0.6666666666666666, 0.75, 0.6666666666666666, 0.0])
        assertClose(report.classes.map(\.f1), [0.5714285714285714, 0.6, 0.8, 0.0])
        XCTAssertEqual(report.classes.map(\.support), [3, 4, 3, 2])
        assertClose(report.accuracy, 0.5833333333333334)
        assertClose([report.macro.precision, report.macro.recall, report.macro.f1], [0.5, 0.5208333333333333, 0.4928571428571428])
        assertClose([report.weighted.precision, report.weighted.recall, report.weighted.f1], [0.5416666666666666, 0.5833333333333334, 0.5428571428571428])
    }

    func testReportCoversClassesActualOrPredictedOnly() throws {
        let report = ClassificationReport(try ConfusionMatrix(actual: F.sparseActual, predicted: F.sparsePredicted, classCount: 4))
        // classification_report(y, pred, output_dict=True): class 2 (only predicted) is in, class 3 is not
        XCTAssertEqual(report.classes.map(\.label), [0, 1, 2])
        assertClose(report.classes.map(\.precision), [1.0, 0.6666666666666666, 0.0])
        assertClose(report.classes.map(\.recall), [0.6666666666666666, 0.6666666666666666, 0.0])
        assertClose(report.classes.map(\.f1), [0.8, 0.6666666666666666, 0.0])
        XCTAssertEqual(report.classes.map(\.support), [3, 3, 0])
        assertClose([report.macro.precision, report.macro.recall, report.macro.f1], [0.5555555555555555, 0.4444444444444444, 0.48888888888888893])
        assertClose([report.weighted.precision, report.weighted.recall, report.weighted.f1], [0.8333333333333334, 0.6666666666666666, 0.7333333333333334])
    }

    // MARK: Bad input

    func testBadLabelsAreErrors() {
        assertMetricError("confusion_matrix: actual has 2 values but predicted has 1; give one per example.") {
            try ConfusionMatrix(actual: [0, 1], predicted: [0], classCount: 2)
        }
        assertMetricError("confusion_matrix: actual is empty; there are no examples to evaluate.") {
            try ConfusionMatrix(actual: [], predicted: [], classCount: 2)
        }
        assertMetricError("confusion_matrix: predicted holds class 2 at row 1, outside the 2 classes 0..<2.") {
            try ConfusionMatrix(actual: [0, 1], predicted: [0, 2], classCount: 2)
        }
        assertMetricError("confusion_matrix: actual holds class -1 at row 0, outside the 2 classes 0..<2.") {
            try ConfusionMatrix(actual: [-1, 1], predicted: [0, 1], classCount: 2)
        }
        assertMetricError("confusion_matrix: classCount is -1; there must be at least one class.") {
            try ConfusionMatrix(actual: [0], predicted: [0], classCount: -1)
        }
    }
}
