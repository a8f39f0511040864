import Foundation
import StoreImages
import StoreSamples
import StoreTestSupport
import XCTest

final class ShapesSampleTests: XCTestCase {
    func testWritesBalancedClassFolders() throws {
        let folder = try TestFolder()
        let written = try ShapesSample.write(to: folder.path("shapes"), perClass: 6, seed: 11)
        XCTAssertEqual(written, 24)
        for name in ShapesSample.classes {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("shapes/\(name)")).sorted()
            XCTAssertEqual(files.count, 6, name)
            XCTAssertEqual(files.first, "\(name)_0001." + (files.first?.split(separator: ".").last ?? ""))
        }
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() throws {
        let first = try ShapesSample.files(perClass: 3, seed: 5)
        let again = try ShapesSample.files(perClass: 3, seed: 5)
        XCTAssertEqual(first.map(\.path), again.map(\.path))
        XCTAssertEqual(first.map(\.bytes), again.map(\.bytes))
        let other = try ShapesSample.files(perClass: 3, seed: 6)
        XCTAssertNotEqual(first.map(\.bytes), other.map(\.bytes))
    }

    /// Every file decodes; sizes are in 48…200; both formats and every PNG
    /// colour type appear; most images are not square.
    func testEveryFileDecodesWithAMixOfFormats() throws {
        let files = try ShapesSample.files(perClass: 15, seed: 3)
        XCTAssertEqual(files.count, 60)
        var kinds = Set<String>()
        var squares = 0
        for file in files {
            let image = try ImageDecoder.decode(file.bytes)
            XCTAssertTrue((48...200).contains(image.width) && (48...200).contains(image.height), file.path)
            XCTAssertEqual(file.path.hasSuffix(".png"), image.format == .png, file.path)
            kinds.insert("\(image.format.rawValue) \(image.channels)")
            squares += image.width == image.height ? 1 : 0
        }
        XCTAssertEqual(kinds, ["png 1", "png 3", "png 4", "jpeg 1", "jpeg 3"])
        XCTAssertLessThan(squares, 10)
    }

    /// The shape stands out from the background, in gray too: shrunk to
    /// 32 × 32 gray, every image spans more than 25 grey levels.
    func testShapesDifferFromTheirBackground() throws {
        for file in try ShapesSample.files(perClass: 4, seed: 9) {
            let image = try ImageDecoder.decode(file.bytes)
            var settings = ImageSettings()
            settings.width = 32
            settings.height = 32
            settings.mode = .gray
            let small = ImagePreparation.prepare(image, settings: settings)
            let spread = Int(small.max() ?? 0) - Int(small.min() ?? 0)
            XCTAssertGreaterThan(spread, 25, file.path)
        }
    }

    func testNoFilesForZeroPerClass() throws {
        XCTAssertTrue(try ShapesSample.files(perClass: 0, seed: 1).isEmpty)
    }
}
