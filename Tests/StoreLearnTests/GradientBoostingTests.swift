import Foundation
import StoreCore
@testable import StoreLearn
import Synchronization
import XCTest

final class GradientBoostingTests: XCTestCase {
    /// Eighty rows on three features whose values are exact in float32 (as
    /// scikit-learn casts features to float32), with a binary, a three-class
    /// and a numeric target. The same rows in numpy:
    ///
    /// ```python
    /// i = np.arange(80)
    /// X = np.column_stack([i * 7919 % 1000 / 64, i * 4447 % 997 / 128 - 3, i * i % 11])
    /// noise = (i * 31 % 17) / 17 - 0.5
    /// binary = (X[:, 0] / 4 - X[:, 1] + 4 * noise > 1).astype(int)
    /// three = np.digitize(X[:, 0] / 5 + X[:, 1] / 2 + X[:, 2] / 6 + 3 * noise, [0.9, 2.1])
    /// target = X[:, 0] / 2 - X[:, 1] ** 2 + X[:, 2] + noise
    /// ```
    ///
    /// scikit-learn gives the same predictions on these rows with
    /// random_state 0 to 11: no node has two different best splits of equal
    /// score, which each side would break by its own random feature order.
    enum Fixture {
        static let features = Matrix((0..<80).map { (i: Int) -> [Double] in
            [Double(i * 7919 % 1000) / 64, Double(i * 4447 % 997) / 128 - 3, Double(i * i % 11)]
        })
        static let noise = (0..<80).map { (i: Int) -> Double in Double(i * 31 % 17) / 17 - 0.5 }
        static let binary = (0..<80).map { (i: Int) -> Int in
            let score: Double = features[i, 0] / 4 - features[i, 1] + 4 * noise[i]
            return score > 1 ? 1 : 0
        }
        static let three = (0..<80).map { (i: Int) -> Int in
            let score: Double = features[i, 0] / 5 + features[i, 1] / 2 + features[i, 2] / 6 + 3 * noise[i]
            return score < 0.9 ? 0 : score < 2.1 ? 1 : 2
        }
        static let target = (0..<80).map { (i: Int) -> Double in
            let x1 = features[i, 1]
            return features[i, 0] / 2 - x1 * x1 + features[i, 2] + noise[i]
        }
        /// The rows whose predictions were taken from scikit-learn.
        static let checkedRows = [0, 7, 19, 33, 52, 71]
        /// scikit-learn's settings for the values below.
        static let parameters = GradientBoostingParameters(nEstimators: 20, learningRate: 0.3, maxDepth: 2)
    }

    // MARK: By hand

    func testOneBinaryStageByHand() throws {
        // x = 1, 2, 3, 4 with classes 0, 0, 0, 1. The prior of class 1 is
        // 1/4, so scores start at log(1/4 / 3/4) = −log 3 and the residuals
        // y − p are −1/4, −1/4, −1/4, 3/4. The stump splits at 3.5, which
        // leaves both sides pure. Newton steps: left Σr / Σp(1 − p) =
        // −3/4 / (3 × 3/16) = −4/3, right 3/4 / (3/16) = 4.
        let model = try GradientBoostingClassifier.fit(
            features: Matrix([[1], [2], [3], [4]]), classes: [0, 0, 0, 1], classCount: 2,
            parameters: GradientBoostingParameters(nEstimators: 1, learningRate: 0.5, maxDepth: 1))
        XCTAssertEqual(model.initialScores[0], -log(3), accuracy: 1e-14)
        XCTAssertEqual(model.trees.count, 1)
        let tree = model.trees[0]
        XCTAssertEqual(tree.threshold, [3.5, -2, -2])
        XCTAssertEqual(tree.value[1], -4.0 / 3, accuracy: 1e-14)
        XCTAssertEqual(tree.value[2], 4, accuracy: 1e-14)
        // Scores −log 3 − 0.5 × 4/3 and −log 3 + 0.5 × 4, through the sigmoid.
        let scores = model.decisionFunction(Matrix([[2], [4]]))
        XCTAssertEqual(scores[0, 0], -log(3) - 2.0 / 3, accuracy: 1e-14)
        XCTAssertEqual(scores[1, 0], -log(3) + 2, accuracy: 1e-14)
        let probabilities = model.probabilities(Matrix([[2], [4]]))
        XCTAssertEqual(probabilities[0, 1], 1 / (1 + 3 * exp(2.0 / 3)), accuracy: 1e-14)
        XCTAssertEqual(probabilities[1, 1], 1 / (1 + 3 * exp(-2.0)), accuracy: 1e-14)
        XCTAssertEqual(probabilities[1, 0] + probabilities[1, 1], 1, accuracy: 1e-14)
    }

    func testTwoRegressionStagesByHand() throws {
        // x = 1, 2, 3, 4 with y = 1, 1, 3, 5: the mean is 2.5, residuals
        // −1.5, −1.5, 0.5, 2.5. Squared errors of the three places: 8 (1.5),
        // 2 (2.5), 8/3 (3.5), so the first stump splits at 2.5 with leaves
        // −1.5 and 1.5; at learning rate 0.5 the predictions become 1.75,
        // 1.75, 3.25, 3.25. Residuals −0.75, −0.75, −0.25, 1.75: now 3.5 is
        // best (1/6 against 2 and 2.75), leaves −7/12 and 1.75.
        let model = try GradientBoostingRegressor.fit(
            features: Matrix([[1], [2], [3], [4]]), targets: [1, 1, 3, 5],
            parameters: GradientBoostingParameters(nEstimators: 2, learningRate: 0.5, maxDepth: 1))
        XCTAssertEqual(model.initialScore, 2.5)
        XCTAssertEqual(model.trees.map(\.threshold), [[2.5, -2, -2], [3.5, -2, -2]])
        XCTAssertEqual(model.trees[0].value, [0, -1.5, 1.5])
        XCTAssertEqual(model.trees[1].value[1], -7.0 / 12, accuracy: 1e-14)
        XCTAssertEqual(model.trees[1].value[2], 1.75, accuracy: 1e-14)
        let predictions = model.predict(Matrix([[1], [2], [3], [4]]))
        for (prediction, expected) in zip(predictions, [1.75 - 7.0 / 24, 1.75 - 7.0 / 24, 3.25 - 7.0 / 24, 3.25 + 0.875]) {
            XCTAssertEqual(prediction, expected, accuracy: 1e-14)
        }
    }

    func testMulticlassLeafStepHasTheFactorKMinusOneOverK() throws {
        // x = 1, 2, 3, 4 with classes 0, 0, 1, 2: priors 1/2, 1/4, 1/4.
        // Scores start at log pₖ − mean(log p), whose softmax is the prior.
        // Class 0's residuals are 1/2, 1/2, −1/2, −1/2, so its stump splits
        // at 2.5; left Σr / Σp(1 − p) = 1 / (2 × 1/4) = 2, times 2/3 = 4/3,
        // and −4/3 on the right.
        let model = try GradientBoostingClassifier.fit(
            features: Matrix([[1], [2], [3], [4]]), classes: [0, 0, 1, 2], classCount: 3,
            parameters: GradientBoostingParameters(nEstimators: 1, maxDepth: 1))
        let meanLog = (log(0.5) + 2 * log(0.25)) / 3
        XCTAssertEqual(model.initialScores[0], log(0.5) - meanLog, accuracy: 1e-14)
        XCTAssertEqual(model.initialScores[1], log(0.25) - meanLog, accuracy: 1e-14)
        XCTAssertEqual(model.initialScores.reduce(0, +), 0, accuracy: 1e-14)
        XCTAssertEqual(model.treesPerStage, 3)
        let tree = model.trees[0]
        XCTAssertEqual(tree.threshold[0], 2.5)
        XCTAssertEqual(tree.value[1], 4.0 / 3, accuracy: 1e-14)
        XCTAssertEqual(tree.value[2], -4.0 / 3, accuracy: 1e-14)
    }

    func testLearningRateZeroPredictsTheWeightedPriors() throws {
        // Weights 1, 1, 1, 3 on classes 0, 1, 2, 2: priors 1/6, 1/6, 4/6.
        let model = try GradientBoostingClassifier.fit(
            features: Matrix([[1], [2], [3], [4]]), classes: [0, 1, 2, 2], classCount: 3, weights: [1, 1, 1, 3],
            parameters: GradientBoostingParameters(nEstimators: 3, learningRate: 0))
        let probabilities = model.probabilities(Matrix([[0], [2.5], [9]]))
        for row in 0..<3 {
            XCTAssertEqual(probabilities[row, 0], 1.0 / 6, accuracy: 1e-14)
            XCTAssertEqual(probabilities[row, 2], 4.0 / 6, accuracy: 1e-14)
        }
    }

    // MARK: Against scikit-learn

    // The values below are scikit-learn 1.9.1's, on the rows of `Fixture`
    // with n_estimators=20, max_depth=2, learning_rate=0.3, made by:
    //
    // ```python
    // from sklearn.ensemble import GradientBoostingClassifier as C, GradientBoostingRegressor as R
    // rows = [0, 7, 19, 33, 52, 71]
    // C(n_estimators=20, max_depth=2, learning_rate=0.3).fit(X, binary).predict_proba(X[rows])[:, 1]
    // C(n_estimators=20, max_depth=2, learning_rate=0.3).fit(X, three).predict_proba(X[rows])
    // R(n_estimators=20, max_depth=2, learning_rate=0.3).fit(X, target).predict(X[rows])
    // C(n_estimators=20, max_depth=2, learning_rate=0.3).fit(X, binary, sample_weight=1 + i % 3).predict_proba(X[rows])[:, 1]
    // ```
    //
    // They are training rows: where two features split a node's rows the same
    // way, scikit-learn and we may pick different ones (each draws features in
    // its own random order), which moves thresholds between training values
    // but not what the training rows get.

    func testBinaryProbabilitiesMatchScikitLearn() throws {
        let model = try GradientBoostingClassifier.fit(
            features: Fixture.features, classes: Fixture.binary, classCount: 2, parameters: Fixture.parameters)
        let expected = [0.07325110470733825, 0.9836265901665634, 0.006206251771756739, 0.9836265901665634, 0.0060012511503645324, 0.006206251771756739]
        let probabilities = model.probabilities(Fixture.features.rows(Fixture.checkedRows))
        for (row, probability) in expected.enumerated() {
            XCTAssertEqual(probabilities[row, 1], probability, accuracy: 1e-12)
        }
    }

    func testMulticlassProbabilitiesMatchScikitLearn() throws {
        let model = try GradientBoostingClassifier.fit(
            features: Fixture.features, classes: Fixture.three, classCount: 3, parameters: Fixture.parameters)
        let expected = [
            [0.9765831491069169, 0.016160975510850325, 0.007255875382232674],
            [0.07180617863535661, 0.15901790900142918, 0.7691759123632141],
            [0.009537508727651299, 0.025137699379256168, 0.9653247918930925],
            [0.8242521923460665, 0.16401970244754954, 0.011728105206383883],
            [0.002087604579432433, 0.0036551291180148557, 0.9942572663025526],
            [0.1827872923976996, 0.2373216756357547, 0.5798910319665457],
        ]
        let probabilities = model.probabilities(Fixture.features.rows(Fixture.checkedRows))
        for (row, classes) in expected.enumerated() {
            for (label, probability) in classes.enumerated() {
                XCTAssertEqual(probabilities[row, label], probability, accuracy: 1e-12)
            }
        }
    }

    func testRegressionMatchesScikitLearn() throws {
        let model = try GradientBoostingRegressor.fit(
            features: Fixture.features, targets: Fixture.target, parameters: Fixture.parameters)
        let expected = [-8.67799022247076, 6.375333202905779, 4.25251868109567, -0.37112152324934394, -2.477104426981023, -0.05275724405099762]
        for (prediction, value) in zip(model.predict(Fixture.features.rows(Fixture.checkedRows)), expected) {
            XCTAssertEqual(prediction, value, accuracy: 1e-12)
        }
    }

    func testWeightedBinaryProbabilitiesMatchScikitLearn() throws {
        let weights = (0..<80).map { Double(1 + $0 % 3) }
        let model = try GradientBoostingClassifier.fit(
            features: Fixture.features, classes: Fixture.binary, classCount: 2, weights: weights, parameters: Fixture.parameters)
        let expected = [0.11424828672912819, 0.9795353614376134, 0.009658660991386046, 0.9855787470777502, 0.009138373250720058, 0.009658660991386046]
        let probabilities = model.probabilities(Fixture.features.rows(Fixture.checkedRows))
        for (row, probability) in expected.enumerated() {
            XCTAssertEqual(probabilities[row, 1], probability, accuracy: 1e-12)
        }
    }

    // MARK: Probabilities

    func testMulticlassProbabilitiesSumToOne() throws {
        let (features, classes) = Self.threeClasses(rows: 600, seed: 1)
        let model = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 3, parameters: GradientBoostingParameters(nEstimators: 30))
        let probabilities = model.probabilities(Self.threeClasses(rows: 200, seed: 2).features)
        XCTAssertEqual(probabilities.columns, 3)
        for row in 0..<probabilities.rows {
            XCTAssertEqual((0..<3).map { probabilities[row, $0] }.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertTrue((0..<3).allSatisfy { probabilities[row, $0] > 0 && probabilities[row, $0] < 1 })
        }
        XCTAssertEqual(model.trees.count, 90)
        XCTAssertEqual(model.stageCount, 30)
    }

    func testBoostingIsAccurateOnANoisyTwoClassProblem() throws {
        // The best possible accuracy is about 0.89 (see RandomForestTests).
        let (train, trainClasses) = TreeTestData.noisyTwoClass(rows: 3000, seed: 3)
        let (test, testClasses) = TreeTestData.noisyTwoClass(rows: 2000, seed: 4)
        let model = try GradientBoostingClassifier.fit(features: train, classes: trainClasses, classCount: 2)
        XCTAssertGreaterThan(TreeTestData.accuracy(model.predict(test), testClasses), 0.85)
    }

    func testMoreStagesFitTheTrainingRowsCloser() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 800, seed: 5)
        func logLoss(_ stages: Int) throws -> Double {
            let model = try GradientBoostingClassifier.fit(
                features: features, classes: classes, classCount: 2, parameters: GradientBoostingParameters(nEstimators: stages))
            let probabilities = model.probabilities(features)
            return (0..<features.rows).map { -log(probabilities[$0, classes[$0]]) }.reduce(0, +) / Double(features.rows)
        }
        let losses = try [1, 10, 100].map(logLoss)
        XCTAssertGreaterThan(losses[0], losses[1])
        XCTAssertGreaterThan(losses[1], losses[2])
    }

    // MARK: Weights

    func testWeightTwoIsTheSameAsARowTwice() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 120, seed: 6)
        let weights = (0..<120).map { Double(1 + $0 % 2) }
        let doubled = (0..<120).flatMap { $0 % 2 == 1 ? [$0, $0] : [$0] }
        let parameters = GradientBoostingParameters(nEstimators: 15)
        let weighted = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 2, weights: weights, parameters: parameters)
        let repeated = try GradientBoostingClassifier.fit(
            features: features.rows(doubled), classes: doubled.map { classes[$0] }, classCount: 2, parameters: parameters)
        // Sums in another order can break an exact tie between two features
        // that split a small node alike the other way, which moves a
        // threshold between training rows: compare on the training rows.
        let a = weighted.probabilities(features)
        let b = repeated.probabilities(features)
        for row in 0..<120 { XCTAssertEqual(a[row, 1], b[row, 1], accuracy: 1e-12) }
    }

    func testZeroWeightRowsTakeNoPartButAreScored() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 150, seed: 8)
        let kept = (0..<150).filter { $0 % 3 != 0 }
        let parameters = GradientBoostingParameters(nEstimators: 10)
        let zeroed = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 2, weights: (0..<150).map { $0 % 3 == 0 ? 0 : 1 }, parameters: parameters)
        let dropped = try GradientBoostingClassifier.fit(
            features: features.rows(kept), classes: kept.map { classes[$0] }, classCount: 2, parameters: parameters)
        XCTAssertEqual(zeroed.initialScores, dropped.initialScores)
        XCTAssertEqual(zeroed.trees.map(\.sampleCount), dropped.trees.map(\.sampleCount))
        XCTAssertEqual(zeroed.trees[0].sampleCount[0], 100)
        let a = zeroed.probabilities(features)
        let b = dropped.probabilities(features)
        for row in 0..<150 { XCTAssertEqual(a[row, 1], b[row, 1], accuracy: 1e-12) }
    }

    func testClassWeightsRaiseTheirClassProbability() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 500, noise: 1.5, seed: 9)
        let plain = try GradientBoostingClassifier.fit(features: features, classes: classes, classCount: 2)
        let favoured = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 2, weights: classes.map { $0 == 1 ? 4 : 1 })
        let (test, _) = TreeTestData.noisyTwoClass(rows: 300, seed: 10)
        let mean = { (model: GradientBoostingClassifier) in
            let probabilities = model.probabilities(test)
            return (0..<300).map { probabilities[$0, 1] }.reduce(0, +) / 300
        }
        XCTAssertGreaterThan(mean(favoured), mean(plain) + 0.1)
    }

    // MARK: Subsampling and seeds

    func testSubsampleDrawsThatManyRowsPerStage() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 400, seed: 11)
        let model = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 2,
            parameters: GradientBoostingParameters(nEstimators: 5, subsample: 0.3, seed: 4))
        XCTAssertEqual(model.trees.map { $0.sampleCount[0] }, [120, 120, 120, 120, 120])
        XCTAssertEqual(Set(model.trees.map { $0.weightedSampleCount[0] }), [120])
        XCTAssertEqual(Set(model.trees.map(\.threshold)).count, 5, "each stage draws its own rows")
    }

    func testStagesWhoseRowsAllWeighZeroAddNothing() throws {
        // One row in four weighs something, and each stage draws one row.
        let features = Matrix((0..<40).map { [Double($0)] })
        let classes = (0..<40).map { $0 < 20 ? 0 : 1 }
        let weights = (0..<40).map { $0 % 4 == 0 ? 1.0 : 0 }
        let model = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 2, weights: weights,
            parameters: GradientBoostingParameters(nEstimators: 20, subsample: 0.025, seed: 3))
        let empty = model.trees.filter { $0.weightedSampleCount[0] == 0 }
        XCTAssertGreaterThan(empty.count, 5)
        XCTAssertEqual(Set(empty.map(\.value)), [[0]])
        XCTAssertTrue(model.probabilities(features).values.allSatisfy(\.isFinite))
        XCTAssertNoThrow(try JSONEncoder().encode(model))
    }

    func testSameSeedGivesTheSameModel() throws {
        let (features, classes) = Self.threeClasses(rows: 500, seed: 12)
        let parameters = GradientBoostingParameters(nEstimators: 10, subsample: 0.5, maxFeatures: .count(1), seed: 42)
        let first = try GradientBoostingClassifier.fit(features: features, classes: classes, classCount: 3, parameters: parameters)
        let second = try GradientBoostingClassifier.fit(features: features, classes: classes, classCount: 3, parameters: parameters)
        XCTAssertEqual(first, second)
        var otherSeed = parameters
        otherSeed.seed = 43
        let third = try GradientBoostingClassifier.fit(features: features, classes: classes, classCount: 3, parameters: otherSeed)
        XCTAssertNotEqual(first.trees, third.trees)
    }

    func testLargeNodesSplitOnAllCoresGiveTheSameTrees() throws {
        // 20,000 rows × 4 features is over the work from which a node
        // searches and partitions on every core; the grower must still
        // grow what TreeGrower grows one feature at a time.
        var random = SeededRandom(seed: 13)
        let features = Matrix((0..<20_000).map { _ in (0..<4).map { _ in (random.normal() * 64).rounded() / 64 } })
        let targets = (0..<20_000).map { row in features[row, 0] - 2 * features[row, 1] * features[row, 2] + random.normal() }
        let limits = try GradientBoostingParameters(maxDepth: 4).resolved(featureCount: 4)
        try assertGrowersAgree(features: features, targets: targets, weights: [Double](repeating: 1, count: 20_000), limits: limits, threads: 2)
        let model = try GradientBoostingRegressor.fit(features: features, targets: targets, parameters: GradientBoostingParameters(nEstimators: 3))
        XCTAssertEqual(model, try GradientBoostingRegressor.fit(features: features, targets: targets, parameters: GradientBoostingParameters(nEstimators: 3)))
    }

    // MARK: The grower

    func testGrowerGrowsWhatTreeGrowerGrows() throws {
        // Random features drawn per node, leaves of at least 3 rows, rows of
        // weight 0: the presorted grower and TreeGrower agree node for node.
        var random = SeededRandom(seed: 14)
        let features = Matrix((0..<700).map { _ in (0..<6).map { _ in (random.normal() * 8).rounded() / 8 } })
        let targets = (0..<700).map { row in features[row, 0] + features[row, 3] * features[row, 4] + 0.3 * random.normal() }
        let weights = (0..<700).map { $0 % 5 == 0 ? 0 : Double(1 + $0 % 3) }
        for parameters in [
            DecisionTreeParameters(maxDepth: 5, minSamplesLeaf: 3, maxFeatures: .count(2)),
            DecisionTreeParameters(minSamplesSplit: 10, maxFeatures: .all, minImpurityDecrease: 0.001),
        ] {
            try assertGrowersAgree(features: features, targets: targets, weights: weights, limits: parameters.resolved(featureCount: 6), threads: 1)
        }
    }

    func testGrowerRecordsTheLeafOfEveryRow() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 300, seed: 15)
        let targets = classes.map(Double.init)
        let weights = (0..<300).map { $0 % 4 == 0 ? 0.0 : 1 }
        let ranks = FeatureRanks(features)
        let limits = try GradientBoostingParameters(maxDepth: 3).resolved(featureCount: features.columns)
        let workspace = GradientBoostingWorkspace(rowCount: 300, featureCount: features.columns, threads: 1)
        var random = SeededRandom(seed: 1)
        let tree = targets.withUnsafeBufferPointer { targets in
            weights.withUnsafeBufferPointer { weights in
                GradientBoostingTreeGrower.grow(
                    targets: targets, weights: weights, order: FeatureOrder(ranks), ranks: ranks, limits: limits,
                    random: &random, workspace: workspace)
            }
        }
        for row in 0..<300 {
            if weights[row] == 0 {
                XCTAssertEqual(workspace.leafOfRow[row], -1)
            } else {
                XCTAssertEqual(Int(workspace.leafOfRow[row]), tree.leaf(of: features, row: row))
            }
        }
    }

    // MARK: Importances

    func testImportanceRanksTheInformativeFeaturesFirst() throws {
        let (features, classes) = TreeTestData.noisyTwoClass(rows: 1500, noiseFeatures: 4, seed: 16)
        let model = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: GradientBoostingParameters(nEstimators: 30))
        let importances = model.featureImportances
        XCTAssertEqual(importances.count, 6)
        XCTAssertEqual(importances.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(min(importances[0], importances[1]), importances[2...].max() ?? 1)
    }

    func testImportanceIsTheMeanOfUnscaledTreeImportances() throws {
        // scikit-learn averages each tree's impurity decreases divided by its
        // root weight, then scales once; scaling each tree first would weigh
        // the small late trees as much as the first ones.
        let model = try GradientBoostingRegressor.fit(
            features: Fixture.features, targets: Fixture.target, parameters: Fixture.parameters)
        var sums = [0.0, 0.0, 0.0]
        for tree in model.trees {
            let (weight, impurity) = (tree.weightedSampleCount, tree.impurity)
            for node in 0..<tree.nodeCount where tree.left[node] != DecisionTree.leaf {
                let (left, right) = (tree.left[node], tree.right[node])
                let decrease: Double = weight[node] * impurity[node] - weight[left] * impurity[left] - weight[right] * impurity[right]
                sums[tree.feature[node]] += decrease / weight[0]
            }
        }
        let total = sums.reduce(0, +)
        for (importance, sum) in zip(model.featureImportances, sums) {
            XCTAssertEqual(importance, sum / total, accuracy: 1e-12)
        }
    }

    // MARK: Progress

    func testProgressCountsEveryStage() throws {
        let (features, classes) = Self.threeClasses(rows: 200, seed: 17)
        let reported = Mutex<[Int]>([])
        _ = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 3, parameters: GradientBoostingParameters(nEstimators: 7)
        ) { done in
            reported.withLock { $0.append(done) }
        }
        XCTAssertEqual(reported.withLock { $0 }, Array(1...7))
    }

    // MARK: Codable

    func testCodableRoundTripGivesIdenticalPredictions() throws {
        let (features, classes) = Self.threeClasses(rows: 300, seed: 18)
        let model = try GradientBoostingClassifier.fit(
            features: features, classes: classes, classCount: 3, parameters: GradientBoostingParameters(nEstimators: 10))
        let decoded = try JSONDecoder().decode(GradientBoostingClassifier.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(decoded.probabilities(features), model.probabilities(features))

        let regressor = try GradientBoostingRegressor.fit(
            features: Fixture.features, targets: Fixture.target, parameters: Fixture.parameters)
        let decodedRegressor = try JSONDecoder().decode(GradientBoostingRegressor.self, from: JSONEncoder().encode(regressor))
        XCTAssertEqual(decodedRegressor.predict(Fixture.features), regressor.predict(Fixture.features))
    }

    func testDecodingRefusesBrokenModels() throws {
        let model = try GradientBoostingClassifier.fit(
            features: Fixture.features, classes: Fixture.three, classCount: 3, parameters: GradientBoostingParameters(nEstimators: 2))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as? [String: Any])
        let trees = try XCTUnwrap(json["trees"] as? [Any])
        let breakages: [(String, (inout [String: Any]) -> Void)] = [
            ("no trees", { $0["trees"] = [Any]() }),
            ("a stage cut short", { $0["trees"] = Array(trees.dropLast()) }),
            ("one initial score too few", { $0["initialScores"] = [0.0, 0.0] }),
            ("one class", { $0["classCount"] = 1 }),
            ("trees on other features", { $0["featureCount"] = 4 }),
            ("a negative learning rate", { $0["learningRate"] = -0.1 }),
            ("a missing key", { $0["learningRate"] = nil }),
        ]
        for (name, breakage) in breakages {
            var broken = json
            breakage(&broken)
            let data = try JSONSerialization.data(withJSONObject: broken)
            XCTAssertThrowsError(try JSONDecoder().decode(GradientBoostingClassifier.self, from: data), name)
        }
        XCTAssertNoThrow(try JSONDecoder().decode(GradientBoostingClassifier.self, from: JSONSerialization.data(withJSONObject: json)))
        let regressor = #"{"featureCount":3,"learningRate":0.1,"initialScore":0,"trees":[]}"#
        XCTAssertThrowsError(try JSONDecoder().decode(GradientBoostingRegressor.self, from: Data(regressor.utf8)))
    }

    // MARK: Errors

    func testBadParametersAreRefusedWithASentence() {
        let features = Matrix([[1], [2], [3], [4]])
        let classes = [0, 1, 0, 1]
        let cases: [(GradientBoostingParameters, String)] = [
            (GradientBoostingParameters(nEstimators: 0), "nEstimators must be at least 1; it is 0."),
            (GradientBoostingParameters(learningRate: -0.5), "learningRate must be a number of at least 0; it is -0.5."),
            (GradientBoostingParameters(learningRate: .infinity), "learningRate must be a number of at least 0; it is inf."),
            (GradientBoostingParameters(subsample: 0), "subsample must be greater than 0 and at most 1; it is 0.0."),
            (GradientBoostingParameters(subsample: 1.5), "subsample must be greater than 0 and at most 1; it is 1.5."),
            (GradientBoostingParameters(maxDepth: 0), "maxDepth must be at least 1, or nil for no limit; it is 0."),
            (GradientBoostingParameters(minSamplesLeaf: 0), "minSamplesLeaf must be at least 1; it is 0."),
            (GradientBoostingParameters(maxFeatures: .count(2)), "maxFeatures must be between 1 and the number of features (1); it is 2."),
        ]
        for (parameters, message) in cases {
            XCTAssertThrowsError(try GradientBoostingClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters)) { error in
                XCTAssertEqual("\(error)", message)
            }
            XCTAssertThrowsError(try GradientBoostingRegressor.fit(features: features, targets: [1, 2, 3, 4], parameters: parameters)) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testBadInputIsRefusedWithASentence() {
        XCTAssertThrowsError(try GradientBoostingClassifier.fit(features: Matrix([[1], [2]]), classes: [1, 1], classCount: 2)) { error in
            XCTAssertEqual("\(error)", "Only 1 class has rows of positive weight; gradient boosting needs at least 2.")
        }
        XCTAssertThrowsError(try GradientBoostingClassifier.fit(
            features: Matrix([[1], [2]]), classes: [0, 1], classCount: 2, weights: [0, 1])) { error in
            XCTAssertEqual("\(error)", "Only 1 class has rows of positive weight; gradient boosting needs at least 2.")
        }
        XCTAssertThrowsError(try GradientBoostingClassifier.fit(features: Matrix([[1, .nan]]), classes: [0], classCount: 2)) { error in
            XCTAssertEqual("\(error)", "Row 1, column 2 of the features is missing (NaN); impute first, e.g. with coalesce() in the feature view.")
        }
        XCTAssertThrowsError(try GradientBoostingClassifier.fit(features: Matrix([[1], [2]]), classes: [0, 2], classCount: 2)) { error in
            XCTAssertEqual("\(error)", "Row 2 has class 2, but classes must be between 0 and 1.")
        }
        XCTAssertThrowsError(try GradientBoostingRegressor.fit(features: Matrix([[1], [2]]), targets: [1, .infinity])) { error in
            XCTAssertEqual("\(error)", "Row 2 has target inf; targets must be finite numbers, so drop or impute it first.")
        }
        XCTAssertThrowsError(try GradientBoostingRegressor.fit(features: Matrix([[1], [2]]), targets: [1, 2], weights: [1, -1])) { error in
            XCTAssertEqual("\(error)", "Row 2 has weight -1.0; weights must be finite and not negative.")
        }
    }

    // MARK: Helpers

    /// Three classes by which third of the plane x0 + x1 + noise falls in,
    /// with one more feature that carries nothing.
    static func threeClasses(rows: Int, seed: UInt64) -> (features: Matrix, classes: [Int]) {
        var random = SeededRandom(seed: seed)
        var values: [[Double]] = []
        var classes: [Int] = []
        for _ in 0..<rows {
            let row = (0..<3).map { _ in random.normal() }
            let score = row[0] + row[1] + 0.5 * random.normal()
            values.append(row)
            classes.append(score < -0.6 ? 0 : score < 0.6 ? 1 : 2)
        }
        return (Matrix(values), classes)
    }

    /// Grows one tree with each grower from the same seed and checks that
    /// they agree on every node.
    private func assertGrowersAgree(features: Matrix, targets: [Double], weights: [Double], limits: TreeGrowthLimits, threads: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let ranks = FeatureRanks(features)
        var random = SeededRandom(seed: 7)
        let expected = TreeInput.growRegressor(ranks: ranks, targets: targets, weights: weights, limits: limits, random: &random)
        random = SeededRandom(seed: 7)
        let workspace = GradientBoostingWorkspace(rowCount: features.rows, featureCount: features.columns, threads: threads)
        let tree = targets.withUnsafeBufferPointer { targets in
            weights.withUnsafeBufferPointer { weights in
                GradientBoostingTreeGrower.grow(
                    targets: targets, weights: weights, order: FeatureOrder(ranks), ranks: ranks, limits: limits,
                    random: &random, workspace: workspace)
            }
        }
        XCTAssertGreaterThan(tree.nodeCount, 7, file: file, line: line)
        XCTAssertEqual(tree.feature, expected.feature, file: file, line: line)
        XCTAssertEqual(tree.threshold, expected.threshold, file: file, line: line)
        XCTAssertEqual(tree.left, expected.left, file: file, line: line)
        XCTAssertEqual(tree.sampleCount, expected.sampleCount, file: file, line: line)
        for (value, expectedValue) in zip(tree.value + tree.impurity, expected.value + expected.impurity) {
            XCTAssertEqual(value, expectedValue, accuracy: 1e-9, file: file, line: line)
        }
    }
}
