@testable import StoreLearn
import StoreCore
import XCTest

/// SMOTE's properties (as imbalanced-learn defines it) and the neighbour search under it.
final class SMOTETests: XCTestCase {
    /// 40 rows of class 0 and 10 of class 1 (and 5 of class 2), random in the plane.
    func data() -> (Matrix, [Int]) {
        var random = SeededRandom(seed: 3)
        var rows: [[Double]] = []
        var classes: [Int] = []
        for (label, count) in [(0, 40), (1, 10), (2, 5)] {
            for _ in 0..<count {
                rows.append([random.uniform() * 10 + Double(label) * 5, random.uniform() * 3])
                classes.append(label)
            }
        }
        return (Matrix(rows), classes)
    }

    func testEveryClassIsBroughtToTheLargestAndRowsLieOnNeighbourSegments() throws {
        let (features, classes) = data()
        var random = SeededRandom(seed: 1)
        let synthetic = try SMOTE.synthesize(features: features, classes: classes, classCount: 3, random: &random)
        XCTAssertEqual(synthetic.classes.filter { $0 == 1 }.count, 30)
        XCTAssertEqual(synthetic.classes.filter { $0 == 2 }.count, 35)
        XCTAssertEqual(synthetic.classes.filter { $0 == 0 }.count, 0, "the largest class gets none")
        XCTAssertEqual(synthetic.features.rows, 65)
        for (index, label) in synthetic.classes.enumerated() {
            let members = classes.indices.filter { classes[$0] == label }
            let classRows = features.rows(members)
            let nearest = NearestNeighbors.search(classRows, in: classRows, k: 5, excludingSelf: true)
            let point = Array(synthetic.features.row(index))
            // On the segment from some row x to one of its 5 nearest same-class neighbours.
            let onSegment = members.indices.contains { row in
                nearest[row].contains { neighbour in
                    let x = Array(classRows.row(row)), y = Array(classRows.row(neighbour))
                    let gaps = (0..<2).map { abs(y[$0] - x[$0]) > 1e-12 ? (point[$0] - x[$0]) / (y[$0] - x[$0]) : .nan }
                    let gap = gaps.first { !$0.isNaN } ?? 0
                    return gap >= 0 && gap < 1 && (0..<2).allSatisfy { abs(x[$0] + gap * (y[$0] - x[$0]) - point[$0]) < 1e-9 }
                }
            }
            XCTAssertTrue(onSegment, "synthetic row \(index) of class \(label)")
        }
    }

    func testSameSeedSameRowsAndTooSmallAClassIsAnError() throws {
        let (features, classes) = data()
        var first = SeededRandom(seed: 9), second = SeededRandom(seed: 9), other = SeededRandom(seed: 10)
        let a = try SMOTE.synthesize(features: features, classes: classes, classCount: 3, random: &first)
        let b = try SMOTE.synthesize(features: features, classes: classes, classCount: 3, random: &second)
        let c = try SMOTE.synthesize(features: features, classes: classes, classCount: 3, random: &other)
        XCTAssertEqual(a.features, b.features)
        XCTAssertNotEqual(a.features, c.features)
        var random = SeededRandom(seed: 1)
        XCTAssertThrowsError(try SMOTE.synthesize(features: Matrix([[0], [1], [2]]), classes: [0, 0, 1], classCount: 2, random: &random)) { error in
            XCTAssertEqual("\(error)", "SMOTE needs at least 2 training rows of each class to interpolate; class 1 has 1.")
        }
    }

    /// A missing feature is refused up front: the neighbour search finds no
    /// neighbours for such a row, so there would be nothing to interpolate.
    func testAMissingFeatureIsASentence() {
        var random = SeededRandom(seed: 1)
        let features = Matrix([[0], [1], [2], [.nan], [4]])
        XCTAssertThrowsError(try SMOTE.synthesize(features: features, classes: [0, 0, 0, 1, 1], classCount: 2, random: &random)) { error in
            XCTAssertEqual("\(error)", "SMOTE needs finite features, but row 4 has a missing or infinite one (column 1); impute it first (--impute, or in the view).")
        }
    }

    /// The blocked BLAS search finds what a plain double loop finds.
    func testNeighbourSearchMatchesBruteForce() {
        var random = SeededRandom(seed: 4)
        let points = Matrix((0..<700).map { _ in (0..<3).map { _ in random.uniform() } })
        let found = NearestNeighbors.search(points, in: points, k: 4, excludingSelf: true)
        for row in stride(from: 0, to: 700, by: 37) {
            let distances = (0..<700).filter { $0 != row }.map { other in
                (zip(points.row(row), points.row(other)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, other)
            }.sorted { $0 < $1 }
            XCTAssertEqual(found[row], distances.prefix(4).map(\.1), "row \(row)")
        }
    }
}
