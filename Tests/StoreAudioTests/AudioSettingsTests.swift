import StoreAudio
import XCTest

final class AudioSettingsTests: XCTestCase {
    // MARK: - Defaults

    func testDefaultsAreTheDocumentedOnes() throws {
        let settings = try AudioSettings().validated()
        XCTAssertEqual(settings.sampleRate, 22050)
        XCTAssertEqual(settings.offset, 0)
        XCTAssertEqual(settings.duration, 3.0)
        XCTAssertEqual(settings.trimDB, 20)
        XCTAssertEqual(settings.features, [.mfcc])
        XCTAssertEqual(settings.mfccCount, 40)
        XCTAssertEqual(settings.nFFT, 2048)
        XCTAssertEqual(settings.hop, 512)
        XCTAssertEqual(settings.nMels, 128)
        XCTAssertEqual(settings.window, .hann)
        XCTAssertNil(settings.frames)
        XCTAssertEqual(settings.resampleQuality, .soxr)
    }

    func testRoundTripsThroughJSON() throws {
        var settings = AudioSettings()
        settings.features = [.chroma, .zcr]
        settings.frames = 100
        settings.duration = nil
        let data = try JSONEncoder().encode(settings)
        XCTAssertEqual(try JSONDecoder().decode(AudioSettings.self, from: data), settings)
    }

    // MARK: - Nonsense is refused with a sentence

    private func message(_ change: (inout AudioSettings) -> Void) -> String? {
        var settings = AudioSettings()
        change(&settings)
        do {
            _ = try settings.validated()
            return nil
        } catch {
            return error.description
        }
    }

    func testEveryNonsenseSettingIsRefused() {
        XCTAssertEqual(message { $0.nFFT = 1 }, "FFT length must be at least 2 samples, got 1")
        XCTAssertEqual(message { $0.hop = 0 }, "hop length must be at least 1 sample, got 0")
        XCTAssertEqual(message { $0.mfccCount = 129 }, "the number of MFCCs must be between 1 and the number of mel bands (128), got 129")
        XCTAssertEqual(message { $0.mfccCount = 0 }, "the number of MFCCs must be between 1 and the number of mel bands (128), got 0")
        XCTAssertEqual(message { $0.sampleRate = 0 }, "sample rate must be a positive number of Hz, got 0")
        XCTAssertEqual(message { $0.offset = -1 }, "offset must be zero or a positive number of seconds, got -1.0")
        XCTAssertEqual(message { $0.duration = 0 }, "duration must be a positive number of seconds (or unset to keep everything), got 0.0")
        XCTAssertEqual(message { $0.frames = 0 }, "frames must be at least 1 (or unset to keep every frame), got 0")
        XCTAssertEqual(message { $0.trimDB = 0 }, "trim threshold must be a positive number of dB (or unset for no trimming), got 0.0")
        XCTAssertEqual(message { $0.features = [] }, "no features requested; choose one or more of mfcc, mel, chroma, contrast, zcr")
        XCTAssertEqual(message { $0.nMels = 0 }, "the number of mel bands must be at least 1, got 0")
        XCTAssertEqual(
            message { $0.sampleRate = 8000; $0.features = [.contrast] },
            "spectral contrast needs a sample rate above 12800 Hz (its top band starts at 6400 Hz), got 8000")
        XCTAssertNil(message { $0.sampleRate = 8000; $0.features = [.mfcc, .zcr]; $0.nMels = 40 })
    }

    func testAnalyzerRefusesNonsenseAndTooShortFFTForContrast() {
        var settings = AudioSettings()
        settings.hop = 0
        XCTAssertThrowsError(try AudioAnalyzer(settings: settings))
        settings = AudioSettings()
        settings.features = [.contrast]
        settings.nFFT = 32
        XCTAssertThrowsError(try AudioAnalyzer(settings: settings)) { error in
            XCTAssertTrue((error as? AudioError)?.description.hasPrefix("spectral contrast: an FFT length of 32 at 22050 Hz") ?? false, "\(error)")
        }
    }
}
