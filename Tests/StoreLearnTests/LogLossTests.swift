import Foundation
import StoreLearn
import XCTest

/// logLoss. Expected numbers: see MetricFixtures.
final class LogLossTests: XCTestCase {
    typealias F = MetricFixtures

    func testLogLossAsScikitLearn() throws {
        // log_loss(y, P)
        assertClose(try logLoss(actual: F.binaryActual, probabilities: F.binaryProbabilities), 0.5507460296030297)
        assertClose(try logLoss(actual: F.multiclassActual, probabilities: F.multiclassProbabilities), 1.0047170761339415)
        // log_loss(y, P, labels=[0, 1, 2, 3]): classes 2 and 3 are not actual
        assertClose(try logLoss(actual: F.sparseActual, probabilities: F.sparseProbabilities), 0.7208780501425456)
    }

    func testOneExampleByHand() throws {
        // log_loss([0], [[0.25, 0.75]], labels=[0, 1]) = -ln 0.25
        assertClose(try logLoss(actual: [0], probabilities: Matrix([[0.25, 0.75]])), 2 * log(2.0))
    }

    func testZeroIsClippedToEpsilonAndRowsAreNotRenormalized() throws {
        let probabilities = Matrix([[1, 0], [1, 0], [0.3, 0.3], [0.5, 0.5]])
        // log_loss([0, 1, 1, 0], P) in scikit-learn 1.9.1; by hand
        // (-ln(1 - ε) - ln ε - ln 0.3 - ln 0.5) / 4 with ε = 2^-52
        assertClose(try logLoss(actual: [0, 1, 1, 0], probabilities: probabilities), 9.48519334350076)
    }

    func testProbabilitiesOutsideZeroOneAreErrors() {
        assertMetricError("log_loss: probabilities holds 1.5 at row 0, column 0; probabilities must lie between 0 and 1.") {
            try logLoss(actual: [0, 1], probabilities: Matrix([[1.5, -0.5], [0.5, 0.5]]))
        }
        assertMetricError("log_loss: probabilities holds inf at row 1, column 1; scores must be finite numbers.") {
            try logLoss(actual: [0, 1], probabilities: Matrix([[0.5, 0.5], [0.5, .infinity]]))
        }
        assertMetricError("log_loss: actual holds class 2 at row 1, outside the 2 classes 0..<2.") {
            try logLoss(actual: [0, 2], probabilities: Matrix([[0.5, 0.5], [0.5, 0.5]]))
        }
    }
}
