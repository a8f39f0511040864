import StoreAudio
import XCTest

/// Trimmed lengths against `librosa.effects.trim(y, top_db=…)` (frame_length 2048,
/// hop 512) on tones with silence around them; the [start, end] intervals were
/// printed by librosa 0.11.0 and are pasted here.
final class TrimmingTests: XCTestCase {
    private func trimmed(_ y: [Float], topDB: Double) throws -> AudioRecording {
        var settings = AudioSettings()
        settings.duration = nil
        settings.trimDB = topDB
        return try AudioAnalyzer(settings: settings).analyze(samples: y, sampleRate: 22050, channels: 1)
    }

    func testSilenceAroundAToneIsCut() throws {
        // librosa: 0.5 s zeros, 1 s 440 Hz at 0.5, 0.7 s zeros → [10240, 34304] at top_db 20 and 40.
        let y = TestSignals.zeros(11025) + TestSignals.tone(440, count: 22050) + TestSignals.zeros(15435)
        for topDB in [20.0, 40.0] {
            let r = try trimmed(y, topDB: topDB)
            XCTAssertEqual(r.samples.count, 34304 - 10240)
            XCTAssertEqual(r.samples, Array(y[10240..<34304]))
            XCTAssertEqual(r.secondsBeforeTrim, 48510.0 / 22050)
            XCTAssertEqual(r.secondsAfterTrim, 24064.0 / 22050)
        }
    }

    func testQuietToneIsCutAt20dBAndKeptAt40dB() throws {
        // 0.5 s at amplitude 0.03 (−24 dB), 1 s at 0.5, 0.3 s at 0.03.
        // librosa: [10240, 34304] at top_db 20; [0, 39690] at top_db 40.
        let y = TestSignals.tone(440, count: 11025, amplitude: 0.03) + TestSignals.tone(440, count: 22050)
            + TestSignals.tone(440, count: 6615, amplitude: 0.03)
        XCTAssertEqual(try trimmed(y, topDB: 20).samples, Array(y[10240..<34304]))
        XCTAssertEqual(try trimmed(y, topDB: 40).samples.count, 39690)
    }

    func testAllZerosAreKeptWhole() throws {
        // librosa: every frame equals the (zero) reference, so [0, 22050].
        let r = try trimmed(TestSignals.zeros(22050), topDB: 20)
        XCTAssertEqual(r.samples.count, 22050)
        XCTAssertEqual(r.feature(.mfcc)?.frames, 44)
    }

    func testShortSignalIsKept() throws {
        // librosa: 100 samples of tone → [0, 100].
        XCTAssertEqual(try trimmed(TestSignals.tone(440, count: 100), topDB: 20).samples.count, 100)
    }

    func testNoTrimmingKeepsEverything() throws {
        var settings = AudioSettings()
        settings.trimDB = nil
        let y = TestSignals.zeros(5000) + TestSignals.tone(440, count: 5000)
        let r = try AudioAnalyzer(settings: settings).analyze(samples: y, sampleRate: 22050, channels: 1)
        XCTAssertEqual(r.samples, y)
        XCTAssertEqual(r.secondsAfterTrim, r.secondsBeforeTrim)
    }
}
