import GRDB
import StoreIngest
import XCTest

/// Labels from file names (FileLabels.swift): every preset and a regular expression.
final class FileLabelsTests: XCTestCase {
    private func values(_ labels: FileLabels, _ path: String) throws -> [DatabaseValue] {
        try labels.values(for: path)
    }

    private func reason(_ labels: FileLabels, _ path: String) -> String? {
        do {
            _ = try labels.values(for: path)
            return nil
        } catch {
            return error.reason
        }
    }

    // MARK: - RAVDESS

    /// 03-01-05-01-02-01-12: audio-only, speech, angry, normal, "Dogs…", first repetition, actor 12 (female).
    func testRAVDESSReadsAllSevenFieldsAndTheActorsSex() throws {
        XCTAssertEqual(FileLabels.ravdess.columns.map(\.name),
                       ["modality", "vocal_channel", "emotion", "intensity", "statement", "repetition", "actor", "sex"])
        let angry: [DatabaseValue] = ["audio".databaseValue, "speech".databaseValue, "angry".databaseValue, "normal".databaseValue,
                                      "Dogs are sitting by the door".databaseValue, 1.databaseValue, 12.databaseValue, "female".databaseValue]
        XCTAssertEqual(try values(.ravdess, "Actor_12/03-01-05-01-02-01-12.wav"), angry)
        let surprised: [DatabaseValue] = ["surprised".databaseValue, "strong".databaseValue, "Kids are talking by the door".databaseValue,
                                          2.databaseValue, 7.databaseValue, "male".databaseValue]
        XCTAssertEqual(Array(try values(.ravdess, "03-02-08-02-01-02-07.flac")[2...7]), surprised)
        let emotions = try (1...8).map { code in try values(.ravdess, String(format: "03-01-%02d-01-01-01-01.wav", code))[2] }
        XCTAssertEqual(emotions, ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"].map { $0.databaseValue })
    }

    func testRAVDESSRejectsOtherNamesSayingWhatItExpects() {
        XCTAssertEqual(reason(.ravdess, "speech.wav")?.hasPrefix("the name 'speech' does not fit --labels ravdess: a RAVDESS name has seven two-digit codes"), true)
        XCTAssertEqual(reason(.ravdess, "03-01-09-01-01-01-01.wav"),
                       "the name '03-01-09-01-01-01-01' does not fit --labels ravdess: emotion code 09 is not one of 01, 02, 03, 04, 05, 06, 07, 08")
        XCTAssertEqual(reason(.ravdess, "03-01-01-01-01-01-25.wav"),
                       "the name '03-01-01-01-01-01-25' does not fit --labels ravdess: repetition must be 01 or 02 and actor 01 to 24")
    }

    // MARK: - TESS, CREMA-D, SAVEE

    func testTESSMapsItsEmotionsToRAVDESSWords() throws {
        XCTAssertEqual(try values(.tess, "OAF_angry/OAF_back_angry.wav"), ["OAF", "back", "angry"].map { $0.databaseValue })
        XCTAssertEqual(try values(.tess, "YAF_date_ps.wav"), ["YAF", "date", "surprised"].map { $0.databaseValue })
        XCTAssertEqual(try values(.tess, "YAF_dog_fear.wav")[2], "fearful".databaseValue)
        XCTAssertEqual(try values(.tess, "OAF_bath_pleasant_surprise.wav"), ["OAF", "bath", "surprised"].map { $0.databaseValue })
        XCTAssertNotNil(reason(.tess, "XYZ_back_angry.wav"))
        XCTAssertNotNil(reason(.tess, "OAF_back_bored.wav"))
    }

    func testCREMAReadsActorSentenceEmotionAndLevel() throws {
        XCTAssertEqual(try values(.crema, "1001_DFA_ANG_XX.wav"), [1001.databaseValue, "DFA".databaseValue, "angry".databaseValue, "unspecified".databaseValue])
        XCTAssertEqual(Array(try values(.crema, "1091_IEO_FEA_HI.wav")[2...3]), ["fearful", "high"].map { $0.databaseValue })
        XCTAssertNotNil(reason(.crema, "1001_DFA_XYZ_XX.wav"))
        XCTAssertNotNil(reason(.crema, "999_DFA_ANG_XX.wav"))
    }

    func testSAVEEReadsTheSpeakerFromThePrefixOrTheFolder() throws {
        XCTAssertEqual(try values(.savee, "JK/sa01.wav"), ["JK".databaseValue, "sad".databaseValue, 1.databaseValue])
        XCTAssertEqual(try values(.savee, "DC_su15.wav"), ["DC".databaseValue, "surprised".databaseValue, 15.databaseValue])
        XCTAssertEqual(try values(.savee, "KL/a03.wav")[1], "angry".databaseValue)
        XCTAssertEqual(try values(.savee, "n30.wav"), [.null, "neutral".databaseValue, 30.databaseValue])
        XCTAssertNotNil(reason(.savee, "x01.wav"))
        XCTAssertNotNil(reason(.savee, "sa.wav"))
    }

    // MARK: - Folder and regular expressions

    func testFolderLabelIsTheFirstLevel() throws {
        XCTAssertEqual(try values(.folder, "angry/take1/a.wav"), ["angry".databaseValue])
        XCTAssertEqual(reason(.folder, "a.wav")?.hasPrefix("it is not in a folder"), true)
    }

    func testRegularExpressionGroupsBecomeColumns() throws {
        let labels = try FileLabels("(?<speaker>[a-z]+)_(?<emotion>[a-z]+)_(?<take>[0-9]+)")
        XCTAssertEqual(labels.columns.map(\.name), ["speaker", "emotion", "take"])
        XCTAssertEqual(try values(labels, "x/ann_happy_02.wav"), ["ann", "happy", "02"].map { $0.databaseValue })
        XCTAssertEqual(reason(labels, "ann-happy.wav"),
                       "the name 'ann-happy' does not match --labels '(?<speaker>[a-z]+)_(?<emotion>[a-z]+)_(?<take>[0-9]+)'")
        XCTAssertThrowsError(try FileLabels("[a-z]+")) { error in
            XCTAssertTrue("\(error)".contains("has no named group"), "\(error)")
        }
        XCTAssertThrowsError(try FileLabels("(?<a>[")) { error in
            XCTAssertTrue("\(error)".contains("not a preset"), "\(error)")
        }
        XCTAssertEqual(try FileLabels("CREMA-D"), .crema)
    }
}
