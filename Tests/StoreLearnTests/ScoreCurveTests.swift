import StoreLearn
import XCTest

/// ROCCurve, PrecisionRecallCurve, rocAUC, rocAUCOneVsRest, averagePrecision
/// and averagePrecisionOneVsRest. Expected numbers: see MetricFixtures.
final class ScoreCurveTests: XCTestCase {
    typealias F = MetricFixtures

    // MARK: ROC curve

    func testROCCurveOfScikitLearnsExample() throws {
        let curve = try ROCCurve(actual: F.tinyActual, probabilities: F.tinyProbabilities)
        // roc_curve(y, s), also by hand
        XCTAssertEqual(curve.points.map(\.falsePositiveRate), [0, 0, 0.5, 0.5, 1])
        XCTAssertEqual(curve.points.map(\.truePositiveRate), [0, 0.5, 0.5, 1, 1])
        XCTAssertEqual(curve.points.map(\.threshold), [.infinity, 0.8, 0.4, 0.35, 0.1])
        // roc_auc_score(y, s), also by hand: a quarter square is lost
        XCTAssertEqual(curve.area, 0.75)
    }

    func testROCCurveMergesTiesAndDropsStraightRuns() throws {
        let curve = try ROCCurve(actual: F.binaryActual, probabilities: F.binaryProbabilities)
        // roc_curve(y, s): 9 points; drop_intermediate=False gives 11
        assertClose(curve.points.map(\.falsePositiveRate), [0.0, 0.0, 0.125, 0.125, 0.25, 0.375, 0.5, 0.625, 1.0])
        assertClose(curve.points.map(\.truePositiveRate), [0.0, 0.2, 0.4, 0.6, 0.6, 0.8, 0.8, 1.0, 1.0])
        assertClose(curve.points.map(\.threshold), [.infinity, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.1])
        // roc_auc_score(y, s)
        assertClose(curve.area, 0.7875000000000001)
    }

    func testROCCurveOfOneClassAgainstTheRest() throws {
        let curve = try ROCCurve(actual: F.multiclassActual, probabilities: F.multiclassProbabilities, positiveClass: 3)
        // roc_curve(y == 3, P[:, 3])
        assertClose(curve.points.map(\.falsePositiveRate), [0.0, 0.0, 0.1, 1.0])
        assertClose(curve.points.map(\.truePositiveRate), [0.0, 0.5, 1.0, 1.0])
        assertClose(curve.points.map(\.threshold), [.infinity, 0.3, 0.2, 0.1])
        // roc_auc_score(label_binarize(y, classes=[0, 1, 2, 3]), P, average=None)[3]
        assertClose(curve.area, 0.9750000000000001)
    }

    func testROCCurveWithOneActualClassHasNaNRatesAndNoArea() throws {
        // roc_curve([1, 1, 1, 1], s): fpr all NaN; roc_auc_score gives NaN
        let positives = try ROCCurve(actual: [1, 1, 1, 1], probabilities: F.oneClassProbabilities)
        XCTAssertTrue(positives.points.allSatisfy { $0.falsePositiveRate.isNaN })
        assertClose(positives.points.map(\.truePositiveRate), [0.0, 0.25, 0.75, 1.0])
        assertClose(positives.points.map(\.threshold), [.infinity, 0.9, 0.6, 0.2])
        XCTAssertNil(positives.area)
        // roc_curve([0, 0, 0, 0], s): tpr all NaN
        let negatives = try ROCCurve(actual: [0, 0, 0, 0], probabilities: F.oneClassProbabilities)
        assertClose(negatives.points.map(\.falsePositiveRate), [0.0, 0.25, 0.75, 1.0])
        XCTAssertTrue(negatives.points.allSatisfy { $0.truePositiveRate.isNaN })
        XCTAssertNil(negatives.area)
    }

    // MARK: ROC AUC

    func testBinaryROCAUC() throws {
        // roc_auc_score(y, s)
        assertClose(try rocAUC(actual: F.tinyActual, probabilities: F.tinyProbabilities), 0.75)
        assertClose(try rocAUC(actual: F.binaryActual, probabilities: F.binaryProbabilities), 0.7875000000000001)
        XCTAssertNil(try rocAUC(actual: [0, 0, 0, 0], probabilities: F.oneClassProbabilities))
        assertMetricError("roc_auc: probabilities has 4 columns; the binary ROC AUC needs 2. Use rocAUCOneVsRest for more classes.") {
            try rocAUC(actual: F.multiclassActual, probabilities: F.multiclassProbabilities)
        }
    }

    func testOneVsRestROCAUC() throws {
        // roc_auc_score(y, P, multi_class='ovr', average='macro')
        assertClose(try rocAUCOneVsRest(actual: F.multiclassActual, probabilities: F.multiclassProbabilities, average: .macro), 0.8717881944444444)
        // roc_auc_score(label_binarize(y, classes=[0, 1, 2, 3]), P, average='micro')
        assertClose(try rocAUCOneVsRest(actual: F.multiclassActual, probabilities: F.multiclassProbabilities, average: .micro), 0.8425925925925927)
    }

    func testOneVsRestMacroIsUndefinedWhenAClassIsNotActual() throws {
        // roc_auc_score(y, P, multi_class='ovr', labels=[0, 1, 2, 3]) is NaN: classes 2 and 3 have no positives
        XCTAssertNil(try rocAUCOneVsRest(actual: F.sparseActual, probabilities: F.sparseProbabilities, average: .macro))
        // roc_auc_score(np.eye(4)[y], P, average='micro')
        assertClose(try rocAUCOneVsRest(actual: F.sparseActual, probabilities: F.sparseProbabilities, average: .micro), 0.9537037037037037)
    }

    // MARK: Precision-recall curve and average precision

    func testPrecisionRecallCurveOfScikitLearnsExample() throws {
        let curve = try PrecisionRecallCurve(actual: F.tinyActual, probabilities: F.tinyProbabilities)
        // precision_recall_curve(y, s), also by hand
        XCTAssertEqual(curve.points.map(\.precision), [0.5, 2.0 / 3, 0.5, 1, 1])
        XCTAssertEqual(curve.points.map(\.recall), [1, 1, 0.5, 0.5, 0])
        XCTAssertEqual(curve.points.map(\.threshold), [0.1, 0.35, 0.4, 0.8, nil])
        // average_precision_score(y, s), also by hand: 0.5 · 1 + 0.5 · 2/3
        assertClose(curve.averagePrecision, 0.8333333333333333)
        assertClose(try averagePrecision(actual: F.tinyActual, probabilities: F.tinyProbabilities), 0.8333333333333333)
    }

    func testPrecisionRecallCurveWithTies() throws {
        let curve = try PrecisionRecallCurve(actual: F.binaryActual, probabilities: F.binaryProbabilities)
        // precision_recall_curve(y, s): one point per distinct score, none dropped
        assertClose(curve.points.map(\.precision), [0.38461538461538464, 0.4166666666666667, 0.45454545454545453, 0.5, 0.5, 0.5714285714285714, 0.6, 0.75, 0.6666666666666666, 1.0, 1.0])
        assertClose(curve.points.map(\.recall), [1.0, 1.0, 1.0, 1.0, 0.8, 0.8, 0.6, 0.6, 0.4, 0.2, 0.0])
        XCTAssertEqual(curve.points.map(\.threshold), [0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, nil])
        // average_precision_score(y, s)
        assertClose(curve.averagePrecision, 0.6976190476190476)
    }

    func testPrecisionRecallCurveOfOneClassAgainstTheRest() throws {
        let curve = try PrecisionRecallCurve(actual: F.multiclassActual, probabilities: F.multiclassProbabilities, positiveClass: 2)
        // precision_recall_curve(y == 2, P[:, 2])
        assertClose(curve.points.map(\.precision), [0.25, 0.2727272727272727, 0.5, 1.0, 1.0, 1.0])
        assertClose(curve.points.map(\.recall), [1.0, 1.0, 1.0, 0.6666666666666666, 0.3333333333333333, 0.0])
        XCTAssertEqual(curve.points.map(\.threshold), [0.1, 0.2, 0.3, 0.4, 0.6, nil])
    }

    func testPrecisionRecallWithOneActualClass() throws {
        // precision_recall_curve([1, 1, 1, 1], s); average_precision_score gives 1.0
        let positives = try PrecisionRecallCurve(actual: [1, 1, 1, 1], probabilities: F.oneClassProbabilities)
        XCTAssertEqual(positives.points.map(\.precision), [1, 1, 1, 1])
        assertClose(positives.points.map(\.recall), [1.0, 0.75, 0.25, 0.0])
        XCTAssertEqual(positives.averagePrecision, 1)
        // precision_recall_curve([0, 0, 0, 0], s): recall 1 at every threshold; average_precision_score gives 0.0
        let negatives = try PrecisionRecallCurve(actual: [0, 0, 0, 0], probabilities: F.oneClassProbabilities)
        XCTAssertEqual(negatives.points.map(\.precision), [0, 0, 0, 1])
        XCTAssertEqual(negatives.points.map(\.recall), [1, 1, 1, 0])
        XCTAssertEqual(negatives.points.map(\.threshold), [0.2, 0.6, 0.9, nil])
        XCTAssertEqual(negatives.averagePrecision, 0)
        XCTAssertEqual(negatives.averagePrecision.sign, .plus)
    }

    func testOneVsRestAveragePrecision() throws {
        // average_precision_score(y, P)
        assertClose(try averagePrecisionOneVsRest(actual: F.multiclassActual, probabilities: F.multiclassProbabilities), 0.7407828282828282)
        // average_precision_score(np.eye(4)[y], P, average='macro'): per class [0.9167, 0.9167, 0, 0]
        assertClose(try averagePrecisionOneVsRest(actual: F.sparseActual, probabilities: F.sparseProbabilities), 0.45833333333333326)
        assertMetricError("average_precision: probabilities has 4 columns; the binary average precision needs 2. Use averagePrecisionOneVsRest for more classes.") {
            try averagePrecision(actual: F.multiclassActual, probabilities: F.multiclassProbabilities)
        }
    }

    // MARK: Many rows

    func testHundredThousandTiedScoresGiveOneStepByHand() throws {
        // by hand: one threshold takes every example at once, so the ROC curve
        // is the diagonal (area 1/2) and the precision is the share of positives
        let actual = (0..<100_000).map { $0 % 4 == 0 ? 1 : 0 }
        let probabilities = Matrix(Array(repeating: [0.3, 0.7], count: actual.count))
        let roc = try ROCCurve(actual: actual, probabilities: probabilities)
        XCTAssertEqual(roc.points.map(\.falsePositiveRate), [0, 1])
        XCTAssertEqual(roc.points.map(\.truePositiveRate), [0, 1])
        XCTAssertEqual(roc.points.map(\.threshold), [.infinity, 0.7])
        XCTAssertEqual(roc.area, 0.5)
        let precisionRecall = try PrecisionRecallCurve(actual: actual, probabilities: probabilities)
        XCTAssertEqual(precisionRecall.points.map(\.precision), [0.25, 1])
        XCTAssertEqual(precisionRecall.averagePrecision, 0.25)
    }

    // MARK: Bad input

    func testBadScoresAreErrors() {
        assertMetricError("roc_curve: positive class 2 is not one of the 2 classes.") {
            try ROCCurve(actual: F.tinyActual, probabilities: F.tinyProbabilities, positiveClass: 2)
        }
        assertMetricError("precision_recall_curve: actual has 3 values but probabilities has 4; give one per example.") {
            try PrecisionRecallCurve(actual: [0, 1, 1], probabilities: F.tinyProbabilities)
        }
        assertMetricError("roc_auc_ovr_macro: probabilities holds nan at row 0, column 1; scores must be finite numbers.") {
            try rocAUCOneVsRest(actual: [0, 1, 2], probabilities: Matrix([[0.5, .nan, 0.5], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]), average: .macro)
        }
        assertMetricError("roc_auc_ovr_micro: probabilities has 1 column(s); it needs one column per class and at least two classes.") {
            try rocAUCOneVsRest(actual: [0, 0], probabilities: Matrix([[1], [1]]), average: .micro)
        }
    }
}
