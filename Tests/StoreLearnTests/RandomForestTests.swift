import Foundation
import StoreCore
import StoreLearn
import Synchronization
import XCTest

final class RandomForestTests: XCTestCase {
    // MARK: Seeds

    func testSameSeedGivesTheSameForest() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 400, seed: 1)
        let parameters = RandomForestParameters(nEstimators: 20, seed: 42)
        let first = try RandomForestClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters)
        let second = try RandomForestClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters)
        XCTAssertEqual(first, second)

        var otherSeed = parameters
        otherSeed.seed = 43
        let third = try RandomForestClassifier.fit(features: features, classes: classes, classCount: 2, parameters: otherSeed)
        XCTAssertNotEqual(first.trees[0], third.trees[0])
        XCTAssertNotEqual(first.probabilities(features), third.probabilities(features))
    }

    func testTreesOfAForestDiffer() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 300, seed: 2)
        let forest = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: RandomForestParameters(nEstimators: 5, seed: 1))
        XCTAssertEqual(Set(forest.trees.map(\.threshold)).count, 5, "each tree has its own bootstrap and feature draws")
        // A bootstrap of 300 draws leaves out about 300 / e ≈ 110 rows.
        XCTAssertEqual(Double(forest.trees[0].sampleCount[0]), 300 * (1 - exp(-1)), accuracy: 25)
        XCTAssertEqual(forest.trees[0].weightedSampleCount[0], 300)
    }

    // MARK: Accuracy

    func testForestIsAccurateOnANoisyTwoClassProblem() throws {
        // Labels x0 + x1 + 0.5 ε > 0: the best possible accuracy is
        // 1 − arctan(0.5 / √2) / π ≈ 0.89 (the chance that the noise flips
        // the sign, for normal x0, x1, ε), computed by hand.
        let (train, trainClasses) = TreeTestData.noisyTwoClass(rows: 3000, seed: 3)
        let (test, testClasses) = TreeTestData.noisyTwoClass(rows: 2000, seed: 4)
        let forest = try RandomForestClassifier.fit(
            features: train, classes: trainClasses, classCount: 2, parameters: RandomForestParameters(nEstimators: 60, seed: 5))
        let accuracy = TreeTestData.accuracy(forest.predict(test), testClasses)
        XCTAssertGreaterThan(accuracy, 0.85)

        var random = SeededRandom(seed: 5)
        let tree = try DecisionTreeClassifier.fit(features: train, classes: trainClasses, classCount: 2, random: &random)
        XCTAssertGreaterThan(accuracy, TreeTestData.accuracy(tree.predict(test), testClasses) + 0.02, "the forest beats one fully grown tree")
    }

    func testProbabilitiesAreTheMeanOfTheTrees() throws {
        // Fully grown trees on rows with distinct features have pure leaves,
        // so each tree says 0 or 1 and the mean of 8 trees is a multiple of 1/8.
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 200, seed: 6)
        let forest = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: RandomForestParameters(nEstimators: 8, seed: 1))
        let (test, _) = TreeTestData.noisyTwoClass(rows: 100, seed: 7)
        let probabilities = forest.probabilities(test)
        XCTAssertEqual(probabilities.columns, 2)
        for row in 0..<probabilities.rows {
            XCTAssertEqual(probabilities[row, 0] + probabilities[row, 1], 1, accuracy: 1e-12)
            XCTAssertEqual(probabilities[row, 1] * 8, (probabilities[row, 1] * 8).rounded(), accuracy: 1e-12)
        }
        XCTAssertTrue((0..<probabilities.rows).contains { probabilities[$0, 1] > 0 && probabilities[$0, 1] < 1 }, "some row is split among the trees")
    }

    func testRegressionForestOnANoisyLine() throws {
        // y = 3x + ε with unit noise. Over a grid, the forest's squared error
        // against the line should be well under the noise variance 1, and
        // under one tree's.
        var random = SeededRandom(seed: 8)
        let xs = (0..<1000).map { _ in random.uniform() * 10 }
        let ys = xs.map { 3 * $0 + random.normal() }
        let features = Matrix(xs.map { [$0] })
        let forest = try RandomForestRegressor.fit(
            features: features, targets: ys, parameters: RandomForestParameters(nEstimators: 30, minSamplesLeaf: 5, seed: 1))
        let tree = try DecisionTreeRegressor.fit(
            features: features, targets: ys, parameters: DecisionTreeParameters(minSamplesLeaf: 5), random: &random)
        let grid = (5...95).map { Double($0) / 10 }
        func error(_ predictions: [Double]) -> Double {
            zip(grid, predictions).map { ($1 - 3 * $0) * ($1 - 3 * $0) }.reduce(0, +) / Double(grid.count)
        }
        let forestError = error(forest.predict(Matrix(grid.map { [$0] })))
        XCTAssertLessThan(forestError, 0.25)
        XCTAssertLessThan(forestError, error(tree.predict(Matrix(grid.map { [$0] }))))
    }

    // MARK: Importances

    func testImportanceRanksTheInformativeFeaturesFirst() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 1500, noiseFeatures: 4, seed: 9)
        let forest = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: RandomForestParameters(nEstimators: 30, seed: 2))
        let importances = forest.featureImportances
        XCTAssertEqual(importances.count, 6)
        XCTAssertEqual(importances.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(min(importances[0], importances[1]), importances[2...].max() ?? 1)
    }

    // MARK: Codable

    func testCodableRoundTripGivesIdenticalPredictions() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 300, seed: 10)
        let forest = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: RandomForestParameters(nEstimators: 10, seed: 3))
        let decoded = try JSONDecoder().decode(RandomForestClassifier.self, from: JSONEncoder().encode(forest))
        XCTAssertEqual(decoded, forest)
        let (test, _) = TreeTestData.noisyTwoClass(rows: 200, seed: 11)
        XCTAssertEqual(decoded.probabilities(test), forest.probabilities(test))

        let regressor = try RandomForestRegressor.fit(
            features: features, targets: classes.map(Double.init), parameters: RandomForestParameters(nEstimators: 10, seed: 3))
        let decodedRegressor = try JSONDecoder().decode(RandomForestRegressor.self, from: JSONEncoder().encode(regressor))
        XCTAssertEqual(decodedRegressor.predict(test), regressor.predict(test))
    }

    func testDecodingRefusesAForestWithoutTrees() {
        let json = #"{"classCount":2,"featureCount":3,"trees":[]}"#
        XCTAssertThrowsError(try JSONDecoder().decode(RandomForestClassifier.self, from: Data(json.utf8)))
    }

    // MARK: Progress

    func testProgressCountsEveryTree() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 200, seed: 12)
        let reported = Mutex<[Int]>([])
        _ = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: RandomForestParameters(nEstimators: 12, seed: 1)
        ) { done in
            reported.withLock { $0.append(done) }
        }
        XCTAssertEqual(reported.withLock { $0 }, Array(1...12))
    }

    // MARK: Weights

    func testWithoutBootstrapEveryTreeSeesEveryRow() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 150, seed: 13)
        let forest = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 2, weights: Array(repeating: 0.5, count: 150),
            parameters: RandomForestParameters(nEstimators: 4, bootstrap: false, seed: 1))
        for tree in forest.trees {
            XCTAssertEqual(tree.sampleCount[0], 150)
            XCTAssertEqual(tree.weightedSampleCount[0], 75)
        }
    }

    func testBootstrapDrawsInProportionToWeights() throws {
        // Ten rows of each class, weighing 9, 1 and 0: a tree's root holds its
        // 30 draws, so the mean class shares at the roots of 200 trees should
        // be 0.9, 0.1 and exactly 0 (standard error of the first √(0.09 / 6000)
        // ≈ 0.004).
        let features = Matrix((0..<30).map { [Double($0)] })
        let classes = (0..<30).map { $0 / 10 }
        let weights = (0..<30).map { [9.0, 1, 0][$0 / 10] }
        let forest = try RandomForestClassifier.fit(
            features: features, classes: classes, classCount: 3, weights: weights,
            parameters: RandomForestParameters(nEstimators: 200, maxDepth: 1, seed: 1))
        let shares = (0..<3).map { label in forest.trees.map { $0.value[label] }.reduce(0, +) / 200 }
        XCTAssertEqual(shares[0], 0.9, accuracy: 0.02)
        XCTAssertEqual(shares[2], 0)
        for tree in forest.trees {
            XCTAssertEqual(tree.weightedSampleCount[0], 30)
        }
    }

    // MARK: Errors

    func testBadInputIsRefusedWithASentence() {
        let features = Matrix([[1, .nan]])
        XCTAssertThrowsError(try RandomForestClassifier.fit(features: features, classes: [0], classCount: 1)) { error in
            XCTAssertEqual("\(error)", "Row 1, column 2 of the features is missing (NaN); impute first, e.g. with coalesce() in the feature view.")
        }
        XCTAssertThrowsError(try RandomForestRegressor.fit(
            features: Matrix([[1]]), targets: [1], parameters: RandomForestParameters(nEstimators: 0))) { error in
            XCTAssertEqual("\(error)", "nEstimators must be at least 1; it is 0.")
        }
    }
}
