import GRDB
import StoreCore

/// A view read for a network: every row's key, target and split (as
/// `TrainingData` reads them, rules 3 and 4), and its input — one tensor per
/// row from a tensor column, or the view's other columns for an `mlp` on a
/// view without tensors.
///
/// (1) The input is `--input` when given, else the view's only column that
///     holds tensors (judged on its first 64 rows). Several tensor columns
///     are an error listing them.
/// (2) Tensors must be uint8 with 1–3 axes (images: height × width ×
///     channels) or float with 1–2 axes (MFCC matrices: coefficients ×
///     frames), all of one dtype and number of axes; a NULL or malformed
///     tensor is an error naming the row.
struct NetworkData {
    let data: TrainingData
    /// The tensor column, nil for numeric columns.
    let column: String?
    /// One tensor per row of `data` (empty for numeric columns).
    let tensors: [Tensor]

    static func read(view: String, target: String, input: String?, key: String, splitColumn: String, testShare: Double,
                     seed: Int64, kind: ModelKind, in db: Database) throws -> NetworkData {
        let schema = try TableSchema.lookup(view, in: db)
        try schema.requireColumns([target, key] + (input.map { [$0] } ?? []))
        let q = SQLIdentifier.quoted
        let reserved = Set([target, key, splitColumn].map { $0.lowercased() })
        let candidates = schema.columns.map(\.name).filter { !reserved.contains($0.lowercased()) }
        let sample = candidates.isEmpty ? [] : try Row.fetchAll(db, sql: "SELECT \(candidates.map(q).joined(separator: ", ")) FROM \(q(schema.name)) LIMIT 64")
        let tensorColumns = candidates.enumerated().filter { index, _ in
            sample.contains { row in
                if case .blob(let bytes) = (row[index] as DatabaseValue).storage { return bytes.starts(with: Array("TNSR".utf8)) }
                return false
            }
        }.map(\.element)
        let column: String
        if let input {
            guard let found = tensorColumns.first(where: { $0.lowercased() == input.lowercased() }) else {
                throw StoreError("--input \(input): the column holds no tensors in '\(schema.name)'\(tensorColumns.isEmpty ? "" : "; its tensor columns are \(tensorColumns.joined(separator: ", "))").")
            }
            column = found
        } else if tensorColumns.count == 1 {
            column = tensorColumns[0]
        } else if tensorColumns.count > 1 {
            throw StoreError("'\(schema.name)' has several tensor columns (\(tensorColumns.joined(separator: ", "))); choose one with --input.")
        } else if kind == .mlp {
            let data = try TrainingData.read(view: view, target: target, key: key, splitColumn: splitColumn, testShare: testShare, seed: seed, in: db)
            return NetworkData(data: data, column: nil, tensors: [])
        } else {
            throw StoreError("'\(schema.name)' has no tensor column; \(kind.rawValue) trains on images or MFCC matrices (store ingest images, store ingest audio). For numeric columns use --model mlp.")
        }
        let hasSplit = schema.column(splitColumn) != nil
        let splitSelection = hasSplit ? q(splitColumn) : "split_bucket(\(q(key)), \(seed))"
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(q(key)), \(q(target)), \(splitSelection), \(q(column)) FROM \(q(schema.name)) ORDER BY \(q(key))")
        var keys: [Int64] = []
        var targets: [TrainingData.Value] = []
        var splitValues: [DatabaseValue] = []
        var tensors: [Tensor] = []
        while let row = try cursor.next() {
            guard let rowKey = row[0] as Int64? else {
                throw StoreError("'\(schema.name)' has a row whose \(key) is NULL or not an integer (after \(key) \(keys.last.map(String.init) ?? "none")); the key must identify every row.")
            }
            let described = "'\(schema.name)' row \(rowKey)"
            let tensor = try Self.tensor(row[3], column: column, row: described)
            if let first = tensors.first, first.dtype != tensor.dtype || first.shape.count != tensor.shape.count {
                throw StoreError("\(described) has a \(tensor.dtype.name) tensor of \(tensor.shape.count) axes in \(column); the rows before it have \(first.dtype.name) tensors of \(first.shape.count) axes.")
            }
            let supported = tensor.dtype == .uint8 ? (1...3).contains(tensor.shape.count) : (1...2).contains(tensor.shape.count)
            guard supported, tensor.count > 0 else {
                throw StoreError("\(described) has a \(tensor.dtype.name) tensor of shape \(tensor.shape) in \(column); networks read images (uint8, height × width × channels) and MFCC matrices (float, coefficients × frames).")
            }
            keys.append(rowKey)
            targets.append(TrainingData.value(row[1]))
            splitValues.append(row[2])
            tensors.append(tensor)
        }
        guard !keys.isEmpty else { throw StoreError("'\(schema.name)' has no rows to train on.") }
        if let bad = targets.firstIndex(of: .missing) {
            throw StoreError("'\(schema.name)' row \(keys[bad]) has no \(target); filter such rows out in the view (WHERE \(target) IS NOT NULL).")
        }
        let splits: [TrainingData.Split]
        if hasSplit {
            splits = try splitValues.enumerated().map { index, value in
                guard let text = String.fromDatabaseValue(value), let split = TrainingData.Split(rawValue: text) else {
                    throw StoreError("'\(schema.name)' row \(keys[index]) has \(splitColumn) = \(value); it must be 'train', 'validation' or 'test'.")
                }
                return split
            }
        } else {
            let strata = TargetClasses.isClassification(targets) ? targets : targets.map { _ in TrainingData.Value.missing }
            splits = TrainingData.stratifiedSplit(buckets: splitValues.map { Double.fromDatabaseValue($0) ?? 0 }, classes: strata, testShare: testShare)
        }
        let data = TrainingData(view: schema.name, keyColumn: key, target: target, columns: [], keys: keys, values: [],
                                targets: targets, splits: splits, splitFromView: hasSplit)
        return NetworkData(data: data, column: column, tensors: tensors)
    }

    /// The tensor in `value`, the `column` of the row `described` names; a
    /// NULL or a BLOB that is not a tensor is an error naming both.
    static func tensor(_ value: DatabaseValue, column: String, row described: String) throws -> Tensor {
        guard case .blob(let bytes) = value.storage else {
            throw StoreError("\(described) has no tensor in \(column); filter such rows out in the view (WHERE \(column) IS NOT NULL).")
        }
        do {
            return try bytes.withUnsafeBytes { try Tensor(blob: $0) }
        } catch {
            throw StoreError("\(described): \(column) is not a tensor: \(error).")
        }
    }

    /// The data with `rows` (training rows) moved to the validation split:
    /// the rows a network measures itself on after every epoch.
    func validating(_ rows: [Int]) -> NetworkData {
        var splits = data.splits
        for row in rows { splits[row] = .validation }
        let moved = TrainingData(view: data.view, keyColumn: data.keyColumn, target: data.target, columns: data.columns, keys: data.keys,
                                 values: data.values, targets: data.targets, splits: splits, splitFromView: data.splitFromView)
        return NetworkData(data: moved, column: column, tensors: tensors)
    }
}
