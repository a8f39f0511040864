import COpenBLAS
import StoreCore

/// Exact k-nearest-neighbour search by Euclidean distance over a fixed set
/// of reference rows, brute force in blocks, as scikit-learn's brute-force
/// search (`NearestNeighbors(algorithm="brute")`, its `ArgKmin` reduction).
///
/// ```swift
/// let index = NearestNeighbors(references: Matrix([[0], [3], [1]]))
/// let found = index.search(Matrix([[0.9]]), k: 2, excludingSelf: false)
/// found[0]            // [2, 0]: row 2 (at 0.1), then row 0 (at 0.9)
/// found.distances     // [0.1, 0.9] (to rounding)
/// ```
///
/// (1) Squared distances are compared by the expansion ‖q′‖² + ‖r′‖² −
///     2·q′·r′ (less ‖q′‖², the same for every reference), the products of a
///     block of queries with a chunk of references from one BLAS matrix
///     product, where q′ and r′ are the rows less a centre: each
///     column's mean over the references, rounded to a whole number.
///     Centring changes no distance but keeps the expansion accurate when
///     features sit far from zero (timestamps, say), where scikit-learn's
///     uncentred expansion loses the digits that separate neighbours; a whole
///     centre keeps it exact on whole-number features (counts, one-hot
///     columns), so that rows at equal distance stay tied. Where the means
///     round to 0 (standardized features) nothing is moved.
/// (2) The k kept are those scikit-learn's brute-force search (behind
///     `kneighbors`, `predict` and `predict_proba`) keeps when it meets the
///     references in order, which it does when it shares the queries among
///     its threads: with more queries than references, or more than 1,024
///     per thread. Each query has a max-heap of k places (`heap_push`) that
///     a reference enters only when strictly nearer than the farthest kept,
///     which leaves. Among references tied at the k-th distance this mostly
///     keeps the first met, not always; with no tie there, any exact search
///     agrees. The distances compared are (1)'s, equal to scikit-learn's on
///     whole-number features and to rounding otherwise. (With fewer queries
///     scikit-learn shares the references among threads instead and merges
///     the heaps, and its k-d and ball trees, which `algorithm="auto"` picks
///     for 15 features or fewer, meet rows in another order: either can keep
///     other tied rows.)
/// (3) The kept distances are then computed again from the differences
///     q − r, so a reference equal to the query is at distance exactly 0, and
///     the k are ordered by these, ties by index. (scikit-learn returns the
///     expansion's distances, unordered among ties.)
/// (4) When `excludingSelf` (the queries are the references, row for row),
///     a row is not its own neighbour, and at most `rows − 1` are found.
/// (5) A query with a missing or infinite feature, or so far away that its
///     squared distances overflow, gets index −1 and distance NaN in every
///     place.
/// (6) Blocks of queries run on all cores; the result does not depend on
///     how the threads run.
struct NearestNeighbors: Sendable, Equatable {
    /// The rows searched, as given.
    let references: Matrix
    /// The mean reference row, rounded to whole numbers.
    private let centre: [Double]
    /// The references less `centre`, row after row.
    private let centred: [Double]
    /// ‖r − centre‖² of each reference row.
    private let norms: [Double]

    /// Query rows per task, each task run on one core.
    static let blockRows = 64

    /// Reference rows per matrix product: as many as keep `blockRows` ×
    /// rows × columns within 262,144, below which OpenBLAS computes a
    /// product on the calling thread (its `GEMM_MULTITHREAD_THRESHOLD` × 65,536)
    /// rather than waking its own threads to fight ours for the cores; at
    /// most 1,024 (a product of 512 KiB, scanned while still in the cache);
    /// at least 32; a multiple of 4, the width of the scan.
    static func chunkRows(columns: Int) -> Int {
        let fitting = 262_144 / (blockRows * max(columns, 1))
        return min(1024, max(32, fitting)) / 4 * 4
    }

    init(references: Matrix) {
        self.references = references
        let width = references.columns
        var centre = [Double](repeating: 0, count: width)
        for row in 0..<references.rows {
            for column in 0..<width { centre[column] += references[row, column] }
        }
        let count = Double(max(references.rows, 1))
        centre = centre.map { ($0 / count).rounded() }
        var centred = references.values
        var norms = [Double](repeating: 0, count: references.rows)
        for row in 0..<references.rows {
            var norm = 0.0
            for column in 0..<width {
                let value = centred[row * width + column] - centre[column]
                centred[row * width + column] = value
                norm += value * value
            }
            norms[row] = norm
        }
        self.centre = centre
        self.centred = centred
        self.norms = norms
    }

    /// For each row of `queries`, the indices of its `k` nearest references
    /// (at most `rows`, or `rows − 1` when `excludingSelf`), nearest first.
    static func search(_ queries: Matrix, in references: Matrix, k: Int, excludingSelf: Bool) -> Neighbours {
        NearestNeighbors(references: references).search(queries, k: k, excludingSelf: excludingSelf)
    }

    /// See the type's contract. `queries` has as many columns as the references.
    func search(_ queries: Matrix, k: Int, excludingSelf: Bool) -> Neighbours {
        let wanted = max(0, min(k, references.rows - (excludingSelf ? 1 : 0)))
        guard wanted > 0, queries.rows > 0 else {
            return Neighbours(k: 0, indices: [], distances: [])
        }
        let blocks = (queries.rows + Self.blockRows - 1) / Self.blockRows
        let found = Parallel.map(blocks) { block in
            let start = block * Self.blockRows
            return searchBlock(queries, rows: start..<min(queries.rows, start + Self.blockRows), k: wanted, excludingSelf: excludingSelf)
        }
        var indices = [Int]()
        var distances = [Double]()
        indices.reserveCapacity(queries.rows * wanted)
        distances.reserveCapacity(queries.rows * wanted)
        for part in found {
            indices += part.indices
            distances += part.distances
        }
        return Neighbours(k: wanted, indices: indices, distances: distances)
    }

    /// The `k` nearest references of the queries `range`, `k` per query.
    private func searchBlock(_ queries: Matrix, rows range: Range<Int>, k: Int, excludingSelf: Bool) -> (indices: [Int], distances: [Double]) {
        let width = references.columns
        let count = references.rows
        let rows = range.count
        var centredQueries = [Double](repeating: 0, count: rows * width)
        for local in 0..<rows {
            for column in 0..<width {
                centredQueries[local * width + column] = queries[range.lowerBound + local, column] - centre[column]
            }
        }
        var bestDistances = [Double](repeating: .infinity, count: rows * k)
        var bestIndices = [Int](repeating: -1, count: rows * k)
        let chunkRows = Self.chunkRows(columns: width)
        let products = UnsafeMutablePointer<Double>.allocate(capacity: rows * chunkRows)
        defer { products.deallocate() }
        bestDistances.withUnsafeMutableBufferPointer { bestDistances in
            bestIndices.withUnsafeMutableBufferPointer { bestIndices in
                centred.withUnsafeBufferPointer { centred in
                    norms.withUnsafeBufferPointer { norms in
                        guard let normBase = norms.baseAddress, let distanceBase = bestDistances.baseAddress,
                              let indexBase = bestIndices.baseAddress else { return }
                        var chunkStart = 0
                        while chunkStart < count {
                            let chunk = min(chunkRows, count - chunkStart)
                            // products = ‖r′‖² − 2·q′·r′: the norms in every row, then the product added.
                            for local in 0..<rows {
                                (products + local * chunk).update(from: normBase + chunkStart, count: chunk)
                            }
                            if let referenceBase = centred.baseAddress, width > 0 {
                                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(chunk), Int32(width),
                                            -2, centredQueries, Int32(width), referenceBase + chunkStart * width, Int32(width),
                                            1, products, Int32(chunk))
                            }
                            for local in 0..<rows {
                                Self.keepNearest(
                                    distances: products + local * chunk, count: chunk, firstReference: chunkStart,
                                    skipping: excludingSelf ? range.lowerBound + local : -1,
                                    keptDistances: distanceBase + local * k, keptIndices: indexBase + local * k, k: k)
                            }
                            chunkStart += chunk
                        }
                    }
                }
            }
        }
        for local in 0..<rows {
            exactDistances(of: queries, row: range.lowerBound + local, indices: &bestIndices, distances: &bestDistances, base: local * k, k: k)
        }
        return (bestIndices, bestDistances)
    }

    /// Scans one query's `count` distances (‖r′‖² − 2·q′·r′, the first for
    /// reference `firstReference`) into its `k` kept places, a max-heap, as
    /// scikit-learn's `heap_push` (2), except reference `skipping`. (‖q′‖²,
    /// the same for all, is left out.) Four distances at a time are compared
    /// with the farthest kept, so most of the scan does not branch.
    private static func keepNearest(
        distances: UnsafePointer<Double>, count: Int, firstReference: Int, skipping: Int,
        keptDistances: UnsafeMutablePointer<Double>, keptIndices: UnsafeMutablePointer<Int>, k: Int
    ) {
        func keep(_ distance: Double, reference: Int) {
            guard distance < keptDistances[0], reference != skipping else { return }
            // The root, the farthest kept, gives way, and the new reference
            // sinks while the farther child (the left one on ties) is
            // farther still.
            var current = 0
            while true {
                let left = 2 * current + 1
                let right = left + 1
                let next: Int
                if left >= k {
                    break
                } else if right >= k || keptDistances[left] >= keptDistances[right] {
                    guard distance < keptDistances[left] else { break }
                    next = left
                } else {
                    guard distance < keptDistances[right] else { break }
                    next = right
                }
                keptDistances[current] = keptDistances[next]
                keptIndices[current] = keptIndices[next]
                current = next
            }
            keptDistances[current] = distance
            keptIndices[current] = reference
        }
        var offset = 0
        while offset + 4 <= count {
            let four = UnsafeRawPointer(distances + offset).loadUnaligned(as: SIMD4<Double>.self)
            if any(four .< SIMD4(repeating: keptDistances[0])) {
                for lane in 0..<4 { keep(four[lane], reference: firstReference + offset + lane) }
            }
            offset += 4
        }
        while offset < count {
            keep(distances[offset], reference: firstReference + offset)
            offset += 1
        }
    }

    /// Replaces the `k` expansion distances of one query, from `base`, by
    /// distances computed from the differences, and orders the places by
    /// them (ties by index); when a place was not filled or a distance is
    /// not finite, marks them all (5).
    private func exactDistances(of queries: Matrix, row: Int, indices: inout [Int], distances: inout [Double], base: Int, k: Int) {
        let places = base..<(base + k)
        var found = true
        for place in places {
            guard indices[place] >= 0 else {
                found = false
                break
            }
            var sum = 0.0
            for column in 0..<references.columns {
                let difference = queries[row, column] - references[indices[place], column]
                sum += difference * difference
            }
            distances[place] = sum.squareRoot()
            found = found && distances[place].isFinite
        }
        guard found else {
            for place in places {
                indices[place] = -1
                distances[place] = .nan
            }
            return
        }
        for place in places.dropFirst() {
            let distance = distances[place], index = indices[place]
            var position = place
            while position > base && (distances[position - 1], indices[position - 1]) > (distance, index) {
                distances[position] = distances[position - 1]
                indices[position] = indices[position - 1]
                position -= 1
            }
            distances[position] = distance
            indices[position] = index
        }
    }
}

/// The result of a neighbour search: `k` places per query, nearest first.
struct Neighbours: Sendable {
    /// Places per query.
    let k: Int
    /// Reference row of each place, query after query (−1: not found).
    let indices: [Int]
    /// Euclidean distance of each place (NaN: not found).
    let distances: [Double]

    /// The references found for `query`, nearest first (empty when none were).
    subscript(query: Int) -> [Int] {
        let found = indices[(query * k)..<((query + 1) * k)]
        return found.contains(-1) ? [] : Array(found)
    }
}
