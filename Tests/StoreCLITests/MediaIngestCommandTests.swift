import CSndFile
import Foundation
import StoreImages
import StoreTestSupport
import XCTest

/// `store ingest audio`, `store ingest images`, `store export-images` and
/// their recipes, end to end through the binary, on files made in code.
final class MediaIngestCommandTests: XCTestCase {
    var store: StoreRunner!

    override func setUpWithError() throws {
        store = try StoreRunner()
    }

    private func csv(_ sql: String) throws -> String {
        let result = try store.run(["sql", "--format", "csv", sql])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    // MARK: - Audio

    /// Three RAVDESS-named recordings: a tone with silence around it at
    /// 22,050 Hz, a stereo one at 44,100 Hz (resampled) and a FLAC.
    private func makeSpeech() throws {
        try FileManager.default.createDirectory(atPath: store.path("speech/Actor_01"), withIntermediateDirectories: true)
        let silence = [Float](repeating: 0, count: 11025)
        try TestAudio.write(silence + TestAudio.tone(frequency: 440, seconds: 1, rate: 22050) + silence,
                            to: store.path("speech/Actor_01/03-01-05-01-01-01-01.wav"), rate: 22050)
        let stereo = TestAudio.tone(frequency: 300, seconds: 1.5, rate: 44100).flatMap { [$0, $0 * 0.5] }
        try TestAudio.write(stereo, to: store.path("speech/Actor_01/03-01-03-02-02-01-01.wav"), rate: 44100, channels: 2)
        try TestAudio.write(TestAudio.tone(frequency: 880, seconds: 0.8, rate: 22050),
                            to: store.path("speech/03-01-04-01-01-02-02.flac"), rate: 22050,
                            format: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16))
    }

    func testIngestAudioWritesOneRowOfFeaturesPerFileOnce() throws {
        try makeSpeech()
        let first = try store.run(["ingest", "audio", "speech", "--table", "speech", "--labels", "ravdess", "--features", "mfcc,zcr"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("speech: 3 recordings, 0 rejected"), first.stdout)
        XCTAssertEqual(try csv("SELECT path, emotion, intensity, actor, sex, sample_rate, channels FROM speech ORDER BY row_id"), """
            path,emotion,intensity,actor,sex,sample_rate,channels
            03-01-04-01-01-02-02.flac,sad,normal,2,female,22050,1
            Actor_01/03-01-03-02-02-01-01.wav,happy,strong,1,male,44100,2
            Actor_01/03-01-05-01-01-01-01.wav,angry,normal,1,male,22050,1

            """)
        // 2 s of audio, trimmed to the tone (librosa.effects.trim keeps whole frames of 512 around it).
        let lengths = try csv("SELECT seconds_before_trim AS before, seconds_after_trim < 1.2 AND seconds_after_trim >= 1.0 AS tone FROM speech WHERE emotion = 'angry'")
        XCTAssertEqual(lengths, "before,tone\n2.0,1\n")
        // 1.5 s at 44,100 Hz resampled to 22,050 Hz: 33,075 samples.
        XCTAssertEqual(try csv("SELECT seconds_before_trim FROM speech WHERE emotion = 'happy'"), "seconds_before_trim\n1.5\n")
        XCTAssertEqual(try csv("SELECT DISTINCT tensor_dtype(mfcc), json_extract(tensor_shape(mfcc), '$[0]'), json_extract(tensor_shape(zcr), '$[0]') FROM speech"),
                       "tensor_dtype(mfcc),\"json_extract(tensor_shape(mfcc), '$[0]')\",\"json_extract(tensor_shape(zcr), '$[0]')\"\nfloat32,40,1\n")
        XCTAssertEqual(try csv("SELECT count(*) FROM speech WHERE json_extract(tensor_shape(mfcc), '$[1]') = json_extract(tensor_shape(zcr), '$[1]')"), "count(*)\n3\n")

        let again = try store.run(["ingest", "audio", "speech", "--table", "speech", "--labels", "ravdess", "--features", "mfcc,zcr"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("speech: unchanged."), again.stdout)
        XCTAssertEqual(try csv("SELECT count(*), min(kind) FROM ingests"), "count(*),min(kind)\n1,audio\n")
    }

    func testFramesPadsAndTruncatesEveryMatrix() throws {
        try makeSpeech()
        XCTAssertEqual(try store.run(["ingest", "audio", "speech", "--table", "padded", "--frames", "50", "--features", "mfcc,mel"]).status, 0)
        XCTAssertEqual(try csv("SELECT DISTINCT tensor_shape(mfcc), tensor_shape(mel) FROM padded"), "tensor_shape(mfcc),tensor_shape(mel)\n\"[40,50]\",\"[128,50]\"\n")
        // The 0.8 s tone has 1 + 17640 / 512 = 35 frames: the rest is zeros.
        XCTAssertEqual(try csv("SELECT tensor_at(mfcc, 0, 34) != 0, tensor_at(mfcc, 0, 35), tensor_at(mfcc, 39, 49) FROM padded WHERE path LIKE '%.flac'"),
                       "\"tensor_at(mfcc, 0, 34) != 0\",\"tensor_at(mfcc, 0, 35)\",\"tensor_at(mfcc, 39, 49)\"\n1,0.0,0.0\n")
    }

    func testABadRecordingNamesTheFileAndWritesNothingUnlessSkipped() throws {
        try makeSpeech()
        try store.write("speech/03-01-01-01-01-01-03.wav", "this is not audio")
        let failed = try store.run(["ingest", "audio", "speech", "--table", "speech"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("speech/03-01-01-01-01-01-03.wav: "), failed.stderr)
        XCTAssertTrue(failed.stderr.contains("--skip-bad"), failed.stderr)
        XCTAssertEqual(try csv("SELECT count(*) FROM sqlite_schema WHERE name = 'speech'"), "count(*)\n0\n")

        let skipped = try store.run(["ingest", "audio", "speech", "--table", "speech", "--skip-bad"])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stdout.hasPrefix("speech: 3 recordings, 1 rejected (see ingest_rejects)"), skipped.stdout)
        XCTAssertEqual(try csv("SELECT line, raw FROM ingest_rejects"), "line,raw\n1,03-01-01-01-01-01-03.wav\n")

        let unlabelled = try store.run(["ingest", "audio", "speech", "--table", "other", "--labels", "tess"])
        XCTAssertEqual(unlabelled.status, 1)
        XCTAssertTrue(unlabelled.stderr.contains("does not fit --labels tess"), unlabelled.stderr)
    }

    // MARK: - Images

    /// cats/ and dogs/ with an RGBA PNG, a gray PNG, a JPEG, and a copy.
    private func makePictures() throws -> [UInt8] {
        for folder in ["pictures/cats", "pictures/dogs"] {
            try FileManager.default.createDirectory(atPath: store.path(folder), withIntermediateDirectories: true)
        }
        let red: [UInt8] = (0..<(20 * 10)).flatMap { _ -> [UInt8] in [255, 0, 0, 255] }
        let png = try PNGEncoder.encode(width: 20, height: 10, channels: 4, pixels: red)
        try store.files.write("pictures/cats/red.png", bytes: png)
        try store.files.write("pictures/cats/copy.png", bytes: png)
        let ramp = (0..<(32 * 32)).map { UInt8($0 % 32 * 8) }
        try store.files.write("pictures/dogs/ramp.png", bytes: try PNGEncoder.encode(width: 32, height: 32, channels: 1, pixels: ramp))
        let grey = [UInt8](repeating: 128, count: 40 * 30 * 3)
        try store.files.write("pictures/dogs/grey.jpg", bytes: try JPEGEncoder.encode(width: 40, height: 30, channels: 3, pixels: grey, quality: 90))
        try store.write("pictures/README.txt", "not a picture")
        return png
    }

    func testIngestImagesLabelsByFolderAndStoresTensors() throws {
        _ = try makePictures()
        let result = try store.run(["ingest", "images", "pictures", "--table", "pets", "--size", "16x8"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("pets: 4 images, 0 rejected"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 file has the same bytes as an earlier file"), result.stdout)
        XCTAssertTrue(result.stdout.contains("skipped 1 file not of a type this ingest reads: README.txt"), result.stdout)
        XCTAssertEqual(try csv("SELECT path, label, width, height, channels, duplicate_of, tensor_shape(image), tensor_dtype(image) FROM pets ORDER BY row_id"), """
            path,label,width,height,channels,duplicate_of,tensor_shape(image),tensor_dtype(image)
            cats/copy.png,cats,20,10,4,,"[8,16,3]",uint8
            cats/red.png,cats,20,10,4,1,"[8,16,3]",uint8
            dogs/grey.jpg,dogs,40,30,3,,"[8,16,3]",uint8
            dogs/ramp.png,dogs,32,32,1,,"[8,16,3]",uint8

            """)
        // An opaque red image stays pure red through the resize.
        XCTAssertEqual(try csv("SELECT tensor_json(image_mean(image)), tensor_json(image_std(image)) FROM pets WHERE row_id = 1"),
                       "tensor_json(image_mean(image)),tensor_json(image_std(image))\n\"[255.0,0.0,0.0]\",\"[0.0,0.0,0.0]\"\n")
        let gray = try store.run(["ingest", "images", "pictures", "--table", "gray_pets", "--mode", "gray", "--size", "8"])
        XCTAssertEqual(gray.status, 0, gray.stderr)
        XCTAssertEqual(try csv("SELECT DISTINCT tensor_shape(image) FROM gray_pets"), "tensor_shape(image)\n\"[8,8,1]\"\n")
    }

    /// With --jpeg-draft a 40 × 30 JPEG shrunk to 16 × 8 is decoded at half
    /// size, but the row still gives the file's own size.
    func testJPEGDraftKeepsTheFilesOwnSize() throws {
        _ = try makePictures()
        let result = try store.run(["ingest", "images", "pictures", "--table", "drafted", "--size", "16x8", "--jpeg-draft"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try csv("SELECT width, height, channels, tensor_shape(image) AS shape FROM drafted WHERE path = 'dogs/grey.jpg'"),
                       "width,height,channels,shape\n40,30,3,\"[8,16,3]\"\n")
        XCTAssertEqual(try csv("SELECT json_extract(options, '$.jpeg_draft') AS draft FROM ingests"), "draft\n1\n")
    }

    func testImagePNGAndExportImagesGiveBackTheStoredPixels() throws {
        _ = try makePictures()
        XCTAssertEqual(try store.run(["ingest", "images", "pictures", "--table", "pets", "--size", "12x12"]).status, 0)
        let exported = try store.run(["export-images", "--sql", "SELECT row_id, label, image FROM pets WHERE label = 'dogs'", "--to", "out"])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(exported.stdout, "wrote 2 PNG files to out\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: store.path("out")).sorted()
        XCTAssertEqual(names, ["3_dogs.png", "4_dogs.png"])
        let decoded = try ImageDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: store.path("out/4_dogs.png")))))
        XCTAssertEqual(decoded.width, 12)
        XCTAssertEqual(decoded.height, 12)
        XCTAssertEqual(decoded.channels, 3)
        let stored = try csv("SELECT hex(substr(image, 33)) FROM pets WHERE row_id = 4").split(separator: "\n")[1]
        XCTAssertEqual(decoded.pixels.map { String(format: "%02X", $0) }.joined(), String(stored))
        let file = try Data(contentsOf: URL(fileURLWithPath: store.path("out/4_dogs.png")))
        XCTAssertEqual(try csv("SELECT hex(image_png(image)) FROM pets WHERE row_id = 4").split(separator: "\n")[1],
                       Substring(file.map { String(format: "%02X", $0) }.joined()))
    }

    func testAManifestGivesTheLabelsAndABadImageIsNamed() throws {
        _ = try makePictures()
        try store.write("labels.csv", "path,label\ncats/red.png,red\ndogs/grey.jpg,grey\n")
        let result = try store.run(["ingest", "images", "pictures", "--table", "colours", "--manifest", "labels.csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("skipped 2 files not in the manifest: cats/copy.png, dogs/ramp.png"), result.stdout)
        XCTAssertEqual(try csv("SELECT path, label FROM colours ORDER BY row_id"), "path,label\ncats/red.png,red\ndogs/grey.jpg,grey\n")

        try store.files.write("pictures/cats/broken.png", bytes: Array([UInt8](try Data(contentsOf: URL(fileURLWithPath: store.path("pictures/cats/red.png")))).prefix(40)))
        let failed = try store.run(["ingest", "images", "pictures", "--table", "broken"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("pictures/cats/broken.png: "), failed.stderr)
        XCTAssertEqual(try csv("SELECT count(*) FROM sqlite_schema WHERE name = 'broken'"), "count(*)\n0\n")
    }

    // MARK: - Recipes

    func testRecipesRunAudioAndImageIngests() throws {
        try makeSpeech()
        _ = try makePictures()
        try store.write("speech.toml", "kind = \"audio\"\nsource = \"speech\"\ntable = \"speech\"\nlabels = \"ravdess\"\nfeatures = [\"mfcc\"]\nframes = 40\nmfcc = 13\n")
        try store.write("pets.toml", "kind = \"images\"\nsource = \"pictures\"\ntable = \"pets\"\nsize = \"8x8\"\ncolor = \"gray\"\n")
        let audio = try store.run(["ingest", "speech.toml"])
        XCTAssertEqual(audio.status, 0, audio.stderr)
        XCTAssertEqual(try csv("SELECT DISTINCT tensor_shape(mfcc) FROM speech"), "tensor_shape(mfcc)\n\"[13,40]\"\n")
        let images = try store.run(["ingest", "pets.toml"])
        XCTAssertEqual(images.status, 0, images.stderr)
        XCTAssertEqual(try csv("SELECT DISTINCT tensor_shape(image) FROM pets"), "tensor_shape(image)\n\"[8,8,1]\"\n")
        try store.write("typo.toml", "kind = \"images\"\nsource = \"pictures\"\ntable = \"t\"\nmfcc = 3\n")
        let typo = try store.run(["ingest", "typo.toml"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("unknown key 'mfcc' for kind = \"images\""), typo.stderr)
    }
}
