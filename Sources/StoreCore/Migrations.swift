import GRDB

/// The store's own schema: the numbered SQL files of schema/, embedded in the
/// binary at build time and applied in order, each in its own transaction.
///
/// The applied count is kept in SQLite's `user_version`, so any SQLite client
/// can tell a store's schema version with `PRAGMA user_version`.
public enum Migrations {
    /// Every migration as (file name, SQL), in the order they apply.
    public static let all: [(file: String, sql: String)] = [
        ("0001_ingest_catalog.sql", String(decoding: PackageResources._001_ingest_catalog_sql, as: UTF8.self)),
        ("0002_models.sql", String(decoding: PackageResources._002_models_sql, as: UTF8.self)),
        ("0003_networks.sql", String(decoding: PackageResources._003_networks_sql, as: UTF8.self)),
        ("0004_feature_selection.sql", String(decoding: PackageResources._004_feature_selection_sql, as: UTF8.self)),
    ]

    /// How many migrations the open database has had applied.
    static func appliedCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Applies the migrations the database lacks. Runs inside the caller's
    /// transaction, so a failing migration leaves the file as it was.
    static func apply(_ db: Database) throws {
        let applied = try appliedCount(db)
        guard applied < all.count else { return }
        for index in applied..<all.count {
            try db.execute(sql: all[index].sql)
        }
        // PRAGMA takes no bound parameters; the value is an integer we computed.
        try db.execute(sql: "PRAGMA user_version = \(all.count)")
    }
}
