import Foundation
import StoreImages
import XCTest

/// `ImageDecoder.decode` and `ImagePreparation.prepare` run from many threads
/// at once (the ingest does); every thread must get the single-threaded result.
final class ConcurrencyTests: XCTestCase {
    func testDecodeAndPrepareFromManyThreads() throws {
        let pixels = (0..<(40 * 30 * 4)).map { UInt8(($0 * 31) % 256) }
        let files = [
            try PNGEncoder.encode(width: 40, height: 30, channels: 4, pixels: pixels),
            try JPEGFixture.large(),
            try JPEGFixture.grayscale(),
        ]
        var small = ImageSettings()
        small.width = 12
        small.height = 9
        let settings = small
        let expected = try files.map { ImagePreparation.prepare(try ImageDecoder.decode($0), settings: settings) }
        let results = Results(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let file = files[index % files.count]
            let output = try? ImagePreparation.prepare(ImageDecoder.decode(file), settings: settings)
            results.set(index, output)
        }
        for index in 0..<64 {
            XCTAssertEqual(results.get(index), expected[index % files.count], "run \(index)")
        }
    }
}

/// Outputs written by concurrent iterations, one slot each, behind a lock.
private final class Results: @unchecked Sendable {
    private var outputs: [[UInt8]?]
    private let lock = NSLock()

    init(count: Int) {
        outputs = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ output: [UInt8]?) {
        lock.lock()
        outputs[index] = output
        lock.unlock()
    }

    func get(_ index: Int) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return outputs[index]
    }
}
