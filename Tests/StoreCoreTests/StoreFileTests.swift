import GRDB
import StoreCore
import XCTest

final class StoreFileTests: XCTestCase {
    func testNewFileIsWALMigratedAndSixteenKiBPages() throws {
        let folder = try TestFolder()
        let store = try folder.openStore()
        XCTAssertEqual(store.schemaVersionBefore, 0)
        XCTAssertEqual(store.schemaVersion, Migrations.all.count)
        let (mode, version, pageSize) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try Int.fetchOne(db, sql: "PRAGMA page_size"))
        }
        XCTAssertEqual(mode, "wal")
        XCTAssertEqual(version, Migrations.all.count)
        XCTAssertEqual(pageSize, StoreFile.pageSize)
        let reopened = try StoreFile.open(at: store.path)
        XCTAssertEqual(reopened.schemaVersionBefore, Migrations.all.count, "migrations apply once")
    }

    /// A store made before the model tables (schema version 1) gains them on
    /// open, and keeps its data.
    func testAVersionOneStoreIsUpgradedInPlace() throws {
        let folder = try TestFolder()
        let store = try folder.openStore()
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)")
            for table in ["feature_selection", "model_arrays", "training_log", "feature_importance", "search_results", "cv_scores", "pr_curve", "roc_curve", "confusion", "metrics", "predictions", "models"] {
                try db.execute(sql: "DROP TABLE \(table)")
            }
        }
        try store.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 1") }
        let upgraded = try StoreFile.open(at: store.path)
        XCTAssertEqual(upgraded.schemaVersionBefore, 1)
        XCTAssertEqual(upgraded.schemaVersion, Migrations.all.count)
        let (models, x) = try upgraded.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM models"), try Int.fetchOne(db, sql: "SELECT x FROM t"))
        }
        XCTAssertEqual(models, 0)
        XCTAssertEqual(x, 7)
    }

    func testOwnTablesAreExactlyWhatTheMigrationsCreate() throws {
        let store = try TestFolder().openStore()
        let created = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        XCTAssertEqual(Set(created), StoreTables.own)
    }

    func testDefaultPathComesFromSTORE_DB() {
        XCTAssertEqual(StoreFile.defaultPath(environment: [:]), "store.db")
        XCTAssertEqual(StoreFile.defaultPath(environment: ["STORE_DB": ""]), "store.db")
        XCTAssertEqual(StoreFile.defaultPath(environment: ["STORE_DB": "/tmp/x.db"]), "/tmp/x.db")
    }

    func testMissingFolderAndForeignFilesAreClearErrors() throws {
        let folder = try TestFolder()
        XCTAssertThrowsError(try StoreFile.open(at: folder.path("nowhere/store.db"))) { error in
            XCTAssertTrue("\(error)".contains("the folder \(folder.path("nowhere")) does not exist"), "\(error)")
        }
        let text = folder.path("notes.db")
        try Data("just some text, not a database at all, long enough to have a header".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try StoreFile.open(at: text)) { error in
            XCTAssertTrue("\(error)".contains("Is it a SQLite file?"), "\(error)")
        }
    }

    func testNewerSchemaIsRefused() throws {
        let folder = try TestFolder()
        let store = try folder.openStore()
        try store.queue.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try StoreFile.open(at: store.path)) { error in
            XCTAssertTrue("\(error)".contains("schema version 99, newer than"), "\(error)")
        }
    }
}

/// Every SQL file the project ships opens with a comment block and is valid
/// SQL for the SQLite the store runs on.
final class SQLFilesTests: XCTestCase {
    func sqlFiles(in folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: repositoryFolder.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testEverySchemaFileIsAMigrationInOrderAndEmbeddedUnchanged() throws {
        let files = try sqlFiles(in: "schema")
        XCTAssertEqual(files.map(\.lastPathComponent), Migrations.all.map(\.file))
        for (file, migration) in zip(files, Migrations.all) {
            XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), migration.sql, file.lastPathComponent)
        }
    }

    func testEverySQLFileOpensWithACommentAndParses() throws {
        let files = try sqlFiles(in: "schema") + sqlFiles(in: "queries")
        XCTAssertFalse(files.isEmpty)
        let store = try TestFolder().openStore()
        try store.queue.write { db in
            // The queries read the sample credit table; give them its columns.
            try db.execute(sql: "CREATE TABLE credit (row_id INTEGER PRIMARY KEY, credit_grade TEXT, default_ INTEGER, income REAL, debt_to_income REAL)")
        }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("-- \(file.lastPathComponent) — "), "\(file.lastPathComponent) opens with its name and what it holds")
            guard file.deletingLastPathComponent().lastPathComponent == "queries" else { continue }
            try store.queue.inDatabase { db in
                try db.inSavepoint {
                    try db.execute(sql: text)
                    return .rollback
                }
            }
        }
    }
}
