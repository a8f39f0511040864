import GRDB
import StoreCore
@testable import StoreIngest
import StoreTestSupport
import XCTest

/// The engine shared by the audio and image ingests (FolderIngest.swift,
/// FolderSource.swift, ImageManifest.swift), driven here by a row function
/// that reads text files, so it is tested apart from any decoder.
final class FolderIngestTests: XCTestCase {
    private var folder: TestFolder!
    private var store: StoreFile!

    override func setUpWithError() throws {
        folder = try TestFolder()
        store = try folder.openStore()
        try FileManager.default.createDirectory(atPath: folder.path("data/b"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.path("data/.cache"), withIntermediateDirectories: true)
        try folder.write("data/b/2.txt", "20")
        try folder.write("data/a.txt", "10")
        try folder.write("data/b/1.txt", "30")
        try folder.write("data/.hidden.txt", "0")
        try folder.write("data/.cache/x.txt", "0")
        try folder.write("data/notes.md", "not read")
    }

    private func plan(_ table: String = "numbers", mode: IngestMode = .create, skipBad: Bool = false, options: String = "{}") -> FolderIngestPlan {
        FolderIngestPlan(kind: "image", table: table, mode: mode, skipBad: skipBad, options: options,
                         columns: [FolderColumn("path", "TEXT"), FolderColumn("value", "INTEGER")])
    }

    /// Reads each file as an integer; "bad" files are rejected.
    private static let row: @Sendable (FolderSource.File) throws(FileRejection) -> [DatabaseValue] = { file throws(FileRejection) in
        let text = (try? String(contentsOfFile: file.absolutePath, encoding: .utf8)) ?? ""
        guard let value = Int(text) else { throw FileRejection("'\(text)' is not a number") }
        return [file.relativePath.databaseValue, value.databaseValue]
    }

    private func ingest(_ plan: FolderIngestPlan) throws -> FolderIngestOutcome {
        let source = try FolderSource.scan(folder: folder.path("data"), extensions: ["txt"], what: "text files")
        return try FolderIngest.run(source: source, plan: plan, into: store, row: Self.row)
    }

    private func rows(_ sql: String) throws -> [Row] {
        try store.queue.read { db in try Row.fetchAll(db, sql: sql) }
    }

    // MARK: - The walk

    func testWalkIsSortedRecursiveAndListsWhatItSkips() throws {
        let source = try FolderSource.scan(folder: folder.path("data"), extensions: ["txt"], what: "text files")
        XCTAssertEqual(source.files.map(\.relativePath), ["a.txt", "b/1.txt", "b/2.txt"])
        XCTAssertEqual(source.files.map(\.position), [1, 2, 3])
        XCTAssertEqual(source.hidden, [".cache", ".hidden.txt"])
        XCTAssertEqual(source.unsupported, ["notes.md"])
        XCTAssertEqual(source.bytes, 6)
        // sha256("10") = 4a44dc15364204a80fe80e9039455cc1608281820fe2b24f1e5233ade6af1dd5
        XCTAssertEqual(source.files[0].sha256, "4a44dc15364204a80fe80e9039455cc1608281820fe2b24f1e5233ade6af1dd5")
    }

    func testFolderHashChangesWithAnyFileAndOnlyThen() throws {
        let scan = { try FolderSource.scan(folder: self.folder.path("data"), extensions: ["txt"], what: "text files").sha256 }
        let first = try scan()
        XCTAssertEqual(try scan(), first)
        try folder.write("data/notes.md", "changed, but not read")
        XCTAssertEqual(try scan(), first)
        try folder.write("data/b/2.txt", "21")
        XCTAssertNotEqual(try scan(), first)
    }

    func testAFolderWithNothingToReadIsAnError() throws {
        try FileManager.default.createDirectory(atPath: folder.path("empty"), withIntermediateDirectories: true)
        try folder.write("empty/x.md", "")
        XCTAssertThrowsError(try FolderSource.scan(folder: folder.path("empty"), extensions: ["wav"], what: "audio files")) { error in
            XCTAssertEqual("\(error)", "\(folder.path("empty")) holds no audio files (files ending in .wav); 1 other file skipped.")
        }
        XCTAssertThrowsError(try FolderSource.scan(folder: folder.path("nowhere"), extensions: ["wav"], what: "audio files")) { error in
            XCTAssertTrue("\(error)".contains("no such folder"), "\(error)")
        }
    }

    // MARK: - Writing

    func testRowsAreWrittenInOrderWithTheCatalog() throws {
        let outcome = try ingest(plan())
        XCTAssertEqual(outcome.rowsStored, 3)
        XCTAssertEqual(outcome.summary(noun: "files").first?.hasPrefix("numbers: 3 files, 0 rejected"), true)
        XCTAssertEqual(outcome.summary(noun: "files").dropFirst().first, "skipped 2 files hidden: .cache, .hidden.txt")
        let stored = try rows("SELECT row_id, path, value FROM numbers ORDER BY row_id")
        XCTAssertEqual(stored.map { $0["path"] as String }, ["a.txt", "b/1.txt", "b/2.txt"])
        XCTAssertEqual(stored.map { $0["row_id"] as Int }, [1, 2, 3])
        XCTAssertEqual(stored.map { $0["value"] as Int }, [10, 30, 20])
        let catalog = try rows("SELECT kind, mode, source_path, source_bytes, rows_stored, rows_rejected FROM ingests")
        XCTAssertEqual(catalog.count, 1)
        XCTAssertEqual(catalog[0]["kind"] as String, "image")
        XCTAssertEqual(catalog[0]["source_path"] as String, folder.path("data"))
        XCTAssertEqual(catalog[0]["rows_stored"] as Int, 3)
    }

    func testManyFilesKeepTheirOrderAcrossChunks() throws {
        try FileManager.default.createDirectory(atPath: folder.path("many"), withIntermediateDirectories: true)
        for index in 0..<300 { try folder.write(String(format: "many/%03d.txt", index), String(index)) }
        let source = try FolderSource.scan(folder: folder.path("many"), extensions: ["txt"], what: "text files")
        var reports: [Int] = []
        _ = try FolderIngest.run(source: source, plan: plan(), into: store, progress: { done, total in
            XCTAssertEqual(total, 300)
            reports.append(done)
        }, row: Self.row)
        XCTAssertEqual(try rows("SELECT value FROM numbers ORDER BY row_id").map { $0[0] as Int }, Array(0..<300))
        XCTAssertEqual(reports.last, 300)
        XCTAssertEqual(reports, reports.sorted())
    }

    func testTheSameFolderAndOptionsAgainChangeNothing() throws {
        _ = try ingest(plan())
        let again = try ingest(plan())
        guard case .unchanged(let id, _) = again.status else { return XCTFail("\(again.status)") }
        XCTAssertEqual(id, 1)
        XCTAssertEqual(try rows("SELECT count(*) FROM ingests")[0][0] as Int, 1)
        XCTAssertThrowsError(try ingest(plan(options: "{\"other\":1}"))) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        _ = try ingest(plan(mode: .replace, options: "{\"other\":1}"))
        XCTAssertEqual(try rows("SELECT count(*) FROM numbers")[0][0] as Int, 3)
        _ = try ingest(plan(mode: .append, options: "{\"more\":1}"))
        XCTAssertEqual(try rows("SELECT row_id FROM numbers ORDER BY row_id").map { $0[0] as Int }, [1, 2, 3, 4, 5, 6])
    }

    // MARK: - Bad files

    func testABadFileIsAnErrorNamingItAndNothingIsWritten() throws {
        try folder.write("data/b/3.txt", "three")
        XCTAssertThrowsError(try ingest(plan())) { error in
            XCTAssertEqual("\(error)", "\(folder.path("data/b/3.txt")): 'three' is not a number. Fix or remove the file, or pass --skip-bad to set it aside in ingest_rejects; nothing was written.")
        }
        XCTAssertEqual(try rows("SELECT count(*) FROM sqlite_schema WHERE name = 'numbers'")[0][0] as Int, 0)
        XCTAssertEqual(try rows("SELECT count(*) FROM ingests")[0][0] as Int, 0)
    }

    func testSkipBadSetsBadFilesAside() throws {
        try folder.write("data/b/3.txt", "three")
        let outcome = try ingest(plan(skipBad: true))
        XCTAssertEqual(outcome.rowsStored, 3)
        XCTAssertEqual(outcome.rowsRejected, 1)
        let rejects = try rows("SELECT line, raw, reason FROM ingest_rejects")
        XCTAssertEqual(rejects.count, 1)
        XCTAssertEqual(rejects[0]["line"] as Int, 4)
        XCTAssertEqual(rejects[0]["raw"] as String, "b/3.txt")
        XCTAssertEqual(rejects[0]["reason"] as String, "'three' is not a number")
    }

    // MARK: - Manifests

    func testAManifestDecidesTheFilesAndNamesItsLines() throws {
        try folder.write("labels.csv", "path,label\na.txt,small\nb/2.txt,big\n")
        let manifest = try ImageManifest.read(path: folder.path("labels.csv"))
        XCTAssertEqual(manifest.labels, ["a.txt": "small", "b/2.txt": "big"])
        let source = try FolderSource.scan(folder: folder.path("data"), extensions: ["txt"], what: "text files",
                                           listed: { manifest.labels[$0] != nil })
        XCTAssertEqual(source.files.map(\.relativePath), ["a.txt", "b/2.txt"])
        XCTAssertEqual(source.unlisted, ["b/1.txt"])
        try folder.write("missing.csv", "path,label\na.txt,small\nc.txt,big\n")
        let missing = try ImageManifest.read(path: folder.path("missing.csv"))
        XCTAssertThrowsError(try missing.checkListed(found: ["a.txt"], folder: "data")) { error in
            XCTAssertEqual("\(error)", "\(folder.path("missing.csv")):3: c.txt is not an image file under data. Fix the path (relative to the folder) or remove the line.")
        }
        try folder.write("twice.csv", "path,label\na.txt,small\n./a.txt,big\n")
        XCTAssertThrowsError(try ImageManifest.read(path: folder.path("twice.csv"))) { error in
            XCTAssertTrue("\(error)".hasSuffix(":3: a.txt is listed again (first on line 2). List each image once."), "\(error)")
        }
        try folder.write("header.csv", "file,class\na.txt,small\n")
        XCTAssertThrowsError(try ImageManifest.read(path: folder.path("header.csv"))) { error in
            XCTAssertTrue("\(error)".hasSuffix(":1: the manifest's header is file,class; it needs the columns path and label."), "\(error)")
        }
    }
}
