import StoreCore
import StoreLearn

/// Data sets made in code for the tree and forest tests.
enum TreeTestData {
    /// Two classes decided by `x0 + x1 + noise > 0`, with normal features
    /// x0, x1 and `noiseFeatures` more normal features that carry nothing;
    /// the noise has standard deviation `noise`.
    static func noisyTwoClass(rows: Int, noiseFeatures: Int = 3, noise: Double = 0.5, seed: UInt64) -> (features: Matrix, classes: [Int]) {
        var random = SeededRandom(seed: seed)
        var values: [[Double]] = []
        var classes: [Int] = []
        for _ in 0..<rows {
            let row = (0..<(2 + noiseFeatures)).map { _ in random.normal() }
            values.append(row)
            classes.append(row[0] + row[1] + noise * random.normal() > 0 ? 1 : 0)
        }
        return (Matrix(values), classes)
    }

    /// The share of `predicted` equal to `expected`.
    static func accuracy(_ predicted: [Int], _ expected: [Int]) -> Double {
        Double(zip(predicted, expected).filter { $0 == $1 }.count) / Double(expected.count)
    }
}
