import Foundation
import Synchronization
import StoreAudio
import StoreTestSupport
import XCTest

/// One analyzer shared by several threads gives exactly the serial results.
final class ConcurrencyTests: XCTestCase {
    func testConcurrentAnalyzeMatchesSerial() throws {
        var settings = AudioSettings()
        settings.features = AudioFeatureKind.allCases
        settings.trimDB = 20
        let analyzer = try AudioAnalyzer(settings: settings)
        let folder = try TestFolder()
        let paths = (0..<8).map { folder.path("clip\($0).wav") }
        for (index, path) in paths.enumerated() {
            let y = TestSignals.zeros(1000 * index) + TestSignals.chirp(count: 8000 + 500 * index)
                + TestSignals.lcgNoise(count: 2000, seed: UInt64(index + 1), amplitude: 0.01)
            try TestSignals.write(y, to: path, rate: index % 3 == 0 ? 16000 : 22050, format: TestSignals.wavFloat)
        }
        let serial = try paths.map { try analyzer.analyze(path: $0) }
        let results = Mutex<[Int: AudioRecording]>([:])
        DispatchQueue.concurrentPerform(iterations: 4 * paths.count) { iteration in
            let index = iteration % paths.count
            if let recording = try? analyzer.analyze(path: paths[index]) {
                results.withLock { $0[iteration] = recording }
            }
        }
        let concurrent = results.withLock { $0 }
        XCTAssertEqual(concurrent.count, 4 * paths.count)
        for (iteration, recording) in concurrent {
            let expected = serial[iteration % paths.count]
            XCTAssertEqual(recording.samples, expected.samples)
            XCTAssertEqual(recording.features, expected.features)
        }
    }

    func testAnalyzersCanBeBuiltConcurrently() throws {
        let built = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            var settings = AudioSettings()
            settings.nFFT = 512 << (index % 3)
            if (try? AudioAnalyzer(settings: settings)) != nil { built.withLock { $0 += 1 } }
        }
        XCTAssertEqual(built.withLock { $0 }, 8)
    }
}
