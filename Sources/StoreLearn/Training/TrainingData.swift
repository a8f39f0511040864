import GRDB
import StoreCore

/// A view read for training: every row's key, target, split and raw
/// feature values, before any preprocessing.
///
/// (1) Features are the view's columns other than the target, the key and
///     the split column, in the view's order.
/// (2) A column is numeric when every non-NULL value is an INTEGER or REAL;
///     otherwise it is text (numbers in it are read as their text).
/// (3) With a split column ('train', 'validation' or 'test' in every row)
///     the split is the view's. Without one, a stratified split is made
///     from `split_bucket(key, seed)`, as `store split` makes it: in each
///     target class the rows are ordered by their bucket and the first
///     ⌈n·test⌉ are test. A target that is not a class (`TargetClasses`
///     rule 2) is not stratified: all rows form one group.
/// (4) Rows come ordered by key, so the same view gives the same data.
public struct TrainingData: Sendable {
    public enum Split: String, Sendable, Codable, CaseIterable {
        case train, validation, test
    }

    /// One raw value: a number, a text, or missing.
    public enum Value: Sendable, Equatable, Hashable {
        case number(Double)
        case text(String)
        case missing
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        public let isNumeric: Bool
    }

    public let view: String
    public let keyColumn: String
    public let target: String
    public let columns: [Column]
    public let keys: [Int64]
    /// Row after row, one value per column.
    public let values: [[Value]]
    public let targets: [Value]
    public let splits: [Split]
    /// Whether the splits came from the view (true) or were made here.
    public let splitFromView: Bool

    /// Reads `view` for predicting `target`.
    public static func read(
        view: String, target: String, key: String = "row_id", splitColumn: String = "split",
        testShare: Double = 0.2, seed: Int64 = 42, in db: Database
    ) throws -> TrainingData {
        let schema = try TableSchema.lookup(view, in: db)
        try schema.requireColumns([target, key])
        guard testShare > 0, testShare < 1 else {
            throw StoreError("the test share must be between 0 and 1, not \(testShare).")
        }
        let hasSplit = schema.column(splitColumn) != nil
        let excluded = Set([target, key, splitColumn].map { $0.lowercased() })
        let featureNames = schema.columns.map(\.name).filter { !excluded.contains($0.lowercased()) }
        guard !featureNames.isEmpty else {
            throw StoreError("'\(schema.name)' has no feature columns besides \(target), \(key)\(hasSplit ? " and \(splitColumn)" : "").")
        }
        let q = SQLIdentifier.quoted
        let splitSelection = hasSplit ? q(splitColumn) : "split_bucket(\(q(key)), \(seed))"
        let sql = "SELECT \(q(key)), \(q(target)), \(splitSelection), \(featureNames.map(q).joined(separator: ", ")) FROM \(q(schema.name)) ORDER BY \(q(key))"
        var keys: [Int64] = []
        var targets: [Value] = []
        var splitValues: [DatabaseValue] = []
        var values: [[Value]] = []
        var numeric = [Bool](repeating: true, count: featureNames.count)
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() {
            guard let key = row[0] as Int64? else {
                throw StoreError("'\(schema.name)' has a row whose key \(key) is NULL or not an integer (after key \(keys.last.map(String.init) ?? "none")); the key must identify every row.")
            }
            keys.append(key)
            targets.append(Self.value(row[1]))
            splitValues.append(row[2])
            var rowValues: [Value] = []
            rowValues.reserveCapacity(featureNames.count)
            for index in featureNames.indices {
                let value = Self.value(row[3 + index])
                if case .text = value { numeric[index] = false }
                rowValues.append(value)
            }
            values.append(rowValues)
        }
        guard !keys.isEmpty else { throw StoreError("'\(schema.name)' has no rows to train on.") }
        if let bad = targets.firstIndex(of: .missing) {
            throw StoreError("'\(schema.name)' row \(keys[bad]) has no \(target); filter such rows out in the view (WHERE \(target) IS NOT NULL).")
        }
        let splits: [Split]
        if hasSplit {
            splits = try splitValues.enumerated().map { index, value in
                guard let text = String.fromDatabaseValue(value), let split = Split(rawValue: text) else {
                    throw StoreError("'\(schema.name)' row \(keys[index]) has \(splitColumn) = \(value); it must be 'train', 'validation' or 'test'.")
                }
                return split
            }
        } else {
            // A numeric target is one stratum: strata of one row each would all be test.
            let strata = TargetClasses.isClassification(targets) ? targets : targets.map { _ in Value.missing }
            splits = Self.stratifiedSplit(buckets: splitValues.map { Double.fromDatabaseValue($0) ?? 0 }, classes: strata, testShare: testShare)
        }
        let columns = zip(featureNames, numeric).map { Column(name: $0, isNumeric: $1) }
        for (index, column) in columns.enumerated() where !column.isNumeric {
            values = values.map { row in
                var row = row
                if case .number(let number) = row[index] { row[index] = .text(Self.text(number)) }
                return row
            }
        }
        return TrainingData(view: schema.name, keyColumn: key, target: target, columns: columns, keys: keys,
                            values: values, targets: targets, splits: splits, splitFromView: hasSplit)
    }

    /// Rule (3): in each class, the rows with the smallest buckets are test.
    static func stratifiedSplit(buckets: [Double], classes: [Value], testShare: Double) -> [Split] {
        var splits = [Split](repeating: .train, count: buckets.count)
        let byClass = Dictionary(grouping: buckets.indices, by: { classes[$0] })
        for (_, rows) in byClass {
            let ordered = rows.sorted { (buckets[$0], $0) < (buckets[$1], $1) }
            let testCount = Int((Double(ordered.count) * testShare).rounded(.up))
            for row in ordered.prefix(testCount) { splits[row] = .test }
        }
        return splits
    }

    static func value(_ value: DatabaseValue) -> Value {
        switch value.storage {
        case .null: .missing
        case .int64(let integer): .number(Double(integer))
        case .double(let double): .number(double)
        case .string(let text): .text(text)
        case .blob: .missing
        }
    }

    /// A number as SQLite prints it in text: integers without a fraction.
    static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// The rows in `split`.
    public func rows(in split: Split) -> [Int] {
        splits.indices.filter { splits[$0] == split }
    }
}
