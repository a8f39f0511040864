import StoreAudio
import XCTest

/// Features of formula-defined signals (see `TestSignals`) against librosa 0.11.0,
/// analysed whole (no trimming) at 22050 Hz with n_fft 2048, hop 512, 128 mels,
/// 40 MFCCs. The expected numbers were printed once by
///   librosa.feature.mfcc(y=y, sr=22050, n_mfcc=40)
///   librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=22050), top_db=80)
///   librosa.feature.chroma_stft(y=y, sr=22050)
///   librosa.feature.spectral_contrast(y=y, sr=22050)
///   librosa.feature.zero_crossing_rate(y, frame_length=2048, hop_length=512)
/// and are pasted here with 7 significant digits.
final class FeatureReferenceTests: XCTestCase {
    private func analyze(_ y: [Float]) throws -> AudioRecording {
        try AudioAnalyzer(settings: referenceSettings()).analyze(samples: y, sampleRate: 22050, channels: 1)
    }

    // MARK: - Tone mix (440 Hz + 1 kHz, 1 s; estimate_tuning gives 0.02)

    func testToneMix() throws {
        let r = try analyze(TestSignals.toneMix())
        let mfcc = try XCTUnwrap(r.feature(.mfcc))
        XCTAssertEqual(mfcc.rows, 40)
        XCTAssertEqual(mfcc.frames, 44)
        assertClose(Array(mfcc.column(22).prefix(5)), [-457.5396, 58.32428, 17.84631, -18.50713, -30.20043], accuracy: 1e-3, "mfcc[:5, 22]")
        assertClose(Array(mfcc.column(0).prefix(5)), [-160.8968, 186.6534, -7.349717, -5.988503, -3.367641], accuracy: 1e-3, "mfcc[:5, 0]")
        assertClose([mfcc[39, 43]], [-1.830688], accuracy: 1e-3, "mfcc[39, -1]")
        let mel = try XCTUnwrap(r.feature(.mel))
        assertClose(mel.column(22, rows: [0, 10, 20, 64, 127]), [-45.18518, -45.18518, -37.48527, -45.18518, -45.18518], accuracy: 1e-3, "mel dB")
        let chroma = try XCTUnwrap(r.feature(.chroma))
        assertClose(chroma.column(22), [0.1306054, 0.0008989374, 1.54776e-07, 1.248074e-08, 2.875775e-08, 1.153778e-07, 1.349823e-06, 0.001885554, 0.2236537, 1, 0.2188436, 0.4168657], accuracy: 1e-5, "chroma[:, 22]")
        assertClose(chroma.column(0), [0.20148, 0.01827783, 0.009484462, 0.008081906, 0.008868101, 0.01170761, 0.01912861, 0.05013664, 0.3876484, 1, 0.3859664, 0.513599], accuracy: 1e-5, "chroma[:, 0]")
        let contrast = try XCTUnwrap(r.feature(.contrast))
        XCTAssertEqual(contrast.rows, 7)
        assertClose(contrast.column(22), [4.230033, 20.02716, 56.16764, 59.43714, 15.9518, 15.66717, 16.22999], accuracy: 1e-4, "contrast[:, 22]")
        assertClose(contrast.column(0), [0.6982951, 4.998641, 48.3642, 18.25308, 6.872392, 5.199044, 2.038606], accuracy: 1e-4, "contrast[:, 0]")
        let zcr = try XCTUnwrap(r.feature(.zcr))
        assertClose([zcr[0, 0], zcr[0, 22], zcr[0, 43]], [0.01953125, 0.04003906, 0.02050781], accuracy: 1e-7, "zcr")
    }

    // MARK: - Chirp (100 Hz rising 4 kHz/s, 1 s; estimate_tuning gives -0.36)

    func testChirp() throws {
        let r = try analyze(TestSignals.chirp())
        let mfcc = try XCTUnwrap(r.feature(.mfcc))
        XCTAssertEqual(mfcc.frames, 44)
        assertClose(Array(mfcc.column(22).prefix(5)), [-527.1559, -5.157456, -76.71654, 15.12624, 72.78543], accuracy: 1e-3, "mfcc[:5, 22]")
        assertClose(Array(mfcc.column(0).prefix(5)), [-363.6082, 206.8282, 66.95686, 42.009, 43.37879], accuracy: 1e-3, "mfcc[:5, 0]")
        assertClose([mfcc[39, 43]], [2.918136], accuracy: 1e-3, "mfcc[39, -1]")
        let mel = try XCTUnwrap(r.feature(.mel))
        assertClose(mel.column(22, rows: [0, 10, 20, 64, 127]), [-51.47328, -51.47328, -51.47328, 16.3812, -51.47328], accuracy: 1e-3, "mel dB")
        let chroma = try XCTUnwrap(r.feature(.chroma))
        assertClose(chroma.column(22), [0.55861, 1, 0.1861953, 0.002632011, 2.084211e-06, 4.666503e-10, 4.182093e-11, 8.42003e-11, 5.474619e-10, 5.330612e-08, 0.000123622, 0.029415], accuracy: 1e-5, "chroma[:, 22]")
        assertClose(chroma.column(0), [0.6561384, 0.8008504, 0.9233268, 1, 0.9158047, 0.6958268, 0.4991163, 0.49085, 0.5201828, 0.4452203, 0.4420338, 0.5292416], accuracy: 1e-5, "chroma[:, 0]")
        let contrast = try XCTUnwrap(r.feature(.contrast))
        assertClose(contrast.column(22), [1.577619, 2.372362, 4.895854, 16.09421, 61.60322, 21.27238, 3.793852], accuracy: 1e-4, "contrast[:, 22]")
        assertClose(contrast.column(0), [6.782542, 18.38358, 6.001939, 5.871424, 5.723306, 4.985538, 2.004336], accuracy: 1e-4, "contrast[:, 0]")
        let zcr = try XCTUnwrap(r.feature(.zcr))
        assertClose([zcr[0, 0], zcr[0, 22], zcr[0, 43]], [0.008300781, 0.1943359, 0.1875], accuracy: 1e-7, "zcr")
    }

    // MARK: - LCG noise (0.5 s; estimate_tuning gives -0.27)

    func testNoise() throws {
        let r = try analyze(TestSignals.lcgNoise(count: 11025))
        let mfcc = try XCTUnwrap(r.feature(.mfcc))
        XCTAssertEqual(mfcc.frames, 22)
        assertClose(Array(mfcc.column(11).prefix(5)), [31.76143, -1.342322, 0.8246047, 4.113021, 2.342893], accuracy: 1e-3, "mfcc[:5, 11]")
        assertClose(Array(mfcc.column(0).prefix(5)), [-7.008643, -4.378823, 4.516107, -0.5039641, -4.438473], accuracy: 1e-3, "mfcc[:5, 0]")
        assertClose([mfcc[39, 21]], [-3.98251], accuracy: 1e-3, "mfcc[39, -1]")
        let mel = try XCTUnwrap(r.feature(.mel))
        assertClose(mel.column(11, rows: [0, 10, 20, 64, 127]), [2.254993, 7.149324, -2.193256, 1.989791, 2.26715], accuracy: 1e-3, "mel dB")
        let chroma = try XCTUnwrap(r.feature(.chroma))
        assertClose(chroma.column(11), [0.5966279, 0.6518567, 1, 0.91891, 0.777803, 0.7393811, 0.7212517, 0.5923749, 0.6597663, 0.5811517, 0.5703737, 0.6854367], accuracy: 1e-5, "chroma[:, 11]")
        assertClose(chroma.column(0), [0.9113266, 0.7699455, 0.7797604, 0.7936571, 0.9791684, 1, 0.6839908, 0.6858962, 0.6522186, 0.7604173, 0.693257, 0.6709912], accuracy: 1e-5, "chroma[:, 0]")
        let contrast = try XCTUnwrap(r.feature(.contrast))
        assertClose(contrast.column(11), [11.8829, 7.712158, 10.184, 12.37643, 13.50791, 11.48705, 12.50053], accuracy: 1e-4, "contrast[:, 11]")
        assertClose(contrast.column(0), [6.154216, 6.643412, 7.701858, 15.64992, 14.44163, 14.34593, 13.28916], accuracy: 1e-4, "contrast[:, 0]")
        let zcr = try XCTUnwrap(r.feature(.zcr))
        assertClose([zcr[0, 0], zcr[0, 11], zcr[0, 21]], [0.2641602, 0.4907227, 0.3208008], accuracy: 1e-7, "zcr")
    }

    // MARK: - Other settings

    func testHammingWindowShorterFFTFewerBands() throws {
        // librosa.feature.mfcc(y=chirp, sr=22050, n_mfcc=13, n_fft=1024, hop_length=256, n_mels=64, window='hamming'),
        // zero_crossing_rate(chirp, frame_length=1024, hop_length=256),
        // chroma_stft(y=chirp, sr=22050, n_fft=1024, hop_length=256, window='hamming').
        var settings = referenceSettings([.mfcc, .zcr, .chroma])
        settings.nFFT = 1024
        settings.hop = 256
        settings.nMels = 64
        settings.mfccCount = 13
        settings.window = .hamming
        let r = try AudioAnalyzer(settings: settings).analyze(samples: TestSignals.chirp(), sampleRate: 22050, channels: 1)
        let mfcc = try XCTUnwrap(r.feature(.mfcc))
        XCTAssertEqual(mfcc.frames, 87)
        assertClose(mfcc.column(40), [-319.1271, 47.49469, -77.04968, -5.0746, 49.17538, 0.06073421, -35.33701, -3.293728, 30.91704, 3.230683, -27.1922, -2.690224, 23.06177], accuracy: 1e-3, "mfcc[:, 40]")
        let zcr = try XCTUnwrap(r.feature(.zcr))
        assertClose([zcr[0, 0], zcr[0, 40], zcr[0, 86]], [0.005859375, 0.1777344, 0.1953125], accuracy: 1e-7, "zcr")
        let chroma = try XCTUnwrap(r.feature(.chroma))
        assertClose(chroma.column(40), [0.07097214, 0.0002513186, 8.294833e-06, 4.797625e-06, 3.996919e-06, 4.237777e-06, 5.507377e-06, 9.034041e-06, 4.393502e-05, 0.0171764, 0.6258862, 1], accuracy: 1e-5, "chroma[:, 40]")
    }

    func testSixteenKilohertzTargetRate() throws {
        // librosa.feature.mfcc(y=0.5·sin(2π·440·n/16000), sr=16000, n_mfcc=20, n_mels=40), 1 s.
        var settings = referenceSettings([.mfcc])
        settings.sampleRate = 16000
        settings.nMels = 40
        settings.mfccCount = 20
        let y = TestSignals.tone(440, count: 16000, rate: 16000)
        let r = try AudioAnalyzer(settings: settings).analyze(samples: y, sampleRate: 16000, channels: 1)
        let mfcc = try XCTUnwrap(r.feature(.mfcc))
        XCTAssertEqual(mfcc.rows, 20)
        XCTAssertEqual(mfcc.frames, 32)
        assertClose(Array(mfcc.column(15).prefix(5)), [-275.2789, 44.44636, 31.65415, 13.24594, -7.083758], accuracy: 1e-3, "mfcc[:5, 15]")
    }

    // MARK: - Frame counts

    func testFrameCountIsOnePlusLengthOverHop() throws {
        for count in [1, 511, 512, 513, 3000] {
            let r = try analyze(TestSignals.toneMix(count: count))
            for matrix in r.features {
                XCTAssertEqual(matrix.frames, 1 + count / 512, "\(matrix.kind) of \(count) samples")
                XCTAssertEqual(matrix.values.count, matrix.rows * matrix.frames)
            }
        }
    }
}
