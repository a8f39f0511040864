import Foundation
import StoreCore

/// A fresh temporary folder per test, removed afterwards.
final class TestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("store-core-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func openStore() throws -> StoreFile {
        try StoreFile.open(at: path("store.db"))
    }
}

/// The repository's top folder, found from this file's path.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Collects what a `ResultWriter` writes.
struct TextCollector: TextOutputStream {
    var text = ""
    mutating func write(_ string: String) { text += string }
}
