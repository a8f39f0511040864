import Foundation
import StoreCore
import XCTest
@testable import StoreIngest

/// A fresh temporary folder per test, with helpers to write fixtures and open
/// a store in it. Fixtures are built in code; nothing binary is checked in.
final class TestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` as UTF-8 to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    func openStore(_ name: String = "store.db") throws -> StoreFile {
        try StoreFile.open(at: path(name))
    }
}

/// Every row of a table as text (NULL as "NULL", reals as Swift prints them),
/// ordered by row_id.
func rows(_ table: String, in store: StoreFile) throws -> [[String]] {
    try store.queue.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quoted(table)) ORDER BY row_id").map { row in
            row.databaseValues.map { CellText.tableText($0) }
        }
    }
}

/// The whole content of a store (schema and every row of every table), to
/// check that a failed ingest changed nothing.
func snapshot(_ store: StoreFile) throws -> [String] {
    try store.queue.read { db in
        var lines = try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quoted(table))") {
                lines.append(table + ": " + row.databaseValues.map { CellText.tableText($0) }.joined(separator: "|"))
            }
        }
        return lines
    }
}

import GRDB
