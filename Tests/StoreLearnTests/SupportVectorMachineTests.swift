import Foundation
import StoreLearn
import Synchronization
import XCTest

/// Support vector classification against scikit-learn 1.9.1's `SVC` on the
/// same rows. The numbers below were printed once by this script
/// (/work/venv/bin/python, scikit-learn 1.9.1, numpy's float64):
///
/// ```python
/// import numpy as np, warnings
/// from sklearn.svm import SVC
/// warnings.simplefilter("ignore")  # SVC(probability=True) is deprecated in 1.9
/// def grid(i, step, offset, modulus, shift): return ((i * step + offset) % modulus) / 4 - shift
/// X2 = np.array([[grid(i, 37, 0, 29, 3.5), grid(i, 53, 11, 31, 3.75)] for i in range(40)])
/// y2 = np.array([int(X2[i, 0] + 0.5 * X2[i, 1] + ((i * 7) % 5 - 2) * 0.6 > 0) for i in range(40)])
/// X3 = np.array([[grid(i, 41, 0, 23, 2.75), grid(i, 17, 5, 19, 2.25)] for i in range(45)])
/// y3 = np.array([(i // 7) % 3 if i % 7 == 0 else (2 if X3[i, 0] > 0.8 else (1 if X3[i, 1] > 0.3 else 0)) for i in range(45)])
/// r = lambda a: [float(v) for v in np.ravel(a)]
/// m = SVC().fit(X2, y2)
/// print("binary", m._gamma, r(m.n_support_), r(m.decision_function(X2[:6])))
/// print("linear", r(SVC(kernel="linear", C=0.5).fit(X2, y2).decision_function(X2[:6])))
/// w = SVC(class_weight={0: 5, 1: 1}).fit(X2, y2)
/// print("weighted", r(w.n_support_), r(w.decision_function(X2[:6])), int(w.predict(X2).sum()), int(m.predict(X2).sum()))
/// p = np.array([SVC(probability=True, random_state=s).fit(X2, y2).predict_proba(X2[:6])[:, 1] for s in range(100)])
/// print("binary p1 min", r(p.min(0)), "max", r(p.max(0)))
/// m = SVC(decision_function_shape="ovo").fit(X3, y3)
/// print("three", m._gamma, r(m.n_support_), r(m.decision_function(X3[:4])))
/// m.decision_function_shape = "ovr"
/// print("three ovr", r(m.decision_function(X3[:4])), r(m.predict(X3)))
/// print("poly", r(SVC(kernel="poly", degree=2, coef0=1, decision_function_shape="ovo").fit(X3, y3).decision_function(X3[:4])))
/// p = np.array([SVC(probability=True, random_state=s).fit(X3, y3).predict_proba(X3[:4]) for s in range(100)])
/// print("three P min", r(p.min(0)), "max", r(p.max(0)))
/// ```
///
/// Tolerances. Decision values: libsvm 3.24 and scikit-learn's copy run the
/// same solver on the rows in the same order (the classifier's (1)), so they
/// take the same steps and differ only where the kernel sums round
/// differently (sparse nodes here, BLAS dot products there); they agree to
/// the last printed digit, and 1e-9 leaves room for another CPU's rounding
/// while staying far below the solver's own tolerance of 1e-3.
/// Probabilities: Platt scaling fits on a 5-fold cross-validation shuffled
/// by C `rand()` here and by scikit-learn's own generator there, so no seed
/// reproduces scikit-learn's folds. On 40 rows the fold draw alone moves a
/// probability by up to 0.16 (the spread over `random_state` 0…99 above);
/// the test asserts each probability lies within that spread, the closest
/// statement that holds for any honest fold draw.
final class SupportVectorMachineTests: XCTestCase {
    // MARK: Fixtures

    /// (i · step + offset) mod modulus, over 4, minus shift: exact in binary, so numpy sees the same numbers.
    static func grid(_ i: Int, step: Int, offset: Int, modulus: Int, shift: Double) -> Double {
        Double((i * step + offset) % modulus) / 4 - shift
    }

    /// 40 rows, 2 features; class 1 when x0 + x1 / 2 plus a deterministic nudge is positive (18 of class 0, 22 of class 1).
    static func binary() -> (Matrix, [Int]) {
        var rows: [[Double]] = []
        var classes: [Int] = []
        for i in 0..<40 {
            let x0 = grid(i, step: 37, offset: 0, modulus: 29, shift: 3.5)
            let x1 = grid(i, step: 53, offset: 11, modulus: 31, shift: 3.75)
            let nudge = Double((i * 7) % 5 - 2) * 0.6
            rows.append([x0, x1])
            classes.append(x0 + 0.5 * x1 + nudge > 0 ? 1 : 0)
        }
        return (Matrix(rows), classes)
    }

    /// 45 rows, 2 features, 3 classes by region, every 7th row relabelled;
    /// class 2 appears before class 1, so libsvm would order them 0, 2, 1 by
    /// first appearance (17, 13 and 15 rows).
    static func three() -> (Matrix, [Int]) {
        var rows: [[Double]] = []
        var classes: [Int] = []
        for i in 0..<45 {
            let x0 = grid(i, step: 41, offset: 0, modulus: 23, shift: 2.75)
            let x1 = grid(i, step: 17, offset: 5, modulus: 19, shift: 2.25)
            rows.append([x0, x1])
            if i % 7 == 0 {
                classes.append((i / 7) % 3)
            } else {
                classes.append(x0 > 0.8 ? 2 : (x1 > 0.3 ? 1 : 0))
            }
        }
        return (Matrix(rows), classes)
    }

    /// Four clusters of 10 points around (±1, ±1), class 1 where x0 · x1 > 0.
    static func xor(offset: Int) -> (Matrix, [Int]) {
        var rows: [[Double]] = []
        var classes: [Int] = []
        for corner in 0..<4 {
            let (sx, sy): (Double, Double) = [(1, 1), (-1, -1), (1, -1), (-1, 1)][corner]
            for i in 0..<10 {
                let jitterX = grid(i + offset, step: 7, offset: corner, modulus: 11, shift: 1.25) * 0.3
                let jitterY = grid(i + offset, step: 5, offset: 3 * corner, modulus: 13, shift: 1.5) * 0.3
                rows.append([sx + jitterX, sy + jitterY])
                classes.append(corner < 2 ? 1 : 0)
            }
        }
        return (Matrix(rows), classes)
    }

    static func firstRows(_ matrix: Matrix, _ count: Int) -> Matrix {
        matrix.rows(Array(0..<count))
    }

    static func accuracy(_ predicted: [Int], _ actual: [Int]) -> Double {
        Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }

    func assertClose(_ got: [Double], _ expected: [Double], accuracy: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        for (a, b) in zip(got, expected) { XCTAssertEqual(a, b, accuracy: accuracy, "\(got) vs \(expected)", file: file, line: line) }
    }

    func assertWithin(_ got: [Double], low: [Double], high: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, low.count, file: file, line: line)
        for (index, value) in got.enumerated() {
            XCTAssert(value >= low[index] && value <= high[index], "\(value) outside [\(low[index]), \(high[index])] at \(index)", file: file, line: line)
        }
    }

    // MARK: Separable sets

    func testLinearKernelSeparatesASeparableSet() throws {
        let features = Matrix([[0, 0], [0, 1], [1, 0], [1, 1.5], [4, 4], [4, 5.5], [5, 4], [5, 5]])
        let classes = [0, 0, 0, 0, 1, 1, 1, 1]
        let model = try SupportVectorClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: SupportVectorParameters(kernel: .linear))
        XCTAssertEqual(model.predict(features), classes)
        XCTAssertEqual(model.predictByVote(features), classes)
        let unseen = Matrix([[-1, -1], [2, 1], [3.5, 4], [7, 6]])
        XCTAssertEqual(model.predictByVote(unseen), [0, 0, 1, 1])
        // Rows on the far side of the margin score beyond ±1.
        let scores = model.decisionFunction(features).values
        for (score, label) in zip(scores, classes) { XCTAssertGreaterThanOrEqual(label == 1 ? score : -score, 1 - 1e-3) }
    }

    func testRBFSolvesXORWhereLinearCannot() throws {
        let (train, trainClasses) = Self.xor(offset: 0)
        let (test, testClasses) = Self.xor(offset: 20)
        let rbf = try SupportVectorClassifier.fit(features: train, classes: trainClasses, classCount: 2)
        XCTAssertEqual(rbf.predictByVote(train), trainClasses)
        XCTAssertEqual(rbf.predictByVote(test), testClasses)
        let linear = try SupportVectorClassifier.fit(
            features: train, classes: trainClasses, classCount: 2, parameters: SupportVectorParameters(kernel: .linear))
        // No line puts more than three of the four clusters on their side.
        XCTAssertLessThanOrEqual(Self.accuracy(linear.predictByVote(train), trainClasses), 0.8)
    }

    // MARK: Against scikit-learn

    func testBinaryDecisionValuesMatchScikitLearn() throws {
        let (features, classes) = Self.binary()
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2)
        XCTAssertEqual(model.gamma, 0.10588335046354985, accuracy: 1e-15)
        XCTAssertEqual(model.supportCounts, [12, 12])
        XCTAssertEqual(model.classes, [0, 1])
        let query = Self.firstRows(features, 6)
        XCTAssertEqual(model.decisionFunction(query).columns, 1)
        assertClose(model.decisionFunction(query).values, [-1.2589946494544015, -1.1130000015526573, 1.0122864323105565, 1.458911424138417, -1.3358556320402422, 0.38816330875661714])

        let linear = try SupportVectorClassifier.fit(
            features: features, classes: classes, classCount: 2, parameters: SupportVectorParameters(kernel: .linear, c: 0.5))
        assertClose(linear.decisionFunction(query).values, [-3.900227516213902, -2.976971934858774, 1.6156327518821223, 2.538888333237251, -3.746351585988047, 0.8462531007528484])
    }

    func testBinaryProbabilitiesFallWithinScikitLearnsSpreadOverSeeds() throws {
        let (features, classes) = Self.binary()
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2)
        let query = Self.firstRows(features, 6)
        let probabilities = model.probabilities(query)
        assertWithin(probabilities.column(1),
                     low: [0.05623939745231826, 0.07243993465668952, 0.7363793679932291, 0.8143506117947142, 0.04782789208810097, 0.580337066941885],
                     high: [0.2199302344083853, 0.24625923278669484, 0.8936616373453433, 0.9540122290838943, 0.2069057553600701, 0.7033986304778506])
        // Two classes: class 0 has Platt's 1 / (1 + exp(A·f + B)) of libsvm's
        // value f, which is minus scikit-learn's decision function.
        let decisions = model.decisionFunction(query).values
        for row in 0..<query.rows {
            let platt = 1 / (1 + exp(-decisions[row] * model.probA[0] + model.probB[0]))
            XCTAssertEqual(probabilities[row, 0], platt, accuracy: 1e-12)
            XCTAssertEqual(probabilities[row, 0] + probabilities[row, 1], 1, accuracy: 1e-12)
        }
    }

    func testThreeClassDecisionValuesMatchScikitLearn() throws {
        let (features, classes) = Self.three()
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3)
        XCTAssertEqual(model.gamma, 0.21136683889149838, accuracy: 1e-15)
        XCTAssertEqual(model.classes, [0, 1, 2])
        XCTAssertEqual(model.supportCounts, [9, 9, 12])
        let query = Self.firstRows(features, 4)
        assertClose(model.decisionFunction(query, shape: .ovo).values, [0.9997189444383147, 1.0002573362928642, 0.15384982392823487, -0.016727883475571144, -0.9449064881480239, -1.0750874455630215, 1.0252163999605481, 0.6187075389886731, -0.8710296925807857, -1.0856529821382743, -0.17531744629063467, 0.9998817786407832])
        assertClose(model.decisionFunction(query).values, [2.2222213437238385, 0.8472500729491346, -0.17859018058362527, -0.16340700141581, 0.8286079229335208, 2.2229578356833346, 2.2072580978007217, -0.2182418242962517, 1.0671611408370074, -0.18590401309894258, 2.2253023568003805, 0.8493586810962045])
        XCTAssertEqual(model.predictByVote(features), [0, 2, 0, 1, 1, 2, 2, 1, 0, 0, 2, 0, 0, 1, 2, 2, 1, 0, 0, 2, 2, 0, 1, 1, 2, 1, 0, 0, 2, 2, 0, 0, 1, 2, 1, 1, 0, 2, 2, 0, 0, 1, 2, 2, 1])

        var parameters = SupportVectorParameters(kernel: .polynomial(degree: 2, coef0: 1))
        parameters.probability = false
        let polynomial = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, parameters: parameters)
        assertClose(polynomial.decisionFunction(query, shape: .ovo).values, [4.347200828423615, 4.473842522753437, 1.2970671245323153, -0.2740069366673125, -1.0837337793406332, -1.4482309917818834, 1.5617001277600304, 1.000228550992771, -1.1890392564082968, -1.6651979184691064, -0.11671781999271305, 1.5008779509389951])
    }

    func testThreeClassProbabilitiesSumToOneAndFallWithinScikitLearnsSpread() throws {
        let (features, classes) = Self.three()
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3)
        XCTAssertEqual(model.probA.count, 3)
        let all = model.probabilities(features)
        XCTAssertEqual(all.columns, 3)
        for row in 0..<all.rows {
            XCTAssertEqual(all.row(row).reduce(0, +), 1, accuracy: 1e-12)
            XCTAssert(all.row(row).allSatisfy { $0 > 0 && $0 < 1 })
        }
        assertWithin(Array(all.values[0..<12]),
                     low: [0.7601672303023133, 0.051311132308895155, 0.06206653732694292, 0.103171284386137, 0.09423815925077161, 0.676208284087702, 0.7106745979425185, 0.03722613068894802, 0.1527185596297047, 0.0606893053261115, 0.7428289578039365, 0.09474700168589936],
                     high: [0.8772747347728361, 0.14956931745287663, 0.10408314981033595, 0.13080590618746823, 0.19412564432904722, 0.7932375142306131, 0.7954334730660071, 0.09340252840885735, 0.2329103841407844, 0.10446572059585583, 0.8404432371521822, 0.1587524414854771])
    }

    func testGammaScaleAndAuto() throws {
        // .scale: 1 / (2 features · 4.722164…), numpy's X2.var() (the value above).
        let (features, classes) = Self.binary()
        var parameters = SupportVectorParameters(kernel: .rbf, gamma: .scale, probability: false)
        XCTAssertEqual(try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters).gamma,
                       0.10588335046354985, accuracy: 1e-15)
        parameters.gamma = .auto
        XCTAssertEqual(try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters).gamma, 0.5)
        parameters.gamma = .value(0.25)
        XCTAssertEqual(try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters).gamma, 0.25)
        // Every value equal: variance 0, and scikit-learn takes gamma 1.
        parameters.gamma = .scale
        let constant = Matrix([[3, 3], [3, 3], [3, 3], [3, 3]])
        XCTAssertEqual(try SupportVectorClassifier.fit(features: constant, classes: [0, 1, 0, 1], classCount: 2, parameters: parameters).gamma, 1)
        // By hand: values 0, 2, 4, 6 have mean 3 and variance 5; 1 / (2 · 5).
        let spread = Matrix([[0, 2], [4, 6]])
        XCTAssertEqual(try SupportVectorClassifier.fit(features: spread, classes: [0, 1], classCount: 2, parameters: parameters).gamma, 0.1)
    }

    // MARK: Weights

    func testClassWeightsMatchScikitLearnAndChangeTheModel() throws {
        let (features, classes) = Self.binary()
        var parameters = SupportVectorParameters()
        parameters.probability = false
        let plain = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters)
        let weights = classes.map { $0 == 0 ? 5.0 : 1.0 }
        let weighted = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2, weights: weights, parameters: parameters)
        // scikit-learn SVC(class_weight={0: 5, 1: 1}).
        XCTAssertEqual(weighted.supportCounts, [8, 18])
        assertClose(weighted.decisionFunction(Self.firstRows(features, 6)).values, [-0.9999317293385752, -1.484516851902571, 0.001008995036451854, 1.4488134002687294, -1.2470688971285349, -0.9997029321097017])
        // Weighing class 0 up moves rows to it: 15 rows of class 1 instead of 22.
        XCTAssertEqual(plain.predictByVote(features).reduce(0, +), 22)
        XCTAssertEqual(weighted.predictByVote(features).reduce(0, +), 15)
        XCTAssertNotEqual(plain, weighted)
    }

    func testWeightsThatVaryWithinAClassThrow() {
        let (features, classes) = Self.binary()
        var weights = classes.map { $0 == 0 ? 2.0 : 1.0 }
        weights[5] += 0.5  // row 6 is of class 0, as row 1
        XCTAssertThrowsError(try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 2, weights: weights)) { error in
            XCTAssertEqual("\(error)", "sample weights must be equal within each class for a support vector classifier (libsvm 3.24 weighs classes, not rows): class 0 has weight 2.0 in row 1 and 2.5 in row 6.")
        }
    }

    func testAClassOfWeightZeroIsLeftOut() throws {
        let (features, classes) = Self.three()
        let weights = classes.map { $0 == 1 ? 0.0 : 1.0 }
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, weights: weights)
        XCTAssertEqual(model.classes, [0, 2])
        let probabilities = model.probabilities(features)
        XCTAssertEqual(probabilities.column(1), [Double](repeating: 0, count: features.rows))
        XCTAssertFalse(model.predict(features).contains(1))
        XCTAssertThrowsError(try SupportVectorClassifier.fit(
            features: features, classes: classes, classCount: 3, weights: classes.map { $0 == 0 ? 1.0 : 0.0 })) { error in
            XCTAssertEqual("\(error)", "a support vector classifier needs training rows of at least 2 classes with weight above 0; there are 1.")
        }
    }

    // MARK: Seeds and threads

    func testSameSeedGivesTheSameModel() throws {
        let (features, classes) = Self.three()
        let first = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, parameters: SupportVectorParameters(seed: 7))
        let second = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, parameters: SupportVectorParameters(seed: 7))
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.probabilities(features), second.probabilities(features))
        let other = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, parameters: SupportVectorParameters(seed: 8))
        XCTAssertNotEqual(first.probA, other.probA, "another seed draws other folds")
        XCTAssertEqual(first.rho, other.rho, "the seed only shuffles the probability folds")
    }

    func testConcurrentFitsGiveWhatSerialFitsGive() throws {
        let (features, classes) = Self.three()
        let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
        let serial = try seeds.map { seed in
            try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, parameters: SupportVectorParameters(seed: seed))
        }
        let concurrent = Mutex([SupportVectorClassifier?](repeating: nil, count: seeds.count))
        DispatchQueue.concurrentPerform(iterations: seeds.count) { index in
            let model = try? SupportVectorClassifier.fit(
                features: features, classes: classes, classCount: 3, parameters: SupportVectorParameters(seed: seeds[index]))
            concurrent.withLock { $0[index] = model }
        }
        XCTAssertEqual(concurrent.withLock { $0 }, serial)
    }

    // MARK: Without probabilities

    func testWithoutProbabilityTheProbabilitiesAreOneHotVotes() throws {
        let (features, classes) = Self.three()
        let model = try SupportVectorClassifier.fit(
            features: features, classes: classes, classCount: 3, parameters: SupportVectorParameters(probability: false))
        XCTAssertEqual(model.probA, [])
        let votes = model.predictByVote(features)
        let probabilities = model.probabilities(features)
        for row in 0..<features.rows {
            XCTAssertEqual(Array(probabilities.row(row)), (0..<3).map { $0 == votes[row] ? 1 : 0 })
        }
        XCTAssertEqual(model.predict(features), votes)
    }

    // MARK: Rows in blocks

    func testBlocksOfRowsGiveWhatSingleRowsGive() throws {
        let (features, classes) = Self.three()
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3)
        // 3000 rows: several blocks of at least 256 rows, whatever the core count.
        let many = Matrix((0..<3000).map { i in [Self.grid(i, step: 13, offset: 1, modulus: 27, shift: 3), Self.grid(i, step: 29, offset: 2, modulus: 25, shift: 3)] })
        let together = model.probabilities(many)
        let decisions = model.decisionFunction(many, shape: .ovo)
        for row in stride(from: 0, to: many.rows, by: 97) {
            let single = many.rows([row])
            XCTAssertEqual(Array(together.row(row)), Array(model.probabilities(single).row(0)))
            XCTAssertEqual(Array(decisions.row(row)), Array(model.decisionFunction(single, shape: .ovo).row(0)))
        }
        XCTAssertEqual(model.probabilities(Matrix(rows: 0, columns: 2)).rows, 0)
    }

    // MARK: Codable

    func testCodableRoundTripPredictsIdentically() throws {
        let (features, classes) = Self.three()
        for parameters in [SupportVectorParameters(), SupportVectorParameters(kernel: .sigmoid(coef0: 0.5), gamma: .auto, probability: false)] {
            let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3, parameters: parameters)
            let decoded = try JSONDecoder().decode(SupportVectorClassifier.self, from: JSONEncoder().encode(model))
            XCTAssertEqual(decoded, model)
            XCTAssertEqual(decoded.probabilities(features), model.probabilities(features))
            XCTAssertEqual(decoded.decisionFunction(features, shape: .ovo), model.decisionFunction(features, shape: .ovo))
            XCTAssertEqual(decoded.predictByVote(features), model.predictByVote(features))
        }
    }

    func testMalformedJSONThrows() throws {
        let (features, classes) = Self.three()
        let model = try SupportVectorClassifier.fit(features: features, classes: classes, classCount: 3)
        let valid = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as? [String: Any] ?? [:]
        XCTAssertNoThrow(try JSONDecoder().decode(SupportVectorClassifier.self, from: JSONSerialization.data(withJSONObject: valid)))

        func corrupted(_ why: String, _ change: (inout [String: Any]) -> Void, line: UInt = #line) {
            var json = valid
            change(&json)
            XCTAssertThrowsError(try JSONDecoder().decode(SupportVectorClassifier.self, from: JSONSerialization.data(withJSONObject: json)), why, line: line) { error in
                guard case DecodingError.dataCorrupted = error else { return XCTFail("\(why): \(error)", line: line) }
            }
        }
        func matrix(_ json: [String: Any], _ key: String) -> [String: Any] { json[key] as? [String: Any] ?? [:] }

        corrupted("one rho short") { $0["rho"] = [0.5, 0.5] }
        corrupted("probA without probB") { $0["probB"] = [Double]() }
        corrupted("classes not ascending") { $0["classes"] = [0, 2, 1] }
        corrupted("a class beyond classCount") { $0["classes"] = [0, 1, 3] }
        corrupted("support counts that do not add up") { $0["supportCounts"] = [1, 1, 1] }
        corrupted("support vectors with values missing") { json in
            var vectors = matrix(json, "supportVectors")
            vectors["values"] = (vectors["values"] as? [Double] ?? []).dropLast().map { $0 }
            json["supportVectors"] = vectors
        }
        corrupted("support vectors of another width") { json in
            var vectors = matrix(json, "supportVectors")
            vectors["columns"] = 1
            json["supportVectors"] = vectors
        }
        corrupted("dual coefficients of the wrong shape") { json in
            var dual = matrix(json, "dualCoefficients")
            dual["rows"] = 1
            json["dualCoefficients"] = dual
        }
        corrupted("featureCount beyond the vectors") { $0["featureCount"] = 5 }
        corrupted("negative degree") { $0["parameters"] = ["kernel": ["polynomial": ["degree": -1, "coef0": 0]], "c": 1, "gamma": ["scale": [String: Any]()], "tolerance": 1e-3, "cacheSize": 200, "shrinking": true, "maxIterations": -1, "probability": true, "seed": 0] }
        XCTAssertThrowsError(try JSONDecoder().decode(SupportVectorClassifier.self, from: Data(#"{"classCount": 2}"#.utf8)))
    }

    // MARK: Bad input

    func testBadInputIsASentence() {
        XCTAssertThrowsError(try SupportVectorClassifier.fit(features: Matrix([[1], [.nan]]), classes: [0, 1], classCount: 2)) { error in
            XCTAssertEqual("\(error)", "row 2 has a missing or infinite feature (column 1); impute it first (--impute, or in the view).")
        }
        XCTAssertThrowsError(try SupportVectorClassifier.fit(features: Matrix([[1], [2]]), classes: [1, 1], classCount: 2)) { error in
            XCTAssertEqual("\(error)", "a support vector classifier needs training rows of at least 2 classes with weight above 0; there are 1.")
        }
        XCTAssertThrowsError(try SupportVectorClassifier.fit(
            features: Matrix([[1], [2]]), classes: [0, 1], classCount: 2, parameters: SupportVectorParameters(maxIterations: 100))) { error in
            XCTAssertEqual("\(error)", "max_iter must be -1: libsvm 3.24 takes no iteration limit (it stops by itself after max(10000000, 100 × rows) iterations).")
        }
        XCTAssertThrowsError(try SupportVectorClassifier.fit(
            features: Matrix([[1], [2]]), classes: [0, 1], classCount: 2, parameters: SupportVectorParameters(c: 0))) { error in
            XCTAssertEqual("\(error)", "C must be a number greater than 0, not 0.0.")
        }
        XCTAssertThrowsError(try SupportVectorClassifier.fit(
            features: Matrix([[1], [2]]), classes: [0, 1], classCount: 2, parameters: SupportVectorParameters(gamma: .value(-1))))
    }
}
