import StoreAudio
import StoreImages
import StoreCore
import XCTest
@testable import StoreIngest

final class IngestRecipeTests: XCTestCase {
    func testRecipeCarriesEveryOptionAndResolvesTheSourceNextToIt() throws {
        let folder = try TestFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        try folder.write("data/people.csv", "name;age;zip\nAnn;31;01234\nBob;NA;-\n")
        let recipePath = try folder.write("people.toml", """
            # People, semicolon-separated, '-' for missing.
            kind = "csv"
            source = "data/people.csv"
            table = "people"
            delimiter = ";"
            null = ["-", "NA"]
            skip_bad = true

            [types]
            zip = "INTEGER"
            """)
        let recipe = try IngestRecipe.load(path: recipePath)
        XCTAssertEqual(recipe.source, folder.path("data/people.csv"))
        XCTAssertEqual(recipe.table, "people")
        XCTAssertEqual(recipe.csv?.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(recipe.csv?.nullMarkers, ["-", "NA"])
        XCTAssertEqual(recipe.csv?.types, ["zip": .integer])
        XCTAssertEqual(recipe.csv?.skipBad, true)
        let store = try folder.openStore()
        let outcome = try recipe.run(into: store)
        XCTAssertEqual(outcome.rowsStored, 2)
        XCTAssertEqual(try rows("people", in: store), [["1", "Ann", "31", "1234"], ["2", "Bob", "NULL", "NULL"]])
        let again = try recipe.run(into: store)
        XCTAssertTrue(again.summary.contains("unchanged"), again.summary)
    }

    func testUnknownKeysAndMissingKeysAreErrors() throws {
        let folder = try TestFolder()
        let misspelt = try folder.write("bad.toml", "source = \"a.csv\"\ntable = \"t\"\ndelimeter = \";\"\n")
        XCTAssertThrowsError(try IngestRecipe.load(path: misspelt)) { error in
            XCTAssertTrue("\(error)".contains("unknown key 'delimeter'"), "\(error)")
        }
        let noTable = try folder.write("notable.toml", "source = \"a.csv\"\n")
        XCTAssertThrowsError(try IngestRecipe.load(path: noTable)) { error in
            XCTAssertTrue("\(error)".contains("the recipe needs a table"), "\(error)")
        }
        let broken = try folder.write("broken.toml", "source = \"a.csv\ntable = 1\n")
        XCTAssertThrowsError(try IngestRecipe.load(path: broken)) { error in
            XCTAssertTrue("\(error)".contains("broken.toml:1:"), "\(error)")
        }
        let wrongKind = try folder.write("kind.toml", "source = \"a.csv\"\ntable = \"t\"\nheader = \"yes\"\n")
        XCTAssertThrowsError(try IngestRecipe.load(path: wrongKind)) { error in
            XCTAssertTrue("\(error)".contains("a key has a value of the wrong kind"), "\(error)")
        }
    }

    /// The example recipe shipped under ingest/ reads, and points at the file
    /// the README's main job generates.
    func testShippedCreditRecipe() throws {
        let recipe = try IngestRecipe.load(path: repositoryFolder.appendingPathComponent("ingest/credit.toml").path)
        XCTAssertEqual(recipe.table, "credit")
        XCTAssertEqual(recipe.source, repositoryFolder.appendingPathComponent("data/credit.csv").path)
    }

    func testShippedSpeechAndShapesRecipes() throws {
        let speech = try IngestRecipe.load(path: repositoryFolder.appendingPathComponent("ingest/speech.toml").path)
        XCTAssertEqual(speech.source, repositoryFolder.appendingPathComponent("data/speech").path)
        guard case .audio(let audio) = speech.options else { return XCTFail("speech.toml is \(speech.kind)") }
        XCTAssertEqual(audio.settings.features, [.mfcc, .chroma, .zcr])
        XCTAssertEqual(audio.settings.duration, 3.0)
        XCTAssertEqual(audio.labels, .ravdess)
        let shapes = try IngestRecipe.load(path: repositoryFolder.appendingPathComponent("ingest/shapes.toml").path)
        guard case .images(let images) = shapes.options else { return XCTFail("shapes.toml is \(shapes.kind)") }
        XCTAssertEqual(images.settings.width, 64)
        XCTAssertEqual(images.settings.mode, .rgb)
    }
}
