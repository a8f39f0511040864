import CSndFile
import StoreAudio
import StoreTestSupport
import XCTest

/// `librosa.load(path, sr=22050, mono=True, offset, duration)` semantics on
/// files written with libsndfile, and the errors for files that cannot be read.
final class LoadingTests: XCTestCase {
    private func analyzer(_ change: (inout AudioSettings) -> Void = { _ in }) throws -> AudioAnalyzer {
        var settings = AudioSettings()
        settings.trimDB = nil
        settings.duration = nil
        change(&settings)
        return try AudioAnalyzer(settings: settings)
    }

    // MARK: - Formats

    func testSixteenBitWAVReadsAsLibsndfileScales() throws {
        let folder = try TestFolder()
        let y = TestSignals.toneMix(count: 4410)
        let path = folder.path("mix.wav")
        try TestSignals.write(y, to: path, format: TestSignals.wav16)
        let r = try analyzer().analyze(path: path)
        XCTAssertEqual(r.originalSampleRate, 22050)
        XCTAssertEqual(r.channels, 1)
        XCTAssertEqual(r.samples.count, 4410)
        // libsndfile writes floats × 32767 and reads 16-bit ÷ 32768: rounding plus
        // that scale difference stay below two steps of 1/32768.
        for (a, b) in zip(r.samples, y) { XCTAssertEqual(a, b, accuracy: 2.0 / 32768) }
    }

    func testFloatWAVAndFLACGiveTheSameFeaturesAsTheSamples() throws {
        let folder = try TestFolder()
        let y = TestSignals.chirp(count: 8000)
        let floatPath = folder.path("chirp.wav")
        try TestSignals.write(y, to: floatPath, format: TestSignals.wavFloat)
        let analyzer = try analyzer()
        let direct = try analyzer.analyze(samples: y, sampleRate: 22050, channels: 1)
        let fromFloat = try analyzer.analyze(path: floatPath)
        XCTAssertEqual(fromFloat.samples, y)
        XCTAssertEqual(fromFloat.features, direct.features)
        let flacPath = folder.path("chirp.flac")
        try TestSignals.write(y, to: flacPath, format: TestSignals.flac16)
        let fromFLAC = try analyzer.analyze(path: flacPath)
        XCTAssertEqual(fromFLAC.samples.count, 8000)
        for (a, b) in zip(fromFLAC.samples, y) { XCTAssertEqual(a, b, accuracy: 2.0 / 32768) }
    }

    func testStereoIsTheMeanOfItsChannels() throws {
        let folder = try TestFolder()
        let left = TestSignals.tone(440, count: 2000)
        let right = TestSignals.tone(1000, count: 2000, amplitude: 0.25)
        let interleaved = zip(left, right).flatMap { [$0, $1] }
        let path = folder.path("stereo.wav")
        try TestSignals.write(interleaved, to: path, channels: 2, format: TestSignals.wavFloat)
        let r = try analyzer().analyze(path: path)
        XCTAssertEqual(r.channels, 2)
        XCTAssertEqual(r.samples, zip(left, right).map { ($0 + $1) / 2 })
    }

    // MARK: - Offset and duration

    func testOffsetAndDurationTruncateToWholeFrames() throws {
        // librosa.load: first frame int(offset·sr) = int(0.1·22050) = 2205, int(0.05·22050) = 1102 frames.
        let y = TestSignals.lcgNoise(count: 22050)
        let r = try analyzer { $0.offset = 0.1; $0.duration = 0.05 }.analyze(samples: y, sampleRate: 22050, channels: 1)
        XCTAssertEqual(r.samples, Array(y[2205..<(2205 + 1102)]))
        XCTAssertEqual(r.secondsBeforeTrim, 1102.0 / 22050)
    }

    func testDurationPastTheEndKeepsWhatThereIs() throws {
        let y = TestSignals.lcgNoise(count: 1000)
        let r = try analyzer { $0.duration = 10 }.analyze(samples: y, sampleRate: 22050, channels: 1)
        XCTAssertEqual(r.samples.count, 1000)
    }

    func testOffsetInAFileSeeksLikeSamples() throws {
        let folder = try TestFolder()
        let y = TestSignals.lcgNoise(count: 22050)
        let path = folder.path("noise.wav")
        try TestSignals.write(y, to: path, format: TestSignals.wavFloat)
        let analyzer = try analyzer { $0.offset = 0.25; $0.duration = 0.5 }
        let fromFile = try analyzer.analyze(path: path)
        XCTAssertEqual(fromFile.samples, Array(y[5512..<(5512 + 11025)]))
        XCTAssertEqual(fromFile.features, try analyzer.analyze(samples: y, sampleRate: 22050, channels: 1).features)
    }

    // MARK: - Resampling

    func testResampledLengthIsLibrosas() throws {
        // int(np.ceil(n * target / orig)), as librosa.resample(fix=True) makes it.
        for (count, rate, expected) in [(12345, 44100, 6173), (48000, 16000, 66150), (22050, 44100, 11025), (1, 8000, 3)] {
            let r = try analyzer().analyze(samples: TestSignals.lcgNoise(count: count), sampleRate: rate, channels: 1)
            XCTAssertEqual(r.samples.count, expected, "\(count) samples at \(rate) Hz")
            XCTAssertEqual(r.originalSampleRate, rate)
        }
    }

    func testResamplingKeepsAToneAtItsFrequency() throws {
        for rate in [16000, 44100] {
            for quality in ResampleQuality.allCases {
                let y = TestSignals.tone(1000, count: rate, rate: rate)
                let r = try analyzer { $0.resampleQuality = quality }.analyze(samples: y, sampleRate: rate, channels: 1)
                XCTAssertEqual(r.samples.count, 22050)
                XCTAssertEqual(peakFrequency(r.samples, rate: 22050), 1000, accuracy: 22050.0 / 4096, "\(rate) Hz, \(quality)")
            }
        }
    }

    /// `--resample soxr` is librosa's own resampler: librosa.resample(y,
    /// orig_sr=16000, target_sr=22050) (res_type "soxr_hq", python-soxr 1.1.0)
    /// of 0.5·sin(2π·440·n/16000) as float32, at these positions.
    func testSoxrResamplingIsLibrosas() throws {
        let y = TestSignals.tone(440, count: 16000, rate: 16000)
        let r = try analyzer { $0.resampleQuality = .soxr }.analyze(samples: y, sampleRate: 16000, channels: 1)
        XCTAssertEqual(r.samples.count, 22050)
        let librosa: [(Int, Float)] = [
            (0, 0.0014244276098906994), (1, 0.05733366683125496), (2, 0.1277618110179901), (100, -0.014243829064071178),
            (5000, -0.4946777820587158), (11025, 9.073119144886732e-09), (22040, -0.4749146103858948), (22049, -0.057027414441108704),
        ]
        for (index, expected) in librosa {
            XCTAssertEqual(r.samples[index], expected, accuracy: 2e-6, "sample \(index)")
        }
    }

    func testResampledFileMatchesResampledSamples() throws {
        let folder = try TestFolder()
        let y = TestSignals.tone(440, count: 16000, rate: 16000)
        let path = folder.path("tone16k.wav")
        try TestSignals.write(y, to: path, rate: 16000, format: TestSignals.wavFloat)
        let analyzer = try analyzer()
        let r = try analyzer.analyze(path: path)
        XCTAssertEqual(r.originalSampleRate, 16000)
        XCTAssertEqual(r.samples, try analyzer.analyze(samples: y, sampleRate: 16000, channels: 1).samples)
    }

    /// The frequency of the largest DFT bin of the middle 4096 samples between
    /// 800 and 1200 Hz (bins 149 ..< 223), by direct summation; a peak at either
    /// end of that range means the tone moved.
    private func peakFrequency(_ y: [Float], rate: Int) -> Double {
        let n = 4096
        let start = (y.count - n) / 2
        var best = (bin: 0, power: 0.0)
        for bin in 149..<223 {
            var re = 0.0
            var im = 0.0
            for k in 0..<n {
                let angle = 2 * Double.pi * Double(bin * k % n) / Double(n)
                re += Double(y[start + k]) * cos(angle)
                im -= Double(y[start + k]) * sin(angle)
            }
            if re * re + im * im > best.power { best = (bin, re * re + im * im) }
        }
        return Double(best.bin) * Double(rate) / Double(n)
    }

    // MARK: - Bad files

    func testEmptyFile() throws {
        let folder = try TestFolder()
        let path = try folder.write("empty.wav", bytes: [])
        XCTAssertThrowsError(try analyzer().analyze(path: path)) { error in
            XCTAssertEqual((error as? AudioError)?.description, "the file is empty (0 bytes); expected a WAV, FLAC or Ogg file")
        }
    }

    func testTextFileNamedWAV() throws {
        let folder = try TestFolder()
        let path = try folder.write("notes.wav", "these are not samples\n")
        XCTAssertThrowsError(try analyzer().analyze(path: path)) { error in
            let message = (error as? AudioError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("cannot be decoded by libsndfile ("), message)
            XCTAssertFalse(message.contains(path), "the caller adds the path")
        }
    }

    func testMissingFile() throws {
        let folder = try TestFolder()
        XCTAssertThrowsError(try analyzer().analyze(path: folder.path("absent.wav"))) { error in
            XCTAssertTrue((error as? AudioError)?.description.hasPrefix("cannot be decoded by libsndfile") ?? false, "\(error)")
        }
    }

    func testTruncatedWAVIsAnErrorNotAShortRecording() throws {
        let folder = try TestFolder()
        let path = folder.path("cut.wav")
        try TestSignals.write(TestSignals.toneMix(count: 10000), to: path, format: TestSignals.wav16)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        try folder.write("cut.wav", bytes: Array(bytes.prefix(bytes.count / 2)))
        XCTAssertThrowsError(try analyzer().analyze(path: path)) { error in
            let message = (error as? AudioError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("the file is truncated: its header promises 20000 bytes of audio"), message)
        }
    }

    func testHeaderOnlyWAVHasNoFrames() throws {
        let folder = try TestFolder()
        let path = folder.path("nothing.wav")
        try TestSignals.write([], to: path, format: TestSignals.wav16)
        XCTAssertThrowsError(try analyzer().analyze(path: path)) { error in
            XCTAssertEqual((error as? AudioError)?.description, "the file contains no audio frames")
        }
    }

    func testOffsetBeyondTheEnd() throws {
        let folder = try TestFolder()
        let path = folder.path("short.wav")
        try TestSignals.write(TestSignals.toneMix(count: 11025), to: path, format: TestSignals.wav16)
        let analyzer = try analyzer { $0.offset = 2 }
        XCTAssertThrowsError(try analyzer.analyze(path: path)) { error in
            XCTAssertEqual((error as? AudioError)?.description, "offset 2.0 s is at or past the end of the audio (0.5 s); nothing is left to analyse")
        }
        XCTAssertThrowsError(try analyzer.analyze(samples: TestSignals.toneMix(count: 11025), sampleRate: 22050, channels: 1))
    }

    func testBadSamples() throws {
        let analyzer = try analyzer()
        XCTAssertThrowsError(try analyzer.analyze(samples: [], sampleRate: 22050, channels: 1))
        XCTAssertThrowsError(try analyzer.analyze(samples: [0, 0, 0], sampleRate: 22050, channels: 2))
        XCTAssertThrowsError(try analyzer.analyze(samples: [0, .nan], sampleRate: 22050, channels: 1))
        XCTAssertThrowsError(try analyzer.analyze(samples: [0, 0], sampleRate: 0, channels: 1))
    }
}
