import Foundation
import GRDB
import StoreIngest
import StoreSamples
import StoreTestSupport
import XCTest

/// The espeak-ng speech sample (SpeechSample.swift).
final class SpeechSampleTests: XCTestCase {
    func testOneActorSaysBothStatementsInEveryEmotionTwice() throws {
        let folder = try TestFolder()
        XCTAssertEqual(try SpeechSample(actors: 1).write(to: folder.path("speech")), 32)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path("speech/Actor_01")).sorted()
        XCTAssertEqual(names.count, 32)
        XCTAssertEqual(names.first, "03-01-01-01-01-01-01.wav")
        XCTAssertEqual(names.last, "03-01-08-02-02-02-01.wav")
        var emotions: [String: Int] = [:]
        for name in names {
            let labels = try FileLabels.ravdess.values(for: "Actor_01/" + name)
            emotions[String.fromDatabaseValue(labels[2]) ?? "", default: 0] += 1
            XCTAssertEqual(labels[6], 1.databaseValue)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path("speech/Actor_01/" + name)))
            XCTAssertEqual(Array(bytes.prefix(4)), Array("RIFF".utf8), name)
            XCTAssertGreaterThan(bytes.count, 22050, "\(name) holds at least half a second of 16-bit audio")
        }
        XCTAssertEqual(emotions.count, 8)
        XCTAssertTrue(emotions.values.allSatisfy { $0 == 4 }, "\(emotions)")
        // No two recordings are the same bytes.
        let distinct = Set(try names.map { try Data(contentsOf: URL(fileURLWithPath: folder.path("speech/Actor_01/" + $0))) })
        XCTAssertEqual(distinct.count, 32)
    }

    /// Two actors never sound the same: their first recordings differ.
    func testEveryActorHasItsOwnVoice() throws {
        let folder = try TestFolder()
        XCTAssertEqual(try SpeechSample(actors: 12).write(to: folder.path("speech")), 384)
        let first = try (1...12).map { actor in
            try Data(contentsOf: URL(fileURLWithPath: folder.path(String(format: "speech/Actor_%02d/03-01-01-01-01-01-%02d.wav", actor, actor))))
        }
        XCTAssertEqual(Set(first).count, 12)
    }

    func testActorsAlternateMaleAndFemaleVoices() {
        let voices = SpeechSample(actors: 4).actorVoices
        XCTAssertEqual(voices, ["en-us+m1", "en-us+f1", "en+m3", "en+f2"])
    }
}
