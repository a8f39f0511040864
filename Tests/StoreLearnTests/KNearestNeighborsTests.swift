import Foundation
import StoreCore
@testable import StoreLearn
import XCTest

/// k-nearest neighbours against scikit-learn 1.9.1's `KNeighborsClassifier`
/// and `KNeighborsRegressor`, against hand computation, and the neighbour
/// search under them.
final class KNearestNeighborsTests: XCTestCase {
    func assertClose(_ got: [Double], _ expected: [Double], accuracy: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        for (a, b) in zip(got, expected) { XCTAssertEqual(a, b, accuracy: accuracy, "\(got) vs \(expected)", file: file, line: line) }
    }

    func parameters(k: Int, _ weights: KNearestNeighborsParameters.Weights = .uniform) -> KNearestNeighborsParameters {
        KNearestNeighborsParameters(k: k, weights: weights)
    }

    // MARK: Computed by hand

    func testOneNeighbourRecoversTheTrainingRows() throws {
        var random = SeededRandom(seed: 1)
        let features = Matrix((0..<200).map { _ in [random.normal(), random.normal(), random.normal()] })
        let classes = (0..<200).map { _ in Int(random.nextBits() % 4) }
        let targets = (0..<200).map { _ in random.normal() }
        let classifier = try KNearestNeighborsClassifier.fit(features: features, classes: classes, classCount: 4, parameters: parameters(k: 1))
        XCTAssertEqual(classifier.predict(features), classes)
        let probabilities = classifier.probabilities(features)
        for row in 0..<200 {
            XCTAssertEqual(Array(probabilities.row(row)), (0..<4).map { $0 == classes[row] ? 1 : 0 }, "row \(row)")
        }
        let regressor = try KNearestNeighborsRegressor.fit(features: features, targets: targets, parameters: parameters(k: 1))
        XCTAssertEqual(regressor.predict(features), targets)
    }

    func testUniformProbabilitiesAreSharesOfTheNeighbours() throws {
        // 1.2 is 0.2 from row 1, 0.8 from row 2, 1.2 from row 0, 8.8 from row 3.
        let features = Matrix([[0], [1], [2], [10]])
        let model = try KNearestNeighborsClassifier.fit(features: features, classes: [0, 0, 1, 1], classCount: 2, parameters: parameters(k: 3))
        assertClose(model.probabilities(Matrix([[1.2]])).values, [2.0 / 3, 1.0 / 3])
        XCTAssertEqual(model.predict(Matrix([[1.2], [9]])), [0, 1])
        let regressor = try KNearestNeighborsRegressor.fit(features: features, targets: [0, 1, 4, 100], parameters: parameters(k: 3))
        assertClose(regressor.predict(Matrix([[1.2]])), [5.0 / 3])
    }

    func testDistanceWeightsAreInverseDistances() throws {
        // From 0.5: rows at 0.5, 0.5 and 2.5, weights 2, 2 and 0.4, so class 0
        // has 2 / 4.4 = 5/11 and class 1 has 2.4 / 4.4 = 6/11 (by hand).
        let model = try KNearestNeighborsClassifier.fit(
            features: Matrix([[0], [1], [3]]), classes: [0, 1, 1], classCount: 2, parameters: parameters(k: 3, .distance))
        assertClose(model.probabilities(Matrix([[0.5]])).values, [5.0 / 11, 6.0 / 11])
        // From 1.2 with k = 2: (1/0.2 · 1 + 1/0.8 · 4) / (1/0.2 + 1/0.8) = 10 / 6.25.
        let regressor = try KNearestNeighborsRegressor.fit(
            features: Matrix([[0], [1], [2], [10]]), targets: [0, 1, 4, 100], parameters: parameters(k: 2, .distance))
        assertClose(regressor.predict(Matrix([[1.2]])), [1.6])
    }

    func testWithAnExactMatchOnlyTheMatchesCount() throws {
        // Rows 0 and 4 are both (0, 0). From (0, 0) with k = 3 and distance
        // weights only those two count, one of each class; uniform weights
        // count the third neighbour too (row 1, the lowest of three at 1).
        // From (0.5, 0.5) the four corners tie and rows 0, 1, 2 are kept.
        // scikit-learn 1.9.1 (algorithm="brute") gives the same.
        let features = Matrix([[0, 0], [1, 0], [0, 1], [1, 1], [0, 0]])
        let classes = [0, 1, 1, 1, 1]
        let queries = Matrix([[0, 0], [0.5, 0.5]])
        let weighted = try KNearestNeighborsClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters(k: 3, .distance))
        assertClose(weighted.probabilities(queries).values, [0.5, 0.5, 1.0 / 3, 2.0 / 3])
        let uniform = try KNearestNeighborsClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters(k: 3))
        assertClose(uniform.probabilities(queries).values, [1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3])
        let single = try KNearestNeighborsClassifier.fit(
            features: features.rows([0, 1, 2, 3]), classes: [0, 1, 1, 1], classCount: 2, parameters: parameters(k: 3, .distance))
        XCTAssertEqual(single.probabilities(Matrix([[0, 0]])).values, [1, 0], "one exact match takes it all")
        let regressor = try KNearestNeighborsRegressor.fit(
            features: features, targets: [10, 1, 1, 1, 20], parameters: parameters(k: 3, .distance))
        XCTAssertEqual(regressor.predict(Matrix([[0, 0]])), [15])
    }

    // MARK: Ties

    func testTiesAtTheKthPlaceKeepScikitLearnsRows() throws {
        // From 0, rows 4 and 5 are at 0 and rows 0, 2 and 6 at 1. k = 3 keeps
        // rows 2, 4, 5, not row 0: scikit-learn 1.9.1's heap (brute force,
        // and its trees too, here) keeps them, and predict_proba gives
        // [2/3, 1/3]:
        //     KNeighborsClassifier(n_neighbors=3).fit(X, y).predict_proba([[0]])
        let features = Matrix([[1], [-2], [-1], [2], [0], [0], [-1]])
        let model = try KNearestNeighborsClassifier.fit(
            features: features, classes: [1, 0, 0, 0, 0, 1, 1], classCount: 2, parameters: parameters(k: 3))
        assertClose(model.probabilities(Matrix([[0]])).values, [2.0 / 3, 1.0 / 3])
        let found = NearestNeighbors.search(Matrix([[0]]), in: features, k: 3, excludingSelf: false)
        XCTAssertEqual(found[0], [4, 5, 2], "nearest first, ties by index")
        XCTAssertEqual(found.distances, [0, 0, 1])
        // Rows 0–3 are all at 1 from 0; k = 3 keeps rows 0, 1, 2 (scikit-learn: [1, 2, 0]).
        let fourTied = NearestNeighbors.search(Matrix([[0]]), in: Matrix([[1], [-1], [1], [-1], [2]]), k: 3, excludingSelf: false)
        XCTAssertEqual(fourTied[0], [0, 1, 2])
    }

    func testEqualProbabilitiesPredictTheLowerClass() throws {
        let model = try KNearestNeighborsClassifier.fit(
            features: Matrix([[-1], [1], [5]]), classes: [1, 0, 2], classCount: 3, parameters: parameters(k: 2))
        XCTAssertEqual(model.predict(Matrix([[0]])), [0])
    }

    /// scikit-learn's `heap_push` (sklearn/utils/_heap.pyx), fed every
    /// reference in order: the rows its brute-force search keeps.
    func scikitLearnHeap(_ distances: [Double], k: Int) -> [Int] {
        var values = [Double](repeating: .infinity, count: k)
        var indices = [Int](repeating: -1, count: k)
        for (index, value) in distances.enumerated() where value < values[0] {
            var current = 0
            while 2 * current + 1 < k {
                let left = 2 * current + 1, right = left + 1
                let next = right >= k || values[left] >= values[right] ? left : right
                guard value < values[next] else { break }
                values[current] = values[next]
                indices[current] = indices[next]
                current = next
            }
            values[current] = value
            indices[current] = index
        }
        return indices
    }

    /// Blocks of queries and chunks of references (more than one of each,
    /// with heavy ties on a grid of whole and half numbers) keep the rows a
    /// plain loop through scikit-learn's heap keeps, nearest first and ties
    /// by index.
    func testBlockedSearchMatchesAPlainLoopAcrossChunks() {
        var random = SeededRandom(seed: 5)
        let count = NearestNeighbors.chunkRows(columns: 3) * 2 + 300
        let references = Matrix((0..<count).map { _ in (0..<3).map { _ in Double(random.nextBits() % 6) } })
        let queries = Matrix((0..<(NearestNeighbors.blockRows + 20)).map { _ in (0..<3).map { _ in Double(random.nextBits() % 12) / 2 } })
        let found = NearestNeighbors.search(queries, in: references, k: 9, excludingSelf: false)
        var differFromLowestRows = 0
        for query in 0..<queries.rows {
            let squares = (0..<count).map { reference in
                zip(queries.row(query), references.row(reference)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            }
            let expected = scikitLearnHeap(squares, k: 9).map { (squares[$0], $0) }.sorted { $0 < $1 }
            XCTAssertEqual(found[query], expected.map(\.1), "query \(query)")
            assertClose(Array(found.distances[(query * 9)..<(query * 9 + 9)]), expected.map { $0.0.squareRoot() })
            let lowest = squares.indices.sorted { (squares[$0], $0) < (squares[$1], $1) }.prefix(9)
            if Set(lowest) != Set(found[query]) { differFromLowestRows += 1 }
        }
        XCTAssertGreaterThan(differFromLowestRows, 0, "the grid has ties where the heap keeps other rows than the lowest")
    }

    // MARK: scikit-learn

    /// 30 rows of 3 features, classes 0, 1, 2 in turn, targets, and 6
    /// queries, the last equal to row 7. Made and scored by scikit-learn 1.9.1
    /// (`algorithm="brute"` and `"auto"` agree to 1e-15):
    ///
    ///     rng = np.random.default_rng(2024)
    ///     X = np.round(rng.normal(size=(30, 3)) * 2, 3)
    ///     y = np.array([0, 1, 2] * 10)
    ///     t = np.round(X @ [1.5, -2.0, 0.5] + rng.normal(size=30), 3)
    ///     Q = np.round(rng.normal(size=(6, 3)) * 2, 3); Q[5] = X[7]
    ///     for w in ["uniform", "distance"]:
    ///         KNeighborsClassifier(n_neighbors=5, weights=w).fit(X, y).predict_proba(Q)
    ///         KNeighborsRegressor(n_neighbors=5, weights=w).fit(X, t).predict(Q)
    static let features = Matrix([
        [2.058, 3.284, 2.293], [-1.946, -2.786, 0.134], [1.723, 1.018, 3.621], [1.502, 1.28, -1.463], [-2.215, 2.969, 0.098],
        [1.623, -2.753, -0.873], [-2.582, -1.551, 1.806], [-2.961, -1.068, 0.328], [-1.337, -0.505, -0.444], [0.836, -0.863, 0.545],
        [0.114, 0.849, 0.45], [3.315, -1.327, 2.398], [-0.805, -1.916, 2.422], [-0.879, -0.775, -2.777], [-4.196, 1.269, -2.331],
        [1.557, 3.696, -0.23], [-2.253, 0.788, 1.523], [-0.524, 0.035, 2.671], [2.531, 1.42, -1.733], [-0.107, 1.206, -0.424],
        [-1.22, -1.531, -1.264], [-1.343, -0.902, 2.291], [-1.601, 1.774, 0.835], [0.279, -1.655, -0.913], [3.947, 0.198, 1.076],
        [1.326, 2.111, -0.475], [-1.22, -0.119, -0.522], [1.581, 0.379, 0.479], [0.29, 2.457, -1.085], [-0.957, 1.77, -0.213],
    ])
    static let classes = (0..<30).map { $0 % 3 }
    static let targets: [Double] = [
        -1.974, 1.991, 2.382, -0.607, -10.539, 6.809, 0.555, 0.107, -0.755, 3.194, -2.147, 9.217, 1.334, -1.207, -10.328,
        -5.691, -1.874, -1.994, 0.068, -2.716, 1.067, -0.667, -5.999, 1.777, 5.935, -2.275, -1.689, 1.655, -4.836, -4.905,
    ]
    static let queries = Matrix([
        [0.81, 0.05, -3.566], [-1.629, 0.691, -1.821], [-1.597, 0.227, -0.091],
        [1.788, 1.024, -0.87], [0.229, -5.718, -1.595], [-2.961, -1.068, 0.328],
    ])

    func testUniformMatchesScikitLearn() throws {
        let model = try KNearestNeighborsClassifier.fit(features: Self.features, classes: Self.classes, classCount: 3)
        assertClose(model.probabilities(Self.queries).values, [
            0.4, 0.2, 0.4, 0.0, 0.4, 0.6, 0.0, 0.4, 0.6, 0.6, 0.4, 0.0, 0.0, 0.4, 0.6, 0.2, 0.4, 0.4,
        ])
        let regressor = try KNearestNeighborsRegressor.fit(features: Self.features, targets: Self.targets)
        assertClose(regressor.predict(Self.queries), [
            0.21959999999999996, -2.2544000000000004, -3.2128, -0.775, 2.0873999999999997, 0.04180000000000002,
        ])
    }

    func testDistanceWeightsMatchScikitLearn() throws {
        let model = try KNearestNeighborsClassifier.fit(features: Self.features, classes: Self.classes, classCount: 3, parameters: parameters(k: 5, .distance))
        assertClose(model.probabilities(Self.queries).values, [
            0.4050640204665231, 0.2670359695457842, 0.32790000998769275,
            0.0, 0.37468081391891694, 0.6253191860810831,
            0.0, 0.2531058681219216, 0.7468941318780784,
            0.6886749612030112, 0.31132503879698886, 0.0,
            0.0, 0.36478540892289096, 0.635214591077109,
            0.0, 1.0, 0.0,
        ])
        let regressor = try KNearestNeighborsRegressor.fit(features: Self.features, targets: Self.targets, parameters: parameters(k: 5, .distance))
        assertClose(regressor.predict(Self.queries), [
            0.030872948574078494, -2.175790728006363, -2.554546979918356, -0.6921767729879768, 2.4566224458322514, 0.107,
        ])
    }

    // MARK: Missing values and huge offsets

    func testAQueryWithAMissingFeatureGetsNaN() throws {
        let model = try KNearestNeighborsClassifier.fit(features: Self.features, classes: Self.classes, classCount: 3, parameters: parameters(k: 5, .distance))
        let queries = Matrix([[0.81, .nan, -3.566], [0.81, 0.05, -3.566], [.infinity, 0, 0]])
        let probabilities = model.probabilities(queries)
        XCTAssertTrue(probabilities.row(0).allSatisfy(\.isNaN))
        assertClose(Array(probabilities.row(1)), [0.4050640204665231, 0.2670359695457842, 0.32790000998769275])
        XCTAssertTrue(probabilities.row(2).allSatisfy(\.isNaN))
        let regressor = try KNearestNeighborsRegressor.fit(features: Self.features, targets: Self.targets)
        let predictions = regressor.predict(queries)
        XCTAssertTrue(predictions[0].isNaN && predictions[2].isNaN)
        XCTAssertEqual(predictions[1], 0.21959999999999996, accuracy: 1e-12)
    }

    /// Timestamps in seconds around 1.7e9 a second apart: the squared norms
    /// are about 3e18, where doubles are 512 apart, so the expansion without
    /// centring could not tell the rows apart.
    func testFeaturesFarFromZeroStillFindTheNearestRow() throws {
        let times = (0..<50).map { 1_700_000_000 + Double($0) }
        let features = Matrix(times.map { [$0, $0 / 2] })
        let classes = (0..<50).map { ($0 * 7) % 3 }
        let model = try KNearestNeighborsClassifier.fit(features: features, classes: classes, classCount: 3, parameters: parameters(k: 1))
        XCTAssertEqual(model.predict(features), classes)
        XCTAssertEqual(model.predict(Matrix(times.map { [$0 + 0.3, ($0 + 0.3) / 2] })), classes)
    }

    // MARK: Sample weights

    func testSampleWeightsAreCheckedAndIgnored() throws {
        let weights = (0..<30).map { Double($0 % 4) }
        let plain = try KNearestNeighborsClassifier.fit(features: Self.features, classes: Self.classes, classCount: 3)
        let weighted = try KNearestNeighborsClassifier.fit(features: Self.features, classes: Self.classes, classCount: 3, weights: weights)
        XCTAssertEqual(weighted, plain)
        XCTAssertThrowsError(try KNearestNeighborsRegressor.fit(features: Self.features, targets: Self.targets, weights: [Double](repeating: -1, count: 30))) { error in
            XCTAssertEqual("\(error)", "sample weights must be finite, 0 or more, and not all 0.")
        }
    }

    // MARK: Codable

    func testCodableRoundTripKeepsTheTrainingRows() throws {
        let model = try KNearestNeighborsClassifier.fit(features: Self.features, classes: Self.classes, classCount: 3, parameters: parameters(k: 4, .distance))
        let decoded = try JSONDecoder().decode(KNearestNeighborsClassifier.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(decoded.trainingFeatures, Self.features)
        XCTAssertEqual(decoded.probabilities(Self.queries), model.probabilities(Self.queries))
        let regressor = try KNearestNeighborsRegressor.fit(features: Self.features, targets: Self.targets, parameters: parameters(k: 3))
        let decodedRegressor = try JSONDecoder().decode(KNearestNeighborsRegressor.self, from: JSONEncoder().encode(regressor))
        XCTAssertEqual(decodedRegressor, regressor)
        XCTAssertEqual(decodedRegressor.predict(Self.queries), regressor.predict(Self.queries))
    }

    func testDecodingRefusesWhatFitWouldRefuse() throws {
        let features = #""features":{"rows":3,"columns":1,"values":[0,1,2]}"#
        let parameters = #""parameters":{"k":2,"weights":"distance"}"#
        let good = "{\"classCount\":2,\(parameters),\(features),\"classes\":[0,1,1]}"
        XCTAssertEqual(try JSONDecoder().decode(KNearestNeighborsClassifier.self, from: Data(good.utf8)).predict(Matrix([[0.2]])), [0])
        let broken = [
            "{\"classCount\":2,\(parameters),\"features\":{\"rows\":3,\"columns\":2,\"values\":[0,1,2]},\"classes\":[0,1,1]}",
            "{\"classCount\":2,\(parameters),\"features\":{\"rows\":4611686018427387904,\"columns\":4,\"values\":[]},\"classes\":[]}",
            "{\"classCount\":2,\(parameters),\(features),\"classes\":[0,1]}",
            "{\"classCount\":2,\(parameters),\(features),\"classes\":[0,1,2]}",
            "{\"classCount\":2,\"parameters\":{\"k\":4,\"weights\":\"distance\"},\(features),\"classes\":[0,1,1]}",
            "{\"classCount\":2,\"parameters\":{\"k\":0,\"weights\":\"distance\"},\(features),\"classes\":[0,1,1]}",
            "{\"classCount\":2,\"parameters\":{\"k\":2,\"weights\":\"gaussian\"},\(features),\"classes\":[0,1,1]}",
            "{\"classCount\":2,\(parameters),\"features\":{\"rows\":0,\"columns\":1,\"values\":[]},\"classes\":[]}",
        ]
        for json in broken {
            XCTAssertThrowsError(try JSONDecoder().decode(KNearestNeighborsClassifier.self, from: Data(json.utf8)), json)
        }
        XCTAssertThrowsError(try JSONDecoder().decode(KNearestNeighborsClassifier.self, from: Data(broken[4].utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.debugDescription, "not a k-nearest-neighbours classifier: k (n_neighbors) is 4, but there are only 3 training rows; choose k of at most 3.")
        }
        let regressor = "{\(parameters),\(features),\"targets\":[0,1]}"
        XCTAssertThrowsError(try JSONDecoder().decode(KNearestNeighborsRegressor.self, from: Data(regressor.utf8)))
    }

    // MARK: Errors

    func testBadParametersAndInputAreSentences() {
        let features = Matrix([[0], [1], [2], [3]])
        let classes = [0, 1, 0, 1]
        XCTAssertThrowsError(try KNearestNeighborsClassifier.fit(features: features, classes: classes, classCount: 2, parameters: parameters(k: 0))) { error in
            XCTAssertEqual(error as? FitError, FitError("k (n_neighbors) must be at least 1, not 0."))
        }
        XCTAssertThrowsError(try KNearestNeighborsClassifier.fit(features: features, classes: classes, classCount: 2)) { error in
            XCTAssertEqual(error as? FitError, FitError("k (n_neighbors) is 5, but there are only 4 training rows; choose k of at most 4."))
        }
        XCTAssertThrowsError(try KNearestNeighborsRegressor.fit(features: features, targets: [0, 1, 2, 3], parameters: parameters(k: -2))) { error in
            XCTAssertEqual("\(error)", "k (n_neighbors) must be at least 1, not -2.")
        }
        XCTAssertThrowsError(try KNearestNeighborsClassifier.fit(features: Matrix(rows: 4, columns: 0), classes: classes, classCount: 2, parameters: parameters(k: 1))) { error in
            XCTAssertEqual("\(error)", "k-nearest neighbours needs at least one feature column; there are none.")
        }
        XCTAssertThrowsError(try KNearestNeighborsClassifier.fit(features: Matrix([[0], [.nan]]), classes: [0, 1], classCount: 2, parameters: parameters(k: 1))) { error in
            XCTAssertEqual("\(error)", "row 2 has a missing or infinite feature (column 1); impute it first (--impute, or in the view).")
        }
        XCTAssertThrowsError(try KNearestNeighborsRegressor.fit(features: features, targets: [0, 1, .infinity, 3], parameters: parameters(k: 1))) { error in
            XCTAssertEqual("\(error)", "row 3 has a missing or infinite target; drop such rows in the view.")
        }
        XCTAssertThrowsError(try KNearestNeighborsClassifier.fit(features: features, classes: [0, 1, 2, 1], classCount: 2, parameters: parameters(k: 1)))
    }
}
