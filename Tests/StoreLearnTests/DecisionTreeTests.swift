import Foundation
import StoreCore
import StoreLearn
import XCTest

final class DecisionTreeTests: XCTestCase {
    /// Six rows, two features. Classes in order of x0 are 0 0 0 | 1 0 1, so
    /// x0 ≤ 3.5 leaves a pure left side and a right side of Gini 4/9:
    /// weighted 3 × 4/9 = 4/3, the best of x0's five places (2.4, 2.0, 4/3,
    /// 2.5, 1.6) and of x1's (2.4, 2.5, 8/3, 2.0, 2.4), all computed by hand.
    /// In the right node {x0 = 4, 5, 6} x1 ≤ 50 separates the classes.
    let tinyFeatures = Matrix([[1, 10], [2, 30], [3, 50], [4, 20], [5, 60], [6, 40]])
    let tinyClasses = [0, 0, 0, 1, 0, 1]

    // MARK: Splits computed by hand

    func testTinyTreeByHand() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(features: tinyFeatures, classes: tinyClasses, classCount: 2, random: &random)
        let tree = model.tree
        XCTAssertEqual(tree.feature, [0, -2, 1, -2, -2])
        XCTAssertEqual(tree.threshold, [3.5, -2, 50, -2, -2])
        XCTAssertEqual(tree.left, [1, -1, 3, -1, -1])
        XCTAssertEqual(tree.right, [2, -1, 4, -1, -1])
        XCTAssertEqual(tree.sampleCount, [6, 3, 3, 2, 1])
        XCTAssertEqual(tree.value, [4.0 / 6, 2.0 / 6, 1, 0, 1.0 / 3, 2.0 / 3, 0, 1, 1, 0])
        // Gini: root 1 − (4/6)² − (2/6)² = 4/9; right node 1 − (1/3)² − (2/3)² = 4/9.
        XCTAssertEqual(tree.impurity[0], 4.0 / 9, accuracy: 1e-15)
        XCTAssertEqual(tree.impurity[2], 4.0 / 9, accuracy: 1e-15)
        // Decreases 6·4/9 − 3·4/9 = 4/3 on x0 and 3·4/9 = 4/3 on x1: half each.
        XCTAssertEqual(model.featureImportances[0], 0.5, accuracy: 1e-15)
        XCTAssertEqual(model.featureImportances[1], 0.5, accuracy: 1e-15)
        XCTAssertEqual(tree.depth, 2)
        XCTAssertEqual(tree.leafCount, 3)
        XCTAssertEqual(model.predict(Matrix([[2, 0], [5, 45], [5, 55]])), [0, 1, 0])
    }

    func testMaxDepthOneKeepsTheRightLeafMixed() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: tinyFeatures, classes: tinyClasses, classCount: 2,
            parameters: DecisionTreeParameters(maxDepth: 1), random: &random)
        XCTAssertEqual(model.tree.feature, [0, -2, -2])
        XCTAssertEqual(model.tree.threshold, [3.5, -2, -2])
        let probabilities = model.probabilities(Matrix([[0, 0], [10, 0]]))
        XCTAssertEqual(probabilities.values, [1, 0, 1.0 / 3, 2.0 / 3])
    }

    /// Classes (2, 2, 4). Split A (x0 ≤ 0.5) takes one row of class 2; split
    /// B (x1 ≤ 0.5) one row of class 1 and one of class 2. Weighted Gini, by
    /// hand: A 7 · 32/49 = 4.571, B 2 · 1/2 + 6 · 22/36 = 4.667, so Gini
    /// takes A; weighted entropy: A 10.897 bits, B 2 + 6 · 1.459 = 10.755,
    /// so entropy takes B.
    func testGiniAndEntropyChooseDifferentSplits() throws {
        let features = Matrix([[1, 1], [1, 1], [1, 0], [1, 1], [0, 1], [1, 0], [1, 1], [1, 1]])
        let classes = [0, 0, 1, 1, 2, 2, 2, 2]
        for (criterion, feature) in [(DecisionTreeParameters.Criterion.gini, 0), (.entropy, 1)] {
            var random = SeededRandom(seed: 3)
            let model = try DecisionTreeClassifier.fit(
                features: features, classes: classes, classCount: 3,
                parameters: DecisionTreeParameters(criterion: criterion, maxDepth: 1), random: &random)
            XCTAssertEqual(model.tree.feature[0], feature, "\(criterion)")
            XCTAssertEqual(model.tree.threshold[0], 0.5, "\(criterion)")
        }
    }

    func testEntropyImpurityIsInBits() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: Matrix([[1], [2], [3], [4]]), classes: [0, 1, 0, 1], classCount: 2,
            parameters: DecisionTreeParameters(criterion: .entropy, maxDepth: 1), random: &random)
        // Two equal classes: exactly 1 bit (scikit-learn's log base 2).
        XCTAssertEqual(model.tree.impurity[0], 1)
    }

    // MARK: Fitting

    func testSeparableSetIsFittedPerfectly() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 500, noise: 0, seed: 11)
        var random = SeededRandom(seed: 2)
        let model = try DecisionTreeClassifier.fit(features: features, classes: classes, classCount: 2, random: &random)
        XCTAssertEqual(model.predict(features), classes)
        let tree = model.tree
        for node in 0..<tree.nodeCount where tree.left[node] == DecisionTree.leaf {
            XCTAssertEqual(tree.impurity[node], 0, "leaf \(node)")
        }
    }

    func testThresholdIsTheMidpointOfNeighbours() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: Matrix([[-3], [0.25], [0.75], [8]]), classes: [0, 0, 1, 1], classCount: 2, random: &random)
        XCTAssertEqual(model.tree.threshold[0], 0.5)
        // Equal values never split: the only place is between 1 and 2.
        let tied = try DecisionTreeClassifier.fit(
            features: Matrix([[1], [1], [1], [2]]), classes: [0, 1, 0, 1], classCount: 2, random: &random)
        XCTAssertEqual(tied.tree.threshold[0], 1.5)
        XCTAssertEqual(tied.tree.value, [0.5, 0.5, 2.0 / 3, 1.0 / 3, 0, 1])
    }

    func testConstantFeaturesGiveOneLeaf() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: Matrix([[7, 1], [7, 1], [7, 1]]), classes: [0, 1, 1], classCount: 2, random: &random)
        XCTAssertEqual(model.tree.nodeCount, 1)
        XCTAssertEqual(model.tree.value, [1.0 / 3, 2.0 / 3])
        XCTAssertEqual(model.featureImportances, [0, 0])
    }

    func testRegressionTreeOnAStepFunction() throws {
        // y = 1 below 30, 5 from 30 to 69, 2 from 70. Root: x ≤ 29.5 scores
        // 30²/30 + 260²/70 = 995.7 against 230²/70 + 60²/30 = 875.7 for x ≤ 69.5
        // (squared-error proxy, by hand).
        let xs = (0..<100).map(Double.init)
        let ys = xs.map { $0 < 30 ? 1.0 : $0 < 70 ? 5.0 : 2.0 }
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeRegressor.fit(features: Matrix(xs.map { [$0] }), targets: ys, random: &random)
        XCTAssertEqual(model.tree.feature, [0, -2, 0, -2, -2])
        XCTAssertEqual(model.tree.threshold, [29.5, -2, 69.5, -2, -2])
        XCTAssertEqual(model.predict(Matrix([[-5], [29], [30], [69.4], [69.6], [500]])), [1, 1, 5, 5, 2, 2])
        XCTAssertEqual(model.tree.impurity[1], 0)
        // A NaN goes where more training rows went: right at the root (70
        // against 30), then left (40 against 30).
        XCTAssertEqual(model.predict(Matrix([[.nan]])), [5])
    }

    func testRegressionLeavesHoldWeightedMeans() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeRegressor.fit(
            features: Matrix([[1], [1], [2]]), targets: [1, 4, 10], weights: [3, 1, 1],
            parameters: DecisionTreeParameters(maxDepth: 1), random: &random)
        // Left leaf: (3·1 + 1·4) / 4 = 1.75.
        XCTAssertEqual(model.predict(Matrix([[1], [2]])), [1.75, 10])
    }

    // MARK: Limits

    func testMinSamplesLeafIsRespected() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 400, seed: 5)
        var random = SeededRandom(seed: 1)
        let unlimited = try DecisionTreeClassifier.fit(features: features, classes: classes, classCount: 2, random: &random)
        XCTAssertLessThan(Self.leafSizes(unlimited.tree).min() ?? 0, 7, "without the limit some leaf is small")
        let limited = try DecisionTreeClassifier.fit(
            features: features, classes: classes, classCount: 2,
            parameters: DecisionTreeParameters(minSamplesLeaf: 7), random: &random)
        XCTAssertGreaterThanOrEqual(Self.leafSizes(limited.tree).min() ?? 0, 7)
    }

    func testMinSamplesSplitIsRespected() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 400, seed: 5)
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: features, classes: classes, classCount: 2,
            parameters: DecisionTreeParameters(minSamplesSplit: 30), random: &random)
        let tree = model.tree
        let splitSizes = (0..<tree.nodeCount).filter { tree.left[$0] != DecisionTree.leaf }.map { tree.sampleCount[$0] }
        XCTAssertGreaterThanOrEqual(splitSizes.min() ?? 0, 30)
    }

    func testMaxDepthIsRespected() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 400, seed: 5)
        var random = SeededRandom(seed: 1)
        let unlimited = try DecisionTreeClassifier.fit(features: features, classes: classes, classCount: 2, random: &random)
        XCTAssertGreaterThan(unlimited.tree.depth, 3)
        let limited = try DecisionTreeClassifier.fit(
            features: features, classes: classes, classCount: 2,
            parameters: DecisionTreeParameters(maxDepth: 3), random: &random)
        XCTAssertEqual(limited.tree.depth, 3)
        XCTAssertEqual(limited.tree.nodeCount, 15)
    }

    func testMinImpurityDecreaseStopsWeakSplits() throws {
        // The root split of the tiny set decreases Gini by
        // 6/6 · (4/9 − 3/6 · 4/9) = 2/9 ≈ 0.222; asking for 0.25 leaves one leaf.
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: tinyFeatures, classes: tinyClasses, classCount: 2,
            parameters: DecisionTreeParameters(minImpurityDecrease: 0.25), random: &random)
        XCTAssertEqual(model.tree.nodeCount, 1)
        let split = try DecisionTreeClassifier.fit(
            features: tinyFeatures, classes: tinyClasses, classCount: 2,
            parameters: DecisionTreeParameters(minImpurityDecrease: 0.2), random: &random)
        XCTAssertEqual(split.tree.nodeCount, 5)
    }

    func testMaxFeaturesResolvesAsScikitLearn() throws {
        // With one feature drawn per node the tree still grows: a node goes on
        // drawing until it meets a feature that is not constant.
        let features = Matrix([[5, 1], [5, 2], [5, 3], [5, 4]])
        var random = SeededRandom(seed: 4)
        let model = try DecisionTreeClassifier.fit(
            features: features, classes: [0, 0, 1, 1], classCount: 2,
            parameters: DecisionTreeParameters(maxFeatures: .count(1)), random: &random)
        XCTAssertEqual(model.tree.feature[0], 1)
        XCTAssertThrowsError(try DecisionTreeClassifier.fit(
            features: features, classes: [0, 0, 1, 1], classCount: 2,
            parameters: DecisionTreeParameters(maxFeatures: .count(3)), random: &random)) { error in
            XCTAssertEqual("\(error)", "maxFeatures must be between 1 and the number of features (2); it is 3.")
        }
    }

    // MARK: Weights

    func testWeightTwoIsTheSameAsARowTwice() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 60, seed: 8)
        let doubled = Matrix((0..<features.rows).map { Array(features.row($0)) } + [Array(features.row(0)), Array(features.row(1))])
        var random = SeededRandom(seed: 9)
        let weighted = try DecisionTreeClassifier.fit(
            features: features, classes: classes, classCount: 2,
            weights: [2, 2] + Array(repeating: 1, count: 58), random: &random)
        random = SeededRandom(seed: 9)
        let repeated = try DecisionTreeClassifier.fit(
            features: doubled, classes: classes + [classes[0], classes[1]], classCount: 2, random: &random)
        XCTAssertEqual(weighted.tree.feature, repeated.tree.feature)
        XCTAssertEqual(weighted.tree.threshold, repeated.tree.threshold)
        XCTAssertEqual(weighted.tree.value, repeated.tree.value)
        XCTAssertEqual(weighted.tree.weightedSampleCount, repeated.tree.weightedSampleCount)
    }

    func testZeroWeightRowsTakeNoPart() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: Matrix([[1], [2], [3]]), classes: [0, 1, 1], classCount: 2, weights: [1, 0, 1], random: &random)
        XCTAssertEqual(model.tree.sampleCount[0], 2)
        // The only place is between 1 and 3 (row 2 is not there).
        XCTAssertEqual(model.tree.threshold[0], 2)
    }

    // MARK: Importances

    func testImportanceRanksTheInformativeFeaturesFirst() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 2000, noiseFeatures: 3, seed: 21)
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(
            features: features, classes: classes, classCount: 2,
            parameters: DecisionTreeParameters(maxDepth: 6), random: &random)
        let importances = model.featureImportances
        XCTAssertEqual(importances.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(min(importances[0], importances[1]), importances[2...].max() ?? 1)
    }

    // MARK: Codable

    func testCodableRoundTripGivesIdenticalPredictions() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 300, seed: 13)
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(features: features, classes: classes, classCount: 2, random: &random)
        let decoded = try JSONDecoder().decode(DecisionTreeClassifier.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        let (test, _) = TreeTestData.noisyTwoClass(rows: 300, seed: 14)
        XCTAssertEqual(decoded.probabilities(test), model.probabilities(test))

        let targets = (0..<300).map { features[$0, 0] * 3 }
        let regressor = try DecisionTreeRegressor.fit(features: features, targets: targets, random: &random)
        let decodedRegressor = try JSONDecoder().decode(DecisionTreeRegressor.self, from: JSONEncoder().encode(regressor))
        XCTAssertEqual(decodedRegressor.predict(test), regressor.predict(test))
    }

    func testDecodingRefusesABrokenTree() throws {
        var random = SeededRandom(seed: 1)
        let model = try DecisionTreeClassifier.fit(features: tinyFeatures, classes: tinyClasses, classCount: 2, random: &random)
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        // A root whose left child points back at itself would loop forever.
        let broken = json.replacingOccurrences(of: "\"left\":[1,", with: "\"left\":[0,")
        XCTAssertNotEqual(broken, json)
        XCTAssertThrowsError(try JSONDecoder().decode(DecisionTreeClassifier.self, from: Data(broken.utf8)))
    }

    // MARK: Errors

    func testNaNFeaturesAreRefused() {
        var random = SeededRandom(seed: 1)
        XCTAssertThrowsError(try DecisionTreeClassifier.fit(
            features: Matrix([[1, 2], [3, .nan]]), classes: [0, 1], classCount: 2, random: &random)) { error in
            XCTAssertEqual(error as? FitError, FitError("Row 2, column 2 of the features is missing (NaN); impute first, e.g. with coalesce() in the feature view."))
        }
        XCTAssertThrowsError(try DecisionTreeRegressor.fit(
            features: Matrix([[.infinity]]), targets: [1], random: &random)) { error in
            XCTAssertEqual("\(error)", "Row 1, column 1 of the features is inf; trees need finite values, so clip or drop it first.")
        }
    }

    func testBadInputIsRefusedWithASentence() {
        var random = SeededRandom(seed: 1)
        let features = Matrix([[1], [2]])
        let cases: [(() throws -> Void, String)] = [
            ({ _ = try DecisionTreeClassifier.fit(features: Matrix(rows: 0, columns: 2), classes: [], classCount: 2, random: &random) },
             "There are no training rows; a tree needs at least one."),
            ({ _ = try DecisionTreeClassifier.fit(features: features, classes: [0, 2], classCount: 2, random: &random) },
             "Row 2 has class 2, but classes must be between 0 and 1."),
            ({ _ = try DecisionTreeClassifier.fit(features: features, classes: [0], classCount: 2, random: &random) },
             "There are 2 feature rows but 1 classes; give one class per row."),
            ({ _ = try DecisionTreeClassifier.fit(features: features, classes: [0, 1], classCount: 2, weights: [1], random: &random) },
             "There are 2 feature rows but 1 weights; give one weight per row."),
            ({ _ = try DecisionTreeClassifier.fit(features: features, classes: [0, 1], classCount: 2, weights: [1, -1], random: &random) },
             "Row 2 has weight -1.0; weights must be finite and not negative."),
            ({ _ = try DecisionTreeClassifier.fit(features: features, classes: [0, 1], classCount: 2, weights: [0, 0], random: &random) },
             "Every weight is 0; at least one row must weigh something."),
            ({ _ = try DecisionTreeRegressor.fit(features: features, targets: [1, .nan], random: &random) },
             "Row 2 has target nan; targets must be finite numbers, so drop or impute it first."),
            ({ _ = try DecisionTreeRegressor.fit(features: features, targets: [1, 2], parameters: DecisionTreeParameters(maxDepth: 0), random: &random) },
             "maxDepth must be at least 1, or nil for no limit; it is 0."),
            ({ _ = try DecisionTreeRegressor.fit(features: features, targets: [1, 2], parameters: DecisionTreeParameters(minSamplesLeaf: 0), random: &random) },
             "minSamplesLeaf must be at least 1; it is 0."),
            ({ _ = try DecisionTreeRegressor.fit(features: features, targets: [1, 2], parameters: DecisionTreeParameters(maxFeatures: .fraction(1.5)), random: &random) },
             "maxFeatures as a fraction must be greater than 0 and at most 1; it is 1.5."),
        ]
        for (fit, message) in cases {
            XCTAssertThrowsError(try fit()) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    private static func leafSizes(_ tree: DecisionTree) -> [Int] {
        (0..<tree.nodeCount).filter { tree.left[$0] == DecisionTree.leaf }.map { tree.sampleCount[$0] }
    }
}
