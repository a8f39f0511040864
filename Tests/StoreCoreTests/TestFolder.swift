import Foundation
import StoreCore
@_exported import StoreTestSupport

/// Collects what a `ResultWriter` writes.
struct TextCollector: TextOutputStream {
    var text = ""
    mutating func write(_ string: String) { text += string }
}
