import StoreLearn
import XCTest

/// Inputs shared by the metric tests. Every expected number in those tests
/// was computed once with scikit-learn 1.9.1 and numpy 2.4.6 by the call
/// written next to it (y, s, P, pred are the fixtures below, as numpy arrays),
/// unless it says "by hand".
enum MetricFixtures {
    // MARK: Binary, from the roc_curve docstring: s = [0.1, 0.4, 0.35, 0.8]

    static let tinyActual = [0, 0, 1, 1]
    static let tinyProbabilities = Matrix([[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])

    // MARK: Binary with tied scores (0.8, 0.5, 0.3) and straight runs the ROC curve drops

    static let binaryActual = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0]
    static let binaryScores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.5, 0.4, 0.3, 0.3, 0.2, 0.15, 0.1]
    /// P = np.column_stack([1 - s, s])
    static let binaryProbabilities = Matrix(binaryScores.map { [1 - $0, $0] })
    /// pred = P.argmax(1): a score of 0.5 ties and goes to class 0.
    static let binaryPredicted = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]

    // MARK: Four classes; class 3 is never predicted; tied probabilities within and across rows

    static let multiclassActual = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 1]
    static let multiclassProbabilities = Matrix([
        [0.7, 0.1, 0.1, 0.1],
        [0.4, 0.3, 0.2, 0.1],
        [0.2, 0.5, 0.2, 0.1],
        [0.1, 0.6, 0.2, 0.1],
        [0.3, 0.4, 0.2, 0.1],
        [0.4, 0.2, 0.3, 0.1],
        [0.1, 0.2, 0.6, 0.1],
        [0.2, 0.2, 0.4, 0.2],
        [0.1, 0.5, 0.3, 0.1],
        [0.3, 0.2, 0.2, 0.3],
        [0.2, 0.3, 0.3, 0.2],
        [0.1, 0.5, 0.3, 0.1],
    ])
    /// pred = P.argmax(1)
    static let multiclassPredicted = [0, 0, 1, 1, 1, 0, 2, 2, 1, 0, 1, 1]

    // MARK: Four classes; class 2 is only predicted, class 3 neither actual nor predicted

    static let sparseActual = [0, 1, 0, 1, 1, 0]
    static let sparseProbabilities = Matrix([
        [0.7, 0.1, 0.1, 0.1],
        [0.2, 0.3, 0.4, 0.1],
        [0.6, 0.2, 0.1, 0.1],
        [0.1, 0.7, 0.1, 0.1],
        [0.3, 0.5, 0.1, 0.1],
        [0.3, 0.4, 0.2, 0.1],
    ])
    /// pred = P.argmax(1)
    static let sparsePredicted = [0, 2, 0, 1, 1, 1]

    // MARK: Binary scores with one actual class: s = [0.2, 0.6, 0.6, 0.9]

    static let oneClassProbabilities = Matrix([[0.8, 0.2], [0.4, 0.6], [0.4, 0.6], [0.1, 0.9]])
}

/// Asserts that `actual` is within 1e-12 of `expected`, relative to
/// `expected` (so exactly equal when `expected` is 0 or infinite).
func assertClose(_ actual: Double?, _ expected: Double, file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else {
        XCTFail("nil is not \(expected)", file: file, line: line)
        return
    }
    if expected == 0 || expected.isInfinite {
        XCTAssertEqual(actual, expected, file: file, line: line)
    } else {
        XCTAssertEqual(actual, expected, accuracy: abs(expected) * 1e-12, file: file, line: line)
    }
}

/// `assertClose` for each element; both arrays have the same length.
func assertClose(_ actual: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths differ: \(actual) vs \(expected)", file: file, line: line)
    for (value, expectedValue) in zip(actual, expected) {
        assertClose(value, expectedValue, file: file, line: line)
    }
}

/// Asserts that `body` throws a `MetricError` whose sentence is `message`.
func assertMetricError<T>(_ message: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? MetricError, MetricError(message), file: file, line: line)
    }
}
