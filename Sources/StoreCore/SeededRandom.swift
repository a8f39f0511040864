#if canImport(Glibc)
import Glibc
#endif

/// The seeded random numbers behind the sample data sets and every model's
/// randomness (bootstraps, feature draws, folds, SMOTE): xoshiro256** seeded
/// through SplitMix64, so one seed gives the same stream on every run and
/// platform (normals use `log`, `sqrt` and `cos`, which agree to the last bit
/// on the platforms we build for).
public struct SeededRandom: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mix = seed
        func next() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// `RandomNumberGenerator`: the next 64 random bits.
    public mutating func next() -> UInt64 {
        nextBits()
    }

    public mutating func nextBits() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    public mutating func uniform() -> Double {
        Double(nextBits() >> 11) * 0x1.0p-53
    }

    /// Standard normal, by Box–Muller.
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()
        let u2 = uniform()
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }

    /// An index drawn with the given weights (which need not sum to 1).
    public mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = uniform() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}
