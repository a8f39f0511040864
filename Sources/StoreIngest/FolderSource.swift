#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StoreCore

/// The files a folder ingest reads: every file under a folder whose extension
/// is one the ingest decodes, walked recursively and sorted by relative path,
/// so the same folder always gives the same rows in the same order.
///
/// (1) Hidden files and folders (names starting with ".") are skipped and
///     listed in `hidden`; files with other extensions are skipped and listed
///     in `unsupported` — counted, never dropped silently.
/// (2) Symbolic links are followed to files, not into folders (no cycles).
/// (3) Each file's SHA-256 is computed (in parallel); the folder's SHA-256 is
///     that of the lines "relative path TAB file SHA-256 LF" in order, so
///     renaming, adding, removing or changing any file changes it, and
///     nothing else does.
/// (4) With `listed`, only the files it accepts are read; the others are
///     skipped and listed in `unlisted` (a manifest decides the images).
/// (5) A folder with no file to read is an error naming the folder and what
///     was skipped.
public struct FolderSource: Sendable {
    /// One file to read.
    public struct File: Sendable {
        /// 1-based position in the sorted walk; the row's `row_id` in a new table.
        public let position: Int
        /// Path relative to the folder, with "/" between parts.
        public let relativePath: String
        public let absolutePath: String
        public let bytes: Int64
        /// 64 lowercase hex digits.
        public let sha256: String
    }

    /// Absolute path of the folder.
    public let folder: String
    public let files: [File]
    /// Relative paths of hidden files skipped (rule 1).
    public let hidden: [String]
    /// Relative paths of files skipped for their extension (rule 1).
    public let unsupported: [String]
    /// Relative paths of files `listed` did not accept (rule 4).
    public let unlisted: [String]
    public let sha256: String
    public var bytes: Int64 { files.reduce(0) { $0 + $1.bytes } }

    /// Walks `folder` for files whose lowercased extension is in `extensions`.
    public static func scan(
        folder: String, extensions: Set<String>, what: String, listed: ((String) -> Bool)? = nil
    ) throws -> FolderSource {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw StoreError("\(root): no such folder. Give the folder that holds the \(what).")
        }
        guard isFolder.boolValue else {
            throw StoreError("\(root) is a file, not a folder. Give the folder that holds the \(what).")
        }
        var found: [(relative: String, absolute: String)] = []
        var hidden: [String] = []
        var unsupported: [String] = []
        try walk(root, relative: "", found: &found, hidden: &hidden, unsupported: &unsupported, extensions: extensions)
        found.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
        var unlisted: [String] = []
        if let listed {
            unlisted = found.map(\.relative).filter { !listed($0) }
            found.removeAll { !listed($0.relative) }
        }
        guard !found.isEmpty else {
            let skipped = hidden.count + unsupported.count + unlisted.count
            throw StoreError("\(root) holds no \(what) (files ending in \(extensions.sorted().map { "." + $0 }.joined(separator: ", "))); \(skipped) other file\(skipped == 1 ? "" : "s") skipped.")
        }
        let digests = try hashes(of: found.map(\.absolute))
        var files: [File] = []
        files.reserveCapacity(found.count)
        let folderHash = SHA256()
        for (index, entry) in found.enumerated() {
            let digest = digests[index]
            files.append(File(position: index + 1, relativePath: entry.relative, absolutePath: entry.absolute,
                              bytes: digest.bytes, sha256: digest.hex))
            Array("\(entry.relative)\t\(digest.hex)\n".utf8).withUnsafeBytes { folderHash.update($0) }
        }
        return FolderSource(folder: root, files: files, hidden: hidden.sorted(), unsupported: unsupported.sorted(),
                            unlisted: unlisted, sha256: folderHash.hexDigest())
    }

    private static func walk(
        _ absolute: String, relative: String, found: inout [(relative: String, absolute: String)],
        hidden: inout [String], unsupported: inout [String], extensions: Set<String>
    ) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: absolute)
        } catch {
            throw StoreError("\(absolute): cannot list the folder (\(error.localizedDescription)). Check its permissions.")
        }
        for name in names {
            let path = absolute + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            if name.hasPrefix(".") {
                hidden.append(relativePath)
                continue
            }
            var status = stat()
            guard lstat(path, &status) == 0 else {
                unsupported.append(relativePath)
                continue
            }
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR {
                try walk(path, relative: relativePath, found: &found, hidden: &hidden, unsupported: &unsupported, extensions: extensions)
                continue
            }
            var isFolder: ObjCBool = false
            if kind == S_IFLNK, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                unsupported.append(relativePath)
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            if extensions.contains(ext) {
                found.append((relativePath, path))
            } else {
                unsupported.append(relativePath)
            }
        }
    }

    /// SHA-256 and size of each file, on every core.
    private static func hashes(of paths: [String]) throws -> [(hex: String, bytes: Int64)] {
        try Parallel.map(paths.count) { index in
            Result { () throws(StoreError) in try hash(paths[index]) }
        }.map { try $0.get() }
    }

    /// The SHA-256 of the file at `path`, as 64 lowercase hex digits.
    public static func sha256(ofFile path: String) throws -> String {
        try hash(path).hex
    }

    private static func hash(_ path: String) throws(StoreError) -> (hex: String, bytes: Int64) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw StoreError("\(path): cannot open the file (\(String(cString: strerror(errno)))). Check that it exists and is readable.")
        }
        defer { close(descriptor) }
        let digest = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count >= 0 else {
                if errno == EINTR { continue }
                throw StoreError("\(path): cannot read the file (\(String(cString: strerror(errno)))).")
            }
            if count == 0 { break }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            total += Int64(count)
        }
        return (digest.hexDigest(), total)
    }
}
