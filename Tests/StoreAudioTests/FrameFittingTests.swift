import StoreAudio
import XCTest

/// `settings.frames`: every matrix is cut or zero-padded on the right, like
/// `np.pad(m, ((0, 0), (0, N - m.shape[1])))` / `m[:, :N]`.
final class FrameFittingTests: XCTestCase {
    private func analyze(frames: Int?) throws -> AudioRecording {
        var settings = referenceSettings()
        settings.frames = frames
        // 1 s of tone mix: 44 frames.
        return try AudioAnalyzer(settings: settings).analyze(samples: TestSignals.toneMix(), sampleRate: 22050, channels: 1)
    }

    func testPaddingAddsZeroFramesOnTheRight() throws {
        let whole = try analyze(frames: nil)
        let padded = try analyze(frames: 50)
        for (full, fitted) in zip(whole.features, padded.features) {
            XCTAssertEqual(fitted.frames, 50)
            XCTAssertEqual(fitted.rows, full.rows)
            for row in 0..<full.rows {
                for frame in 0..<44 { XCTAssertEqual(fitted[row, frame], full[row, frame]) }
                for frame in 44..<50 { XCTAssertEqual(fitted[row, frame], 0) }
            }
        }
    }

    func testTruncationKeepsTheFirstFrames() throws {
        let whole = try analyze(frames: nil)
        let cut = try analyze(frames: 10)
        for (full, fitted) in zip(whole.features, cut.features) {
            XCTAssertEqual(fitted.frames, 10)
            XCTAssertEqual(fitted.values.count, full.rows * 10)
            for row in 0..<full.rows {
                for frame in 0..<10 { XCTAssertEqual(fitted[row, frame], full[row, frame]) }
            }
        }
    }

    func testFeaturesComeInTheRequestedOrder() throws {
        var settings = AudioSettings()
        settings.features = [.zcr, .mfcc, .mel]
        let r = try AudioAnalyzer(settings: settings).analyze(samples: TestSignals.chirp(), sampleRate: 22050, channels: 1)
        XCTAssertEqual(r.features.map(\.kind), [.zcr, .mfcc, .mel])
        XCTAssertEqual(r.features.map(\.rows), [1, 40, 128])
    }

    func testFittedMatrixByHand() {
        let m = AudioFeatureMatrix(kind: .mel, rows: 2, frames: 3, values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(m.fitted(toFrames: 4).values, [1, 2, 3, 0, 4, 5, 6, 0])
        XCTAssertEqual(m.fitted(toFrames: 1).values, [1, 4])
        XCTAssertEqual(m.fitted(toFrames: 3), m)
    }
}
