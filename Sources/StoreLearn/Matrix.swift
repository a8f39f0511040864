/// A dense matrix of doubles stored row after row: the features a model
/// trains on (one row per example, one column per feature) and the class
/// probabilities it gives back (one column per class).
public struct Matrix: Sendable, Equatable, Codable {
    public let rows: Int
    public let columns: Int
    /// `rows × columns` values, row after row.
    public var values: [Double]

    /// A matrix of `values` given row after row; nil when the count is not `rows × columns`.
    public init?(rows: Int, columns: Int, values: [Double]) {
        guard rows >= 0, columns >= 0, values.count == rows * columns else { return nil }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        self.values = Array(repeating: 0, count: rows * columns)
    }

    /// A matrix whose rows are `rows` (all of one length).
    public init(_ rows: [[Double]]) {
        self.rows = rows.count
        self.columns = rows.first?.count ?? 0
        self.values = rows.flatMap { $0 }
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `index` as a slice of `values`.
    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// The rows at `indices`, in that order (repeats allowed: a bootstrap sample).
    public func rows(_ indices: [Int]) -> Matrix {
        var picked = [Double]()
        picked.reserveCapacity(indices.count * columns)
        for index in indices { picked.append(contentsOf: row(index)) }
        return Matrix(checkedRows: indices.count, columns: columns, values: picked)
    }

    /// The column of the largest value of each row (the first on ties, as
    /// numpy's argmax): the most probable class of each row of probabilities.
    public var largestInEachRow: [Int] {
        (0..<rows).map { row in
            var best = 0
            for column in 1..<max(columns, 1) where self[row, column] > self[row, best] {
                best = column
            }
            return best
        }
    }

    /// This matrix with the rows of `other` (of the same width) below it.
    public func appending(_ other: Matrix) -> Matrix {
        Matrix(checkedRows: rows + other.rows, columns: columns, values: values + other.values)
    }

    /// Column `index` as an array.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { self[$0, index] }
    }

    private enum CodingKeys: String, CodingKey {
        case rows, columns, values
    }

    /// Decodes a matrix, refusing one whose values are not `rows × columns`
    /// (every model that keeps a matrix relies on its shape). The values are
    /// a `ModelArray`: inline, or in `model_arrays` when there are many.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let values = try container.decode(ModelArray<Double>.self, forKey: .values).values
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, count == values.count else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "not a matrix: \(values.count) values for \(rows) rows of \(columns) columns"))
        }
        self.init(checkedRows: rows, columns: columns, values: values)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(ModelArray(values), forKey: .values)
    }

    init(checkedRows rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}
