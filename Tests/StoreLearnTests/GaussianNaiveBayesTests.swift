import Foundation
@testable import StoreLearn
import XCTest

/// Gaussian naive Bayes against hand computation and scikit-learn 1.9.1's
/// `GaussianNB`.
final class GaussianNaiveBayesTests: XCTestCase {
    /// Within 1e-12, or 1e-9 of the expected value's size for the tiny
    /// probabilities far from a class.
    func assertClose(_ got: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        for (a, b) in zip(got, expected) {
            XCTAssertEqual(a, b, accuracy: 1e-12 + 1e-9 * abs(b), "\(got) vs \(expected)", file: file, line: line)
        }
    }

    // MARK: Computed by hand

    /// Class 0 at 0 and 2 (mean 1, variance 1), class 1 at 3, 5, 7 (mean 5,
    /// variance 8/3), priors 2/5 and 3/5; ε = 1e-9 × 5.84, the variance of
    /// all five. The posterior odds of class 1 are
    /// (3/5)/(2/5) · √(v₀/v₁) · exp((x − 1)² / 2v₀ − (x − 5)² / 2v₁).
    func testOneFeatureTwoGaussiansPosteriorByHand() throws {
        let model = try GaussianNaiveBayes.fit(features: Matrix([[0], [2], [3], [5], [7]]), classes: [0, 0, 1, 1, 1], classCount: 2)
        let epsilon = 5.84e-9
        XCTAssertEqual(model.epsilon, epsilon, accuracy: 1e-22)
        assertClose(model.means.flatMap { $0 }, [1, 5])
        assertClose(model.variances.flatMap { $0 }, [1 + epsilon, 8.0 / 3 + epsilon])
        assertClose(model.priors, [0.4, 0.6])
        let v0 = 1 + epsilon, v1 = 8.0 / 3 + epsilon
        let xs = [0, 2.5, 4, 9]
        let expected = xs.flatMap { x -> [Double] in
            let odds = 1.5 * (v0 / v1).squareRoot() * exp((x - 1) * (x - 1) / (2 * v0) - (x - 5) * (x - 5) / (2 * v1))
            return [1 / (1 + odds), odds / (1 + odds)]
        }
        assertClose(model.probabilities(Matrix(xs.map { [$0] })).values, expected)
        XCTAssertEqual(model.predict(Matrix(xs.map { [$0] })), [0, 0, 1, 1])
    }

    /// The example in the documentation: means 1 and 5, variances 1 + ε
    /// (ε = 1e-9 × 5), equal priors; at 2 the log odds are 4 / (1 + ε).
    func testDocumentationExample() throws {
        let model = try GaussianNaiveBayes.fit(features: Matrix([[0], [2], [4], [6]]), classes: [0, 0, 1, 1], classCount: 2)
        XCTAssertEqual(model.means, [[1], [5]])
        let odds = exp(-4 / (1 + 5e-9))
        assertClose(model.probabilities(Matrix([[2]])).values, [1 / (1 + odds), odds / (1 + odds)])
    }

    // MARK: scikit-learn

    /// 24 rows of 3 features in classes 0, 1, 2, 1 repeated, and 5 queries,
    /// made and fitted by scikit-learn 1.9.1:
    ///
    ///     rng = np.random.default_rng(11)
    ///     y = np.array([0, 1, 2, 1] * 6)
    ///     X = np.round(rng.normal(size=(24, 3)) * [1.0, 2.0, 0.5] + y[:, None] * [1.0, -0.5, 0.3], 3)
    ///     Q = np.round(rng.normal(size=(5, 3)) * 2, 3)
    ///     w = np.array([1, 2, 0.5, 3] * 6)
    ///     m = GaussianNB().fit(X, y)                       # theta_, var_, class_prior_, epsilon_, predict_proba(Q)
    ///     GaussianNB().fit(X, y, sample_weight=w)
    ///     GaussianNB(priors=[0.2, 0.3, 0.5], var_smoothing=0.1).fit(X, y)
    ///     m.predict_proba([[40., -40., 8.]])
    static let features = Matrix([
        [0.034, 2.719, 0.612], [0.49, -1.096, 0.036], [2.57, -1.112, 0.973], [-0.847, 2.633, 0.252], [0.68, -0.273, -0.19],
        [1.463, 1.149, 0.199], [1.847, 0.371, 0.165], [-0.514, 0.29, -0.035], [-1.92, -1.628, -0.234], [-0.193, -3.485, 0.318],
        [2.897, -1.466, 0.228], [1.385, 0.934, 0.15], [0.545, 2.086, -0.103], [0.186, 0.195, 0.424], [3.099, -3.569, 0.269],
        [0.162, -3.968, 0.363], [0.528, -1.478, 0.693], [1.822, 0.755, 0.501], [2.956, -3.664, 0.907], [1.603, -4.035, 0.474],
        [-0.25, 1.563, -0.22], [0.982, 0.186, -0.138], [2.599, -1.21, 0.846], [0.478, 1.672, 0.603],
    ])
    static let classes = (0..<24).map { [0, 1, 2, 1][$0 % 4] }
    static let weights = (0..<24).map { [1, 2, 0.5, 3][$0 % 4] }
    static let queries = Matrix([
        [-0.356, 1.264, 2.52], [3.582, -3.147, 1.766], [0.93, -0.188, -2.013], [2.514, -2.523, 1.134], [2.604, -3.199, -0.605],
    ])

    func testMatchesScikitLearn() throws {
        let model = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3)
        assertClose(model.means.flatMap { $0 }, [
            -0.06383333333333331, 0.49816666666666665, 0.09299999999999999, 0.58475, -0.3975, 0.26225000000000004,
            2.6613333333333333, -1.7749999999999997, 0.5646666666666667,
        ])
        assertClose(model.variances.flatMap { $0 }, [
            0.79396947646507, 2.9346171431317365, 0.15879400424284779, 0.6964415250761812, 4.677015920909515, 0.047818691742847794,
            0.16821422646507006, 2.041058004242848, 0.12059555979840335,
        ])
        assertClose(model.priors, [0.25, 0.5, 0.25])
        XCTAssertEqual(model.epsilon, 4.242847789930556e-09, accuracy: 1e-20)
        assertClose(model.probabilities(Self.queries).values, [
            0.9999999999905036, 1.144717287980807e-15, 9.496280144039135e-12,
            9.366109561851109e-06, 3.0614561005977296e-10, 0.9999906335842927,
            0.9999999994451301, 2.050205732903259e-17, 5.548708593476652e-10,
            0.00016626160889502995, 7.298027568503904e-05, 0.9997607581154195,
            0.036766277185327295, 0.0042409902623721015, 0.9589927325523001,
        ])
        XCTAssertEqual(model.predict(Self.queries), [0, 2, 0, 2, 2])
    }

    func testSampleWeightsMatchScikitLearnAndChangeTheModel() throws {
        let model = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3, weights: Self.weights)
        // Class 0's rows all weigh 1 and class 2's all 0.5: only class 1's
        // mean and variance move, but every prior does (1·6 : 5·6 : 0.5·6).
        assertClose(model.means.flatMap { $0 }, [
            -0.06383333333333331, 0.49816666666666665, 0.09299999999999999, 0.5433666666666668, -0.4004666666666667, 0.2700333333333333,
            2.6613333333333333, -1.7749999999999997, 0.5646666666666667,
        ])
        assertClose(model.variances.flatMap { $0 }, [
            0.79396947646507, 2.9346171431317365, 0.15879400424284779, 0.7262575031317368, 5.131343453131736, 0.04726643646507001,
            0.16821422646507006, 2.041058004242848, 0.12059555979840335,
        ])
        assertClose(model.priors, [0.15384615384615385, 0.7692307692307693, 0.07692307692307693])
        assertClose(model.classCounts, [6, 30, 3])
        assertClose(model.probabilities(Self.queries).values, [
            0.99999999999525, 2.3210457393289706e-15, 4.748140072042096e-12,
            1.87320436521513e-05, 1.6502288068873513e-09, 0.9999812663061189,
            0.999999999722565, 1.729681858668827e-17, 2.774354297508023e-10,
            0.0003323670961861217, 0.000376268336757543, 0.999291364567056,
            0.07005810328651293, 0.01626206492762591, 0.9136798317858603,
        ])
        let unweighted = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3)
        XCTAssertNotEqual(model.probabilities(Self.queries), unweighted.probabilities(Self.queries))
    }

    func testPriorsAndVarSmoothingMatchScikitLearn() throws {
        let parameters = GaussianNaiveBayesParameters(varSmoothing: 0.1, priors: [0.2, 0.3, 0.5])
        let model = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3, parameters: parameters)
        XCTAssertEqual(model.epsilon, 0.4242847789930555, accuracy: 1e-15)
        assertClose(model.priors, [0.2, 0.3, 0.5])
        assertClose(model.probabilities(Self.queries).values, [
            0.6327558199251118, 0.3662196270672188, 0.001024553007668967,
            0.00013910363922669275, 0.0028891529244218766, 0.9969717434363511,
            0.6977985103156417, 0.27876082346625974, 0.02344066621809851,
            0.0022869156365293913, 0.02652657868525413, 0.9711865056782166,
            0.005344266997646718, 0.05506922329946463, 0.9395865097028884,
        ])
    }

    func testAFarQueryUnderflowsAsScikitLearn() throws {
        let model = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3)
        assertClose(model.probabilities(Matrix([[40, -40, 8]])).values, [1.0, 1.7349494382682817e-183, 0.0])
    }

    // MARK: Classes without training weight

    /// A class with no rows, or only rows of weight 0, has prior 0: its
    /// probability is 0 and the others are those of a model without it.
    func testAClassWithoutWeightGetsProbabilityZero() throws {
        let twoClasses = try GaussianNaiveBayes.fit(features: Matrix([[0], [2], [3], [5], [7]]), classes: [0, 0, 1, 1, 1], classCount: 2)
        let expected = twoClasses.probabilities(Matrix([[1], [4]]))
        let absent = try GaussianNaiveBayes.fit(features: Matrix([[0], [2], [3], [5], [7]]), classes: [0, 0, 1, 1, 1], classCount: 3)
        XCTAssertEqual(absent.priors, [0.4, 0.6, 0])
        XCTAssertEqual(absent.means[2], [0])
        XCTAssertEqual(absent.variances[2], [absent.epsilon])
        let probabilities = absent.probabilities(Matrix([[1], [4]]))
        XCTAssertEqual(probabilities.column(2), [0, 0])
        XCTAssertEqual(probabilities.column(0), expected.column(0))
        XCTAssertEqual(probabilities.column(1), expected.column(1))
        // Row 5 (class 2) weighs 0; ε still counts it, as scikit-learn's (ε grows from 5.84e-9 to
        // 1.9e-7), so compare within 1e-6.
        let weightless = try GaussianNaiveBayes.fit(
            features: Matrix([[0], [2], [3], [5], [7], [40]]), classes: [0, 0, 1, 1, 1, 2], classCount: 3, weights: [1, 1, 1, 1, 1, 0])
        XCTAssertEqual(weightless.priors, [0.4, 0.6, 0])
        let weightlessProbabilities = weightless.probabilities(Matrix([[1], [4], [40]]))
        XCTAssertEqual(weightlessProbabilities.column(2), [0, 0, 0])
        XCTAssertEqual(weightlessProbabilities[1, 1], expected[1, 1], accuracy: 1e-6)
    }

    // MARK: Log-sum-exp

    func testLogSumExpCountsTheMaximum() {
        XCTAssertEqual(GaussianNaiveBayes.logSumExp([0, 0]), log(2))
        XCTAssertEqual(GaussianNaiveBayes.logSumExp([-.infinity, 3]), 3)
        XCTAssertEqual(GaussianNaiveBayes.logSumExp([1000, 1000, 999]), 1000 + log1p(exp(-1) / 2) + log(2), accuracy: 1e-12)
        XCTAssertEqual(GaussianNaiveBayes.logSumExp([-1000, -1001]), -1000 + log1p(exp(-1)), accuracy: 1e-12)
        XCTAssertTrue(GaussianNaiveBayes.logSumExp([1, .nan]).isNaN)
    }

    // MARK: Missing values

    func testAQueryWithAMissingFeatureGetsNaN() throws {
        let model = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3)
        let probabilities = model.probabilities(Matrix([[.nan, 0, 0], [-0.356, 1.264, 2.52]]))
        XCTAssertTrue(probabilities.row(0).allSatisfy(\.isNaN))
        XCTAssertEqual(probabilities[1, 0], 0.9999999999905036, accuracy: 1e-12)
    }

    // MARK: Codable

    func testCodableRoundTrip() throws {
        let model = try GaussianNaiveBayes.fit(features: Self.features, classes: Self.classes, classCount: 3, weights: Self.weights)
        let decoded = try JSONDecoder().decode(GaussianNaiveBayes.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(decoded.probabilities(Self.queries), model.probabilities(Self.queries))
        let absent = try GaussianNaiveBayes.fit(
            features: Matrix([[0], [2], [3], [5]]), classes: [0, 0, 1, 1], classCount: 3, parameters: GaussianNaiveBayesParameters(varSmoothing: 0))
        XCTAssertEqual(try JSONDecoder().decode(GaussianNaiveBayes.self, from: JSONEncoder().encode(absent)), absent, "variance 0 for a class of prior 0")
    }

    func testDecodingRefusesAMalformedModel() throws {
        func json(means: String = "[[1],[5]]", variances: String = "[[1],[1]]", priors: String = "[0.5,0.5]", classCount: Int = 2) -> String {
            "{\"classCount\":\(classCount),\"featureCount\":1,\"means\":\(means),\"variances\":\(variances),\"priors\":\(priors),\"classCounts\":[2,2],\"epsilon\":0}"
        }
        XCTAssertEqual(try JSONDecoder().decode(GaussianNaiveBayes.self, from: Data(json().utf8)).predict(Matrix([[1], [5]])), [0, 1])
        for broken in [
            json(means: "[[1],[5],[7]]"), json(means: "[[1,2],[5,6]]"), json(variances: "[[1],[0]]"), json(variances: "[[1],[-1]]"),
            json(priors: "[0.5]"), json(priors: "[-0.5,1.5]"), json(priors: "[0,0]"), json(classCount: 1),
        ] {
            XCTAssertThrowsError(try JSONDecoder().decode(GaussianNaiveBayes.self, from: Data(broken.utf8)), broken)
        }
        XCTAssertThrowsError(try JSONDecoder().decode(GaussianNaiveBayes.self, from: Data(json(variances: "[[1],[0]]").utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.debugDescription, "not a Gaussian naive Bayes model: its means must be finite, and its variances finite and positive (0 only for a class of prior 0)")
        }
    }

    // MARK: Errors

    func testBadParametersAndInputAreSentences() {
        let features = Matrix([[0], [2], [3], [5]])
        let classes = [0, 0, 1, 1]
        func message(_ parameters: GaussianNaiveBayesParameters, features: Matrix = features, classes: [Int] = classes, classCount: Int = 2) -> String {
            do {
                _ = try GaussianNaiveBayes.fit(features: features, classes: classes, classCount: classCount, parameters: parameters)
                return "fitted"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(GaussianNaiveBayesParameters(varSmoothing: -1)), "varSmoothing must be a finite number, 0 or more, not -1.0.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(priors: [1])), "there are 1 priors for 2 classes; give one per class.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(priors: [0.5, 0.4])), "priors must sum to 1; they sum to 0.9.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(priors: [1.5, -0.5])), "priors must be finite and 0 or more; they are [1.5, -0.5].")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(priors: [0.5, 0.3, 0.2]), classCount: 3),
                       "class 2 has no training rows (or only rows of weight 0), so its prior must be 0, not 0.2.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(priors: [0.5, 0.5, 0]), classCount: 3), "fitted")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(), features: Matrix([[1, 2], [1, 2], [1, 2], [1, 2]])),
                       "every feature has one value in all training rows; Gaussian naive Bayes needs a feature that varies.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(varSmoothing: 0), features: Matrix([[0, 1], [2, 1], [3, 1], [5, 2]])),
                       "feature 2 is constant in class 0, and with varSmoothing 0 its variance is 0; make varSmoothing positive, or drop the feature.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(), features: Matrix([[0, 1], [2, 1], [3, 1], [5, 2]])), "fitted")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(), features: Matrix(rows: 4, columns: 0)),
                       "Gaussian naive Bayes needs at least one feature column; there are none.")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(), features: Matrix([[0], [.nan], [3], [5]])),
                       "row 2 has a missing or infinite feature (column 1); impute it first (--impute, or in the view).")
        XCTAssertEqual(message(GaussianNaiveBayesParameters(), classes: [0, 0, 1, 2]), "row 4 has class 2, outside 0..<2.")
    }
}
