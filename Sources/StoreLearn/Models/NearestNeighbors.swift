import COpenBLAS

/// Exact k-nearest-neighbour search by Euclidean distance, brute force in
/// blocks: the squared distances ‖q‖² + ‖r‖² − 2·q·r of a block of queries
/// to every reference row come from one BLAS matrix product, then the k
/// smallest of each row are kept. scikit-learn's `NearestNeighbors`
/// (algorithm="brute") finds the same neighbours; ties go to the lower
/// reference index.
enum NearestNeighbors {
    /// Rows of queries processed per matrix product.
    static let blockRows = 512

    /// For each row of `queries`, the indices of its `k` nearest rows of
    /// `references`, nearest first; when `excludingSelf` (queries are the
    /// references), a row is not its own neighbour.
    static func search(_ queries: Matrix, in references: Matrix, k: Int, excludingSelf: Bool) -> [[Int]] {
        let count = references.rows
        let width = references.columns
        let wanted = min(k, count - (excludingSelf ? 1 : 0))
        guard wanted > 0, queries.rows > 0 else { return Array(repeating: [], count: queries.rows) }
        let referenceNorms = (0..<count).map { row in references.row(row).reduce(0) { $0 + $1 * $1 } }
        var result: [[Int]] = []
        result.reserveCapacity(queries.rows)
        var products = [Double](repeating: 0, count: blockRows * count)
        var start = 0
        while start < queries.rows {
            let rows = min(blockRows, queries.rows - start)
            queries.values.withUnsafeBufferPointer { query in
                guard let base = query.baseAddress else { return }
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(count), Int32(width),
                            1, base + start * width, Int32(max(width, 1)), references.values, Int32(max(width, 1)),
                            0, &products, Int32(count))
            }
            for local in 0..<rows {
                let query = start + local
                var best: [(distance: Double, index: Int)] = []
                best.reserveCapacity(wanted + 1)
                for reference in 0..<count {
                    if excludingSelf && reference == query { continue }
                    let distance = referenceNorms[reference] - 2 * products[local * count + reference]
                    if best.count == wanted, let last = best.last, distance >= last.distance { continue }
                    var position = best.count
                    while position > 0 && best[position - 1].distance > distance { position -= 1 }
                    best.insert((distance, reference), at: position)
                    if best.count > wanted { best.removeLast() }
                }
                result.append(best.map(\.index))
            }
            start += rows
        }
        return result
    }
}
