import GRDBSQLite

/// Split functions: deterministic pseudo-random numbers from row keys, so a
/// train/validation/test split is a plain view.
///
/// `split_bucket(key, seed)` → a REAL in [0, 1), the same for the same key and
/// seed on every run and platform.
///
/// (1) The key may be INTEGER, REAL, TEXT or BLOB; a NULL key gives NULL.
///     Values of different types are different keys (`5` and `'5'` differ).
/// (2) The seed must be an integer; otherwise it is an error.
/// (3) The number is computed as follows, and any client can recompute it:
///     FNV-1a (64-bit) over one type byte (1 integer, 2 real, 3 text, 4 blob),
///     then the key's bytes (an integer as 8 little-endian bytes; a real as its
///     IEEE-754 bits in 8 little-endian bytes; text as UTF-8; a blob as is),
///     then the seed as 8 little-endian bytes. Next, SplitMix64's finalizer is
///     applied to that hash. Last, its top 53 bits are divided by 2^53.
///
/// A 20% test split: `SELECT row_id, split_bucket(row_id, 42) < 0.2 AS is_test FROM credit`.
enum Splits {
    static let all = [splitBucket]

    static let splitBucket = ScalarFunction("split_bucket", arguments: 2) { arguments in
        guard !arguments.isNull(0) else { return .null }
        guard let seed = arguments.integer(1) else {
            throw SQLFunctionError("split_bucket(): second argument must be an integer seed")
        }
        var hash = FNV1a()
        switch arguments.type(0) {
        case SQLITE_INTEGER:
            hash.add(1)
            hash.add(littleEndian: UInt64(bitPattern: arguments.integer(0) ?? 0))
        case SQLITE_FLOAT:
            hash.add(2)
            hash.add(littleEndian: (arguments.number(0) ?? 0).bitPattern)
        case SQLITE_TEXT:
            hash.add(3)
            hash.add(arguments.bytes(0))
        default:
            hash.add(4)
            hash.add(arguments.bytes(0))
        }
        hash.add(littleEndian: UInt64(bitPattern: seed))
        return .real(unitInterval(splitMix64Finalizer(hash.value)))
    }

    /// SplitMix64's output function: a bijection that spreads every input bit
    /// over every output bit.
    static func splitMix64Finalizer(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The top 53 bits as a double in [0, 1).
    static func unitInterval(_ bits: UInt64) -> Double {
        Double(bits >> 11) * 0x1.0p-53
    }
}

/// 64-bit FNV-1a.
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(littleEndian word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            add(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
        }
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { add(byte) }
    }
}
