/// What the decoder needs to know from a PNG's chunks before libpng reads it:
/// the header fields, whether a `tRNS` chunk is present, and the bytes to
/// hand libpng with the colour-space chunks (`gAMA`, `sRGB`, `iCCP`, `cHRM`)
/// left out.
///
/// Pillow ignores those chunks and returns the stored samples; libpng's
/// simplified API would convert the samples to sRGB (or, for 16-bit files,
/// to linear light) when they are present. Leaving them out makes libpng
/// return the stored samples too. The scan never fails: a damaged chunk
/// stream is copied as it is, for libpng to report.
struct PNGChunkScan {
    let bitDepth: Int
    let colorType: Int
    let hasTransparency: Bool
    let bytes: [UInt8]

    /// PNG colour type 3: samples are palette indices.
    static let paletteColorType = 3

    private static let colorSpaceChunks: Set<String> = ["gAMA", "sRGB", "iCCP", "cHRM"]

    /// Scans `png`, which starts with the PNG signature.
    init(_ png: [UInt8]) {
        var depth = 0
        var type = 0
        var transparency = false
        var kept: [UInt8] = []
        var copiedUpTo = 0
        var offset = PNGDecoder.signature.count
        while offset + 8 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            let name = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let end = offset + 12 + length
            if name == "IHDR", offset + 18 <= png.count {
                depth = Int(png[offset + 16])
                type = Int(png[offset + 17])
            }
            if name == "tRNS" {
                transparency = true
            }
            if Self.colorSpaceChunks.contains(name), end <= png.count {
                if kept.isEmpty {
                    kept.reserveCapacity(png.count)
                }
                kept.append(contentsOf: png[copiedUpTo..<offset])
                copiedUpTo = end
            }
            if name == "IDAT" || name == "IEND" || end > png.count {
                break
            }
            offset = end
        }
        bitDepth = depth
        colorType = type
        hasTransparency = transparency
        if copiedUpTo == 0 {
            bytes = png
        } else {
            kept.append(contentsOf: png[copiedUpTo...])
            bytes = kept
        }
    }
}
