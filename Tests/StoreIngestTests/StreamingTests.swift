import Foundation
import StoreCore
import XCTest
@testable import StoreIngest

/// A large generated file is ingested without the process's memory growing
/// with the file: peak RSS (VmHWM, reset through /proc/self/clear_refs) grows
/// by far less than the file's size.
final class StreamingTests: XCTestCase {
    /// A field of /proc/self/status in kilobytes: VmHWM (peak RSS) or VmRSS.
    func statusKilobytes(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func testLargeFileStreamsInBoundedMemory() throws {
        let folder = try TestFolder()
        let path = folder.path("large.csv")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            return XCTFail("cannot create \(path)")
        }
        handle.write(Data("id,name,amount,flag,note\n".utf8))
        var chunk = ""
        for index in 1...400_000 {
            chunk += "\(index),name \(index % 977),\(Double(index) * 0.25),\(index % 3 == 0 ? "TRUE" : "FALSE"),\"note, with comma \(index)\"\n"
            if index % 20_000 == 0 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.close()
        let fileBytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertGreaterThan(fileBytes, 20_000_000)

        let store = try folder.openStore()
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = try statusKilobytes("VmHWM")
        XCTAssertLessThan(before, try statusKilobytes("VmRSS") + 1024, "the peak was reset to the current RSS")
        let outcome = try CSVIngest.run(source: path, table: "large", options: CSVOptions(), mode: .create, into: store)
        let growth = try statusKilobytes("VmHWM") - before
        XCTAssertEqual(outcome.rowsStored, 400_000)
        XCTAssertLessThan(growth * 1024, fileBytes / 2, "peak RSS grew by \(growth) KB for a \(fileBytes)-byte file")
        let sum = try store.queue.read { db in try Double.fetchOne(db, sql: "SELECT sum(amount) FROM large") }
        XCTAssertEqual(sum, 0.25 * 400_000 * 400_001 / 2)
    }
}
