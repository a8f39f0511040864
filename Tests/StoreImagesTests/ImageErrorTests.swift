import StoreImages
import XCTest

final class ImageErrorTests: XCTestCase {
    func testDescriptionIsTheReason() {
        XCTAssertEqual(ImageError("not a PNG file").description, "not a PNG file")
    }
}
