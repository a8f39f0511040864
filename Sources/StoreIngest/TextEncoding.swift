/// The character encodings a CSV source may be in. All three are supersets of
/// ASCII, so delimiters, quotes and line ends are found on the bytes alone;
/// text is checked (UTF-8) or converted to UTF-8 (the others) per field.
///
/// The checks and the two tables are written here rather than taken from iconv
/// because they run per record in the ingest's hot loop, where a call into iconv
/// per field would cost more than the whole parse.
public enum TextEncoding: String, CaseIterable, Sendable, Codable {
    case utf8 = "utf-8"
    case latin1 = "latin1"
    case windows1252 = "windows-1252"

    /// Accepts the usual spellings: `utf8`, `UTF-8`, `latin-1`, `iso-8859-1`, `cp1252`, …
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1": self = .latin1
        case "windows-1252", "cp1252", "windows1252": self = .windows1252
        default: return nil
        }
    }

    /// The offset of the first byte that cannot start or continue a character in
    /// this encoding, or nil when all of `bytes` is valid. For UTF-8 this is full
    /// validation (no overlongs, no surrogates, nothing above U+10FFFF); Latin-1
    /// accepts every byte; Windows-1252 rejects the five bytes it leaves undefined
    /// (0x81, 0x8D, 0x8F, 0x90, 0x9D), as Python's `cp1252` codec does.
    public func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        switch self {
        case .latin1:
            return nil
        case .windows1252:
            for index in bytes.indices where Self.windows1252Undefined(bytes[index]) {
                return index
            }
            return nil
        case .utf8:
            return Self.firstInvalidUTF8(in: bytes)
        }
    }

    /// Whether every byte is ASCII, so the bytes are already UTF-8 as they are.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if isASCII(bytes) { return nil }
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    static func windows1252Undefined(_ byte: UInt8) -> Bool {
        byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D
    }

    /// Appends `bytes`, in this encoding, to `output` as UTF-8.
    func appendUTF8(of bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            let scalar: UInt32
            if byte < 0x80 {
                output.append(byte)
                continue
            } else if self == .windows1252 && byte < 0xA0 {
                scalar = UInt32(Self.windows1252High[Int(byte - 0x80)])
            } else {
                scalar = UInt32(byte)
            }
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }

    /// Decodes `bytes` to a String (invalid UTF-8 becomes U+FFFD).
    func string(from bytes: UnsafeBufferPointer<UInt8>) -> String {
        if self == .utf8 { return String(decoding: bytes, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        appendUTF8(of: bytes, to: &utf8)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Unicode code points of bytes 0x80–0x9F in Windows-1252 (the undefined
    /// five map to the C1 controls of the same number, as they are rejected first).
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
