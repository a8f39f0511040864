import StoreAudio
import XCTest

final class AudioErrorTests: XCTestCase {
    func testDescriptionIsTheReason() {
        XCTAssertEqual(AudioError("not a sound file").description, "not a sound file")
    }
}
