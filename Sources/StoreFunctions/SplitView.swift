import Foundation
import GRDB
import StoreCore

/// The view `store split` writes: each row's key and its part of a
/// train / validation / test split, as plain SQL on `split_bucket`, so the
/// split is reproducible from the view's text alone.
///
/// (1) Without `stratify`, a row is in test when `split_bucket(key, seed) <
///     test`, in validation when below `test + validation`, else in train: a
///     row's part depends on its key alone, so adding rows moves no one.
/// (2) With `stratify`, rows are ranked within each class by
///     `split_bucket(key, seed)` (then the key); of a class of n rows, the
///     first ⌈n·test⌉ go to test and those up to ⌈n·(test + validation)⌉ to
///     validation: every class is split in the same proportions, to one row.
/// (3) The view is `TABLE_split` with the key column (under its own name) and
///     `split`; join it back with `USING (key)`.
public struct SplitView: Sendable {
    public let table: String
    public let key: String
    public let stratify: String?
    public let test: Double
    public let validation: Double
    public let seed: Int64

    public init(table: String, key: String = "row_id", stratify: String?, test: Double, validation: Double = 0, seed: Int64) throws {
        guard test > 0, test < 1, validation >= 0, test + validation < 1 else {
            throw StoreError("--test must be between 0 and 1 and --test plus --validation below 1 (got \(test) and \(validation)).")
        }
        self.table = table
        self.key = key
        self.stratify = stratify
        self.test = test
        self.validation = validation
        self.seed = seed
    }

    public var viewName: String { table + "_split" }

    /// The `CREATE VIEW` statement (numbers are written in the SQL so the view
    /// stands alone).
    public var sql: String {
        let quotedKey = SQLIdentifier.quoted(key)
        let source = SQLIdentifier.quoted(table)
        let bucket = "split_bucket(\(quotedKey), \(seed))"
        let cut = "\(test)"
        let cutValidation = Self.decimalSum(test, validation)
        guard let stratify else {
            return """
                CREATE VIEW \(SQLIdentifier.quoted(viewName)) AS
                SELECT \(quotedKey),
                       CASE WHEN \(bucket) < \(cut) THEN 'test'
                            WHEN \(bucket) < \(cutValidation) THEN 'validation'
                            ELSE 'train' END AS split
                FROM \(source)
                """
        }
        let quotedClass = SQLIdentifier.quoted(stratify)
        return """
            CREATE VIEW \(SQLIdentifier.quoted(viewName)) AS
            SELECT \(quotedKey),
                   CASE WHEN position * 1.0 / n < \(cut) THEN 'test'
                        WHEN position * 1.0 / n < \(cutValidation) THEN 'validation'
                        ELSE 'train' END AS split
            FROM (
                SELECT \(quotedKey),
                       row_number() OVER (PARTITION BY \(quotedClass) ORDER BY \(bucket), \(quotedKey)) - 1 AS position,
                       count(*) OVER (PARTITION BY \(quotedClass)) AS n
                FROM \(source)
            )
            """
    }

    /// `a + b` written as the decimal people would write (0.2 + 0.1 is 0.3,
    /// not 0.30000000000000004), so `position / n < cut` counts exactly
    /// ⌈n·cut⌉ rows: the division and the literal round the same rational.
    static func decimalSum(_ a: Double, _ b: Double) -> String {
        guard let left = Decimal(string: "\(a)"), let right = Decimal(string: "\(b)") else { return "\(a + b)" }
        return "\(left + right)"
    }

    /// Replaces the view and returns the rows per part and class (each
    /// class's share of its part), or without `stratify` the rows per part
    /// (each part's share of all rows).
    public func write(in db: Database) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        try TableSchema.lookup(self.table, in: db).requireColumns([key, stratify].compactMap { $0 })
        try db.execute(sql: "DROP VIEW IF EXISTS \(SQLIdentifier.quoted(viewName))")
        try db.execute(sql: sql)
        let order = "CASE s.split WHEN 'train' THEN 0 WHEN 'validation' THEN 1 ELSE 2 END"
        let joined = "\(SQLIdentifier.quoted(self.table)) AS t JOIN \(SQLIdentifier.quoted(viewName)) AS s USING (\(SQLIdentifier.quoted(key)))"
        guard let stratify else {
            // Each part's share of all rows.
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.split, count(*) AS rows, round(count(*) * 1.0 / sum(count(*)) OVER (), 4) AS share
                FROM \(joined) GROUP BY 1 ORDER BY \(order)
                """)
            return (["split", "rows", "share"], rows.map { Array($0.databaseValues) })
        }
        // Each class's share of its part.
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.split, t.\(SQLIdentifier.quoted(stratify)) AS class, count(*) AS rows,
                   round(count(*) * 1.0 / sum(count(*)) OVER (PARTITION BY s.split), 4) AS share
            FROM \(joined) GROUP BY 1, 2 ORDER BY \(order), 2
            """)
        return (["split", stratify, "rows", "share"], rows.map { Array($0.databaseValues) })
    }
}
