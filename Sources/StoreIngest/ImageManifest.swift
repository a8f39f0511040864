import Foundation
import StoreCore

/// The labels of a folder of images from a CSV manifest with the header
/// `path,label` (more columns are allowed and ignored): each path, relative
/// to the ingested folder, with "/" between parts, and its label.
///
/// (1) A path listed twice, an empty path, or a record without both fields is
///     an error naming the manifest's line.
/// (2) The manifest decides which images are read: images in the folder it
///     does not list are skipped and listed, and a listed path with no image
///     file is an error naming its line.
public struct ImageManifest: Sendable, Equatable {
    /// Absolute path of the manifest.
    public let path: String
    /// Label by relative path.
    public let labels: [String: String]
    /// The manifest line of each path, for errors.
    public let lines: [String: Int]

    public static func read(path: String) throws -> ImageManifest {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let reader = try CSVRecordReader(path: absolute, delimiter: UInt8(ascii: ","), encoding: .utf8, hashing: false)
        func text(_ index: Int) -> String {
            String(decoding: reader.field(index), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        guard try reader.next() else {
            throw StoreError("\(absolute) is empty; a manifest is a CSV file with the header path,label.")
        }
        let header = (0..<reader.fieldCount).map { text($0).lowercased() }
        guard let pathColumn = header.firstIndex(of: "path"), let labelColumn = header.firstIndex(of: "label") else {
            throw StoreError("\(absolute):1: the manifest's header is \(header.joined(separator: ",")); it needs the columns path and label.")
        }
        var labels: [String: String] = [:]
        var lines: [String: Int] = [:]
        while try reader.next() {
            guard reader.fieldCount > max(pathColumn, labelColumn) else {
                throw StoreError("\(absolute):\(reader.line): this record has \(reader.fieldCount) fields; it needs a path and a label.")
            }
            let relative = text(pathColumn).split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            guard !relative.isEmpty else {
                throw StoreError("\(absolute):\(reader.line): the path is empty.")
            }
            if let first = lines[relative] {
                throw StoreError("\(absolute):\(reader.line): \(relative) is listed again (first on line \(first)). List each image once.")
            }
            labels[relative] = text(labelColumn)
            lines[relative] = reader.line
        }
        return ImageManifest(path: absolute, labels: labels, lines: lines)
    }

    /// Fails, naming the manifest line, when a listed path is not among `found`.
    func checkListed(found: Set<String>, folder: String) throws {
        if let missing = lines.filter({ !found.contains($0.key) }).min(by: { $0.value < $1.value }) {
            throw StoreError("\(path):\(missing.value): \(missing.key) is not an image file under \(folder). Fix the path (relative to the folder) or remove the line.")
        }
    }
}
