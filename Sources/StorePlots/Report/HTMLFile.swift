import Foundation
import StoreCore

/// Writes a page whole or not at all.
public enum HTMLFile {
    /// Writes `page` to `path` atomically (a temporary file renamed over
    /// it); a `StoreError` naming the path when the folder is missing or
    /// the file cannot be written.
    public static func write(_ page: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError("cannot write \(path): the folder \(folder) does not exist. Create it first, or give another --html path.")
        }
        do {
            try Data(page.utf8).write(to: url, options: .atomic)
        } catch {
            throw StoreError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
