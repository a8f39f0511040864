import Foundation

/// How many times each distinct text value occurs, keyed by the value's UTF-8
/// bytes: the text half of `column_summary`'s distinct count and mode.
///
/// Values are copied once, when first seen, into one byte arena; a call
/// with a value already present only hashes and compares bytes, so a
/// million-row column of IDs costs no `String` per row. Ordering by bytes is
/// ordering by Unicode scalars, as UTF-8 preserves it.
struct TextCounts {
    private struct Entry {
        var offset: Int
        var length: Int
        var hash: UInt64
        var count: Int
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing with linear probing. 0 is an empty slot; otherwise the
    /// high 32 bits hold the high half of the value's hash (so most misses
    /// are told apart without reading the entry) and the low 32 bits hold
    /// its index in `entries` plus one.
    private var slots = [UInt64](repeating: 0, count: 64)
    /// Values whose count is above zero.
    private(set) var distinct = 0
    /// Every value added and not removed.
    private(set) var total = 0

    /// Counts one more occurrence of `bytes` (`delta` 1), or one fewer
    /// (`delta` −1, for a value added before).
    mutating func add(_ bytes: UnsafeRawBufferPointer, delta: Int = 1) {
        let hash = Self.hash(bytes)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while slots[slot] != 0 {
                let content = slots[slot]
                if content & 0xFFFF_FFFF_0000_0000 == tag {
                    let index = Int(truncatingIfNeeded: content & 0xFFFF_FFFF) - 1
                    if matches(entries[index], bytes) { return index }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
        total += delta
        if let index = found {
            let before = entries[index].count
            entries[index].count += delta
            if before == 0 && delta > 0 { distinct += 1 }
            if before > 0 && entries[index].count == 0 { distinct -= 1 }
            return
        }
        guard delta > 0 else { return }
        slots[slot] = tag | UInt64(entries.count + 1)
        entries.append(Entry(offset: arena.count, length: bytes.count, hash: hash, count: delta))
        arena.append(contentsOf: bytes)
        distinct += 1
        if entries.count * 2 > slots.count { grow() }
    }

    /// The value with the highest count, ties going to the smallest value;
    /// nil when no value has a count.
    func mostFrequent() -> (text: String, count: Int)? {
        var best: Entry?
        for entry in entries where entry.count > 0 {
            if let current = best, entry.count < current.count || (entry.count == current.count && !precedes(entry, current)) {
                continue
            }
            best = entry
        }
        return best.map { (String(decoding: arena[$0.offset..<($0.offset + $0.length)], as: UTF8.self), $0.count) }
    }

    private func matches(_ entry: Entry, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard entry.length == bytes.count else { return false }
        return arena.withUnsafeBytes { arena in
            guard let stored = arena.baseAddress, let given = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(stored + entry.offset, given, bytes.count) == 0
        }
    }

    private func precedes(_ left: Entry, _ right: Entry) -> Bool {
        arena[left.offset..<(left.offset + left.length)].lexicographicallyPrecedes(arena[right.offset..<(right.offset + right.length)])
    }

    private mutating func grow() {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = (entry.hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
        }
        slots = grown
    }

    /// The bytes taken 8 at a time, each word mixed in by a multiply and
    /// SplitMix64's finalizer at the end, so every bit of the result depends
    /// on every byte.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count {
            tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset))
        }
        return Splits.splitMix64Finalizer(hash ^ tail)
    }
}
