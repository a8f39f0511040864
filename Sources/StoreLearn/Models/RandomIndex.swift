import StoreCore

extension SeededRandom {
    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's
    /// multiply-and-reject method: written out here, rather than taken from
    /// the standard library's `Int.random(in:using:)`, so that a seed gives
    /// the same trees whatever the toolchain.
    mutating func index(below bound: Int) -> Int {
        let range = UInt64(bound)
        var product = nextBits().multipliedFullWidth(by: range)
        if product.low < range {
            let floor = (0 &- range) % range
            while product.low < floor {
                product = nextBits().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }
}
