import CSndFile
import Foundation

/// Interleaved Float32 samples as decoded from a file or handed over by a caller.
struct InterleavedAudio {
    var samples: [Float]
    var sampleRate: Int
    var channels: Int

    var frameCount: Int { samples.count / channels }
}

/// Reads the frames `librosa.load(path, offset=…, duration=…)` reads, through libsndfile.
///
/// (1) The first frame is `int(offset · rate)` (truncated, as soundfile's seek in librosa).
/// (2) At most `int(duration · rate)` frames are read; fewer when the file ends first.
/// (3) Samples are libsndfile's floats (integer PCM scaled by 1/32768 for 16 bit, …).
/// (4) An empty file, a file libsndfile cannot decode, a file with no frames, an
///     offset at or past the end and a data chunk shorter than its header says are errors.
enum SoundFileReader {
    static func read(path: String, offset: Double, duration: Double?) throws(AudioError) -> InterleavedAudio {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            throw AudioError("the file is empty (0 bytes); expected a WAV, FLAC or Ogg file")
        }
        var info = SF_INFO()
        guard let file = sf_open(path, Int32(SFM_READ), &info) else {
            let reason = String(cString: sf_error_number(sf_error(nil)))
            throw AudioError("cannot be decoded by libsndfile (\(reason)); expected a readable WAV, FLAC or Ogg file")
        }
        defer { sf_close(file) }
        let rate = Int(info.samplerate)
        let channels = Int(info.channels)
        let total = Int(info.frames)
        guard rate > 0, channels > 0 else {
            throw AudioError("libsndfile reports \(rate) Hz and \(channels) channels; the header is damaged")
        }
        if let promised = promisedDataBytes(file), promised.claimed > promised.present {
            throw AudioError("the file is truncated: its header promises \(promised.claimed) bytes of audio but only \(promised.present) are present; re-export or re-copy it")
        }
        if total == 0 {
            throw AudioError("the file contains no audio frames")
        }
        let start = offset == 0 ? 0 : Int(offset * Double(rate))
        if start >= total {
            throw AudioError("offset \(offset) s is at or past the end of the audio (\(Double(total) / Double(rate)) s); nothing is left to analyse")
        }
        if start > 0, sf_seek(file, sf_count_t(start), SEEK_SET) < 0 {
            throw AudioError("cannot seek to \(offset) s (\(String(cString: sf_strerror(file))))")
        }
        let wanted = min(total - start, duration.map { Int($0 * Double(rate)) } ?? Int.max)
        if wanted <= 0 {
            throw AudioError("duration \(duration ?? 0) s is shorter than one sample at \(rate) Hz; nothing is left to analyse")
        }
        var samples = [Float](repeating: 0, count: wanted * channels)
        let read = samples.withUnsafeMutableBufferPointer { buffer in
            Int(sf_readf_float(file, buffer.baseAddress, sf_count_t(wanted)))
        }
        if read < wanted {
            let reason = String(cString: sf_strerror(file))
            throw AudioError("the file is truncated or damaged: libsndfile read \(read) of \(wanted) frames (\(reason)); re-export or re-copy it")
        }
        return InterleavedAudio(samples: samples, sampleRate: rate, channels: channels)
    }

    /// The data length a WAV/AIFF header claims and the length present, from
    /// libsndfile's own parse log ("data : 42578 (should be 19956)"), when they
    /// differ. Streaming placeholders (0 and 0xFFFFFFFF-like sizes) are not claims.
    private static func promisedDataBytes(_ file: OpaquePointer) -> (claimed: Int, present: Int)? {
        var log = [CChar](repeating: 0, count: 8192)
        let length = Int(sf_command(file, Int32(SFC_GET_LOG_INFO), &log, Int32(log.count)))
        guard length > 0 else { return nil }
        let text = String(decoding: log.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("data") || line.hasPrefix("SSND") {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard line.contains("should be"), numbers.count >= 2 else { continue }
            let claimed = numbers[numbers.count - 2]
            let present = numbers[numbers.count - 1]
            if claimed == 0 || claimed >= 0x7FFF_0000 { return nil }
            return (claimed, present)
        }
        return nil
    }
}
