import Foundation
import GRDB
import StoreCore
import StoreImages

/// Writes the images a query returns as PNG files: `store export-images`, to
/// look at the pictures behind rows (misclassified ones, duplicates, a class).
///
/// (1) The image is the column named `image`, else the first column whose
///     value is a tensor BLOB; a row whose image is NULL is skipped and counted.
/// (2) A file is named after the row's other values — numbers and text,
///     joined by "_", with anything but letters, digits, "-" and "." made "_"
///     — like `17_cat_dog.png` for `SELECT row_id, label, predicted, image`;
///     with no such values, after the row's number in the result. A name
///     already written in this export gets "-2", "-3", ….
/// (3) The folder is created when missing; files of the same names in it are
///     replaced.
/// (4) A value that is not an image tensor (see `image_png`) is an error
///     naming the row and the column.
public enum ImageExport {
    /// Runs `sql` and writes its images into `folder`; returns (written, skipped).
    public static func run(sql: String, in store: StoreFile, to folder: String) throws -> (written: Int, skipped: Int) {
        let root = URL(fileURLWithPath: folder)
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create the folder \(folder): \(error.localizedDescription)")
        }
        return try store.queue.read { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            var used: Set<String> = []
            var written = 0
            var skipped = 0
            var number = 0
            while let row = try rows.next() {
                number += 1
                let columns = Array(row.columnNames)
                guard let imageColumn = columns.firstIndex(where: { $0.lowercased() == "image" })
                    ?? columns.indices.first(where: { isTensor(row[$0] as DatabaseValue) }) else {
                    throw StoreError("row \(number) of the query has no image: name the image column 'image', or select a tensor BLOB column.")
                }
                guard case .blob(let data) = (row[imageColumn] as DatabaseValue).storage else {
                    skipped += 1
                    continue
                }
                let png: [UInt8]
                do {
                    png = try encode(data)
                } catch {
                    throw StoreError("row \(number), column \(columns[imageColumn]): \(error)")
                }
                var parts: [String] = []
                for index in columns.indices where index != imageColumn {
                    switch (row[index] as DatabaseValue).storage {
                    case .int64(let value): parts.append(String(value))
                    case .double(let value): parts.append(String(value))
                    case .string(let value): parts.append(value)
                    case .null, .blob: break
                    }
                }
                let stem = parts.isEmpty ? String(format: "%06d", number) : sanitized(parts.joined(separator: "_"))
                var name = stem
                var copy = 1
                while used.contains(name) {
                    copy += 1
                    name = "\(stem)-\(copy)"
                }
                used.insert(name)
                let path = root.appendingPathComponent(name + ".png")
                do {
                    try Data(png).write(to: path)
                } catch {
                    throw StoreError("cannot write \(path.path): \(error.localizedDescription)")
                }
                written += 1
            }
            return (written, skipped)
        }
    }

    static func isTensor(_ value: DatabaseValue) -> Bool {
        guard case .blob(let data) = value.storage else { return false }
        return data.prefix(4).elementsEqual("TNSR".utf8)
    }

    /// The PNG bytes of an image tensor BLOB.
    static func encode(_ data: Data) throws -> [UInt8] {
        try data.withUnsafeBytes { bytes in
            let tensor = try TensorView(bytes)
            guard tensor.dtype == .uint8 else {
                throw StoreError("the tensor is \(tensor.dtype.name); an image must be uint8")
            }
            let shape = tensor.shape
            guard shape.count == 2 || (shape.count == 3 && (1...4).contains(shape[2])), shape[0] > 0, shape[1] > 0 else {
                throw StoreError("the tensor has shape \(tensor.shapeJSON); an image is height × width × channels (1 to 4)")
            }
            return try PNGEncoder.encode(width: shape[1], height: shape[0], channels: shape.count == 3 ? shape[2] : 1, pixels: Array(tensor.data))
        }
    }

    static func sanitized(_ text: String) -> String {
        let cleaned = String(text.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "." ? Character(scalar) : "_"
        })
        return String(cleaned.prefix(100))
    }
}
