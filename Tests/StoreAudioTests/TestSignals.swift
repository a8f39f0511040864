import CSndFile
import Foundation
import StoreAudio
import XCTest

/// Signals defined by formula, so that numpy reproduces them bit for bit
/// (computed in double, rounded to Float32), and a libsndfile writer for fixtures.
enum TestSignals {
    static let rate = 22050

    /// `a·sin(2π·f·n/rate)` for n = 0 ..< count.
    static func tone(_ frequency: Double, count: Int, amplitude: Double = 0.5, rate: Int = rate) -> [Float] {
        (0..<count).map { n in Float(amplitude * sin(2 * Double.pi * frequency * (Double(n) / Double(rate)))) }
    }

    /// `0.5·sin(2π·440·t) + 0.3·sin(2π·1000·t)`, t = n/22050.
    static func toneMix(count: Int = 22050) -> [Float] {
        (0..<count).map { n in
            let t = Double(n) / Double(rate)
            return Float(0.5 * sin(2 * Double.pi * 440 * t) + 0.3 * sin(2 * Double.pi * 1000 * t))
        }
    }

    /// `0.5·sin(2π·(100t + 2000t²))`: a chirp from 100 Hz rising 4000 Hz per second.
    static func chirp(count: Int = 22050) -> [Float] {
        (0..<count).map { n in
            let t = Double(n) / Double(rate)
            return Float(0.5 * sin(2 * Double.pi * (100 * t + 2000 * t * t)))
        }
    }

    /// Uniform noise in [−amplitude, amplitude) from the ANSI C LCG
    /// s ← (1103515245·s + 12345) mod 2³¹, value = amplitude·(2s/2³¹ − 1).
    static func lcgNoise(count: Int, seed: UInt64 = 12345, amplitude: Double = 0.3) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = (state &* 1_103_515_245 &+ 12345) % (1 << 31)
            return Float(amplitude * (Double(state) / Double(1 << 31) * 2 - 1))
        }
    }

    static func zeros(_ count: Int) -> [Float] {
        [Float](repeating: 0, count: count)
    }

    /// Writes interleaved `samples` with libsndfile in `format` (e.g. `SF_FORMAT_WAV | SF_FORMAT_PCM_16`).
    static func write(_ samples: [Float], to path: String, rate: Int = rate, channels: Int = 1, format: Int32) throws {
        var info = SF_INFO()
        info.samplerate = Int32(rate)
        info.channels = Int32(channels)
        info.format = format
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw AudioError("test fixture: cannot write \(path): \(String(cString: sf_strerror(nil)))")
        }
        defer { sf_close(file) }
        let frames = samples.count / channels
        let written = samples.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress, sf_count_t(frames)) }
        XCTAssertEqual(Int(written), frames)
    }

    static let wav16 = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    static let wavFloat = Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
    static let flac16 = Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
}

/// Settings for whole-signal reference checks: every feature, no trimming, no duration limit.
func referenceSettings(_ features: [AudioFeatureKind] = AudioFeatureKind.allCases) -> AudioSettings {
    var settings = AudioSettings()
    settings.features = features
    settings.trimDB = nil
    settings.duration = nil
    return settings
}

/// Asserts every value of `actual` is within `accuracy` of `expected`, naming the first that is not.
func assertClose(_ actual: [Float], _ expected: [Double], accuracy: Double, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(message): count", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() where abs(Double(a) - e) > accuracy {
        XCTFail("\(message)[\(index)]: \(a) is not within \(accuracy) of librosa's \(e)", file: file, line: line)
        return
    }
}

extension AudioFeatureMatrix {
    func column(_ frame: Int) -> [Float] { (0..<rows).map { self[$0, frame] } }
    func column(_ frame: Int, rows selected: [Int]) -> [Float] { selected.map { self[$0, frame] } }
}
