import CSndFile
import Foundation

/// Sound files for tests, written with libsndfile from samples made in code.
public enum TestAudio {
    /// The samples of a sine of `frequency` Hz at `amplitude`, `seconds` long at `rate`.
    public static func tone(frequency: Double, seconds: Double, rate: Int, amplitude: Double = 0.5) -> [Float] {
        (0..<Int((seconds * Double(rate)).rounded())).map { index in
            Float(amplitude * sin(2 * Double.pi * frequency * Double(index) / Double(rate)))
        }
    }

    /// Writes interleaved `samples` (in [-1, 1]) to `path` in `format`
    /// (default 16-bit PCM WAV; e.g. `SF_FORMAT_FLAC | SF_FORMAT_PCM_16`).
    public static func write(
        _ samples: [Float], to path: String, rate: Int, channels: Int = 1,
        format: Int32 = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    ) throws {
        var info = SF_INFO()
        info.samplerate = Int32(rate)
        info.channels = Int32(channels)
        info.format = format
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: sf_strerror(nil))])
        }
        defer { sf_close(file) }
        let frames = samples.count / channels
        let written = samples.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress, sf_count_t(frames)) }
        guard written == frames else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
