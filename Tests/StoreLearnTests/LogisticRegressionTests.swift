import Foundation
import StoreLearn
import XCTest

/// Logistic regression against scikit-learn 1.9.1
/// `LogisticRegression(C=…, tol=1e-12, max_iter=100000)` on the same 12 rows
/// (the numbers below are its `coef_`, `intercept_` and `predict_proba`).
final class LogisticRegressionTests: XCTestCase {
    static let features = Matrix([
        [0.5, 1.0], [1.5, -0.5], [2.0, 0.3], [-1.0, 0.8], [0.2, -1.2], [3.0, 1.5],
        [-2.0, -0.7], [1.1, 2.2], [-0.4, 0.1], [2.5, -1.8], [0.9, 0.4], [-1.6, 1.9],
    ])
    static let twoClasses = [0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0]
    static let threeClasses = [0, 1, 1, 2, 0, 1, 2, 1, 0, 1, 0, 2]

    func assertClose(_ got: [Double], _ expected: [Double], accuracy: Double = 1e-7, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        for (a, b) in zip(got, expected) { XCTAssertEqual(a, b, accuracy: accuracy, "\(got) vs \(expected)", file: file, line: line) }
    }

    func testBinaryMatchesScikitLearn() throws {
        let model = try LogisticRegression.fit(features: Self.features, classes: Self.twoClasses, classCount: 2)
        assertClose(model.coefficients[0], [1.477475378224159, 0.1933783679616341])
        assertClose(model.intercepts, [-0.9719445861495929])
        let probabilities = model.probabilities(Matrix(rows: 2, columns: 2, values: Array(Self.features.values[0..<4]))!)
        assertClose(probabilities.values, [0.5099558162180946, 0.4900441837819054, 0.2409315120196589, 0.7590684879803411])
    }

    func testMultinomialMatchesScikitLearn() throws {
        let model = try LogisticRegression.fit(features: Self.features, classes: Self.threeClasses, classCount: 3)
        assertClose(model.coefficients.flatMap { $0 }, [-0.050691006480304, -0.2407085773617885, 1.3187892673412902, 0.04266451323627823, -1.268098260860986, 0.1980440641255104])
        assertClose(model.intercepts, [0.7788015700703248, -0.5467126418233333, -0.2320889282469918])
        let probabilities = model.probabilities(Self.features)
        assertClose(Array(probabilities.values[0..<6]), [0.4983772256043011, 0.3486108604337128, 0.15301191396198605, 0.351410133779369, 0.6320532628005994, 0.016536603420031753])
        for row in 0..<probabilities.rows { XCTAssertEqual(probabilities.row(row).reduce(0, +), 1, accuracy: 1e-12) }
    }

    func testStrongerPenaltyAndSampleWeights() throws {
        var parameters = LogisticRegressionParameters()
        parameters.c = 0.1
        let penalized = try LogisticRegression.fit(features: Self.features, classes: Self.twoClasses, classCount: 2, parameters: parameters)
        assertClose(penalized.coefficients[0] + penalized.intercepts, [0.4661403042390759, 0.022835573264515734, -0.2716158070531312])
        let weights: [Double] = [1, 2, 1, 1, 3, 1, 1, 1, 2, 1, 1, 1]
        let weighted = try LogisticRegression.fit(features: Self.features, classes: Self.twoClasses, classCount: 2, weights: weights)
        assertClose(weighted.coefficients[0] + weighted.intercepts, [1.7266137533149486, 0.3565507630173742, -1.3706770855446266])
    }

    /// A separable set is classified perfectly, and the model round-trips through JSON.
    func testSeparableSetAndCodableRoundTrip() throws {
        let features = Matrix([[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5]])
        let classes = [0, 0, 0, 1, 1, 1]
        let model = try LogisticRegression.fit(features: features, classes: classes, classCount: 2)
        XCTAssertEqual(model.predict(features), classes)
        let decoded = try JSONDecoder().decode(LogisticRegression.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded.probabilities(features), model.probabilities(features))
    }

    func testBadInputIsASentence() {
        XCTAssertThrowsError(try LogisticRegression.fit(features: Matrix([[1], [.nan]]), classes: [0, 1], classCount: 2)) { error in
            XCTAssertEqual("\(error)", "row 2 has a missing or infinite feature (column 1); impute it first (--impute, or in the view).")
        }
        XCTAssertThrowsError(try LogisticRegression.fit(features: Matrix([[1], [2]]), classes: [0, 2], classCount: 2))
        XCTAssertThrowsError(try LogisticRegression.fit(features: Matrix(rows: 0, columns: 2), classes: [], classCount: 2))
    }
}
