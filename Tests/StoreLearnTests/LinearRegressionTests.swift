import Foundation
import StoreLearn
import XCTest

/// Least squares and ridge against scikit-learn 1.9.1 `LinearRegression()`
/// and `Ridge(alpha=0.5)` on the same 7 rows (their `coef_` and `intercept_`).
final class LinearRegressionTests: XCTestCase {
    static let features = Matrix([
        [0.5, 1.0, 2.0], [1.5, -0.5, 0.1], [2.0, 0.3, -1.0], [-1.0, 0.8, 0.5],
        [0.2, -1.2, 1.5], [3.0, 1.5, 0.0], [-2.0, -0.7, 0.3],
    ])
    static let targets = [1.0, 2.5, 0.3, -1.2, 0.8, 4.1, -2.2]

    func assertClose(_ model: LinearRegression, _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        let got = model.coefficients + [model.intercept]
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        for (a, b) in zip(got, expected) { XCTAssertEqual(a, b, accuracy: 1e-12, "\(got)", file: file, line: line) }
    }

    func testLeastSquaresMatchesScikitLearn() throws {
        assertClose(try LinearRegression.fit(features: Self.features, targets: Self.targets),
                    [1.2523744355514823, -0.09525397880606196, 0.6531428086174773, -0.2951933434354822])
    }

    func testRidgeAndWeightsMatchScikitLearn() throws {
        var parameters = LinearRegressionParameters()
        parameters.alpha = 0.5
        assertClose(try LinearRegression.fit(features: Self.features, targets: Self.targets, parameters: parameters),
                    [1.1919934294558725, -0.05273450559756855, 0.571528559184192, -0.22661258546054797])
        assertClose(try LinearRegression.fit(features: Self.features, targets: Self.targets, weights: [1, 2, 1, 1, 3, 1, 1], parameters: parameters),
                    [1.228064093521275, -0.09224117717877986, 0.49773019274277425, -0.14832472245117378])
    }

    /// Collinear columns: the minimum-norm solution, as scipy's lstsq.
    func testCollinearColumnsGiveTheMinimumNormSolution() throws {
        let collinear = Matrix((0..<7).map { [Self.features[$0, 0], 2 * Self.features[$0, 0]] })
        assertClose(try LinearRegression.fit(features: collinear, targets: Self.targets),
                    [0.21897891231964473, 0.4379578246392897, 0.10020612018392261])
    }

    /// y = 3 + 2a − b exactly: the closed form is recovered, and predictions follow it.
    func testExactLineIsRecovered() throws {
        let features = Matrix([[0, 0], [1, 0], [0, 1], [2, 3], [5, -1]])
        let targets = (0..<5).map { 3 + 2 * features[$0, 0] - features[$0, 1] }
        let model = try LinearRegression.fit(features: features, targets: targets)
        assertClose(model, [2, -1, 3])
        XCTAssertEqual(model.predict(Matrix([[10, 10]]))[0], 13, accuracy: 1e-12)
        XCTAssertThrowsError(try LinearRegression.fit(features: features, targets: [1, 2, .nan, 4, 5]))
    }
}
