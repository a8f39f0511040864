#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StoreCore
import StoreImages

/// A deterministic image-classification sample in the Keras folder layout:
/// one folder per class (`circle/`, `square/`, `triangle/`, `star/`), each
/// holding `perClass` images of one filled shape on a plain background.
///
///     let written = try ShapesSample.write(to: "shapes", perClass: 50, seed: 7)   // 200
///
/// Every image draws its size (48–200 pixels a side, independently, so most
/// are not square), the shape's centre, size and rotation, the fill and
/// background colours (at least 120 apart in RGB distance and 60 in
/// luma, so the shape is visible in colour and in gray), and a noise level (Gaussian, σ 0–10 grey levels). Edges
/// are antialiased by 4 × 4 supersampling. About half the files are PNG (RGB,
/// gray, or RGBA with a partly transparent background behind an opaque
/// shape) and half JPEG (RGB
/// or gray, quality 75–95). The same seed and count give the same bytes.
public enum ShapesSample {
    /// The class names, which are also the folder names.
    public static let classes = ["circle", "square", "triangle", "star"]

    /// Writes the images under `directory` (created if needed) and returns
    /// how many files were written: `perClass × 4`.
    public static func write(to directory: String, perClass: Int, seed: UInt64) throws -> Int {
        let root = URL(fileURLWithPath: directory)
        var written = 0
        for file in try files(perClass: perClass, seed: seed) {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
            written += 1
        }
        return written
    }

    /// The encoded files with their paths relative to the sample's folder
    /// ("circle/circle_0001.png"), class by class; nothing is written.
    public static func files(perClass: Int, seed: UInt64) throws -> [(path: String, bytes: [UInt8])] {
        var random = SeededRandom(seed: seed)
        var files: [(path: String, bytes: [UInt8])] = []
        for (classIndex, name) in classes.enumerated() {
            for index in 0..<max(perClass, 0) {
                let drawing = ShapeDrawing(shape: classIndex, random: &random)
                let number = String(index + 1)
                let stem = "\(name)/\(name)_" + String(repeating: "0", count: max(0, 4 - number.count)) + number
                let file = try drawing.encoded()
                files.append((stem + "." + file.fileExtension, file.bytes))
            }
        }
        return files
    }
}

/// One randomly drawn image of one shape, before encoding (kept in this
/// file, as the sample's only helper).
struct ShapeDrawing {
    let width: Int
    let height: Int
    /// RGBA pixels, interleaved.
    let pixels: [UInt8]
    /// The file kind: 0 RGB PNG, 1 gray PNG, 2 RGBA PNG, 3 gray JPEG, 4–5 RGB JPEG.
    let kind: UInt64
    /// The JPEG quality, 75…95.
    let quality: Int

    init(shape: Int, random: inout SeededRandom) {
        kind = random.nextBits() % 6
        quality = 75 + Int(random.nextBits() % 21)
        width = 48 + Int(random.nextBits() % 153)
        height = 48 + Int(random.nextBits() % 153)
        let side = Double(min(width, height))
        let radius = side * (0.22 + 0.16 * random.uniform())
        let centerX = radius + (Double(width) - 2 * radius) * random.uniform()
        let centerY = radius + (Double(height) - 2 * radius) * random.uniform()
        let angle = 2 * Double.pi * random.uniform()
        var background = Self.color(&random)
        var fill = Self.color(&random)
        while Self.distance(fill, background) < 120 || abs(Self.luminance(fill) - Self.luminance(background)) < 60 {
            fill = Self.color(&random)
        }
        if kind == 2, Self.luminance(fill) > Self.luminance(background) {
            // Composited on white, a partly transparent background only gets
            // lighter: keep the shape the darker of the two so it stays visible.
            swap(&fill, &background)
        }
        let backgroundAlpha = kind == 2 ? Double(random.nextBits() % 256) : 255
        let noise = 10 * random.uniform()
        let outline = Self.outline(shape: shape, radius: radius, angle: angle)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let reach = radius + 2
        for y in 0..<height {
            for x in 0..<width {
                var coverage = 0.0
                if abs(Double(x) + 0.5 - centerX) < reach, abs(Double(y) + 0.5 - centerY) < reach {
                    var inside = 0
                    for sub in 0..<16 {
                        let pointX = Double(x) + (Double(sub % 4) + 0.5) / 4 - centerX
                        let pointY = Double(y) + (Double(sub / 4) + 0.5) / 4 - centerY
                        if Self.contains(outline, radius: shape == 0 ? radius : nil, pointX, pointY) {
                            inside += 1
                        }
                    }
                    coverage = Double(inside) / 16
                }
                let at = (y * width + x) * 4
                for channel in 0..<3 {
                    let value = background[channel] * (1 - coverage) + fill[channel] * coverage + noise * random.normal()
                    pixels[at + channel] = UInt8(max(0, min(255, value.rounded())))
                }
                pixels[at + 3] = UInt8(max(0, min(255, (backgroundAlpha * (1 - coverage) + 255 * coverage).rounded())))
            }
        }
        self.pixels = pixels
    }

    /// The file: about half PNG (RGB, gray or RGBA), half JPEG (RGB or gray,
    /// quality 75–95).
    func encoded() throws -> (fileExtension: String, bytes: [UInt8]) {
        switch kind {
        case 0: return ("png", try PNGEncoder.encode(width: width, height: height, channels: 3, pixels: channels(3)))
        case 1: return ("png", try PNGEncoder.encode(width: width, height: height, channels: 1, pixels: channels(1)))
        case 2: return ("png", try PNGEncoder.encode(width: width, height: height, channels: 4, pixels: pixels))
        case 3: return ("jpg", try JPEGEncoder.encode(width: width, height: height, channels: 1, pixels: channels(1), quality: quality))
        default: return ("jpg", try JPEGEncoder.encode(width: width, height: height, channels: 3, pixels: channels(3), quality: quality))
        }
    }

    /// The pixels as RGB (alpha dropped; it is opaque unless the file is RGBA)
    /// or as gray (Pillow's `convert("L")` weights).
    private func channels(_ count: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(width * height * count)
        for pixel in 0..<(width * height) {
            let red = UInt32(pixels[pixel * 4])
            let green = UInt32(pixels[pixel * 4 + 1])
            let blue = UInt32(pixels[pixel * 4 + 2])
            if count == 1 {
                output.append(UInt8((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16))
            } else {
                output += [UInt8(red), UInt8(green), UInt8(blue)]
            }
        }
        return output
    }

    private static func color(_ random: inout SeededRandom) -> [Double] {
        (0..<3).map { _ in Double(random.nextBits() % 256) }
    }

    /// ITU-R 601 luma, the weights of the gray files.
    private static func luminance(_ color: [Double]) -> Double {
        0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    }

    private static func distance(_ first: [Double], _ second: [Double]) -> Double {
        sqrt(zip(first, second).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
    }

    /// The polygon of a square (1), triangle (2) or five-pointed star (3)
    /// around the origin, rotated by `angle`; empty for the circle (0).
    private static func outline(shape: Int, radius: Double, angle: Double) -> [(x: Double, y: Double)] {
        let corners: [(distance: Double, turn: Double)]
        switch shape {
        case 1: corners = (0..<4).map { (radius, Double($0) / 4) }
        case 2: corners = (0..<3).map { (radius, Double($0) / 3) }
        case 3: corners = (0..<10).map { ($0 % 2 == 0 ? radius : radius * 0.45, Double($0) / 10) }
        default: corners = []
        }
        return corners.map { corner in
            let turn = angle + 2 * Double.pi * corner.turn
            return (corner.distance * cos(turn), corner.distance * sin(turn))
        }
    }

    /// Whether the point is inside the circle of `radius`, or inside the
    /// polygon (even–odd rule) when `radius` is nil.
    private static func contains(_ outline: [(x: Double, y: Double)], radius: Double?, _ x: Double, _ y: Double) -> Bool {
        if let radius {
            return x * x + y * y <= radius * radius
        }
        guard var previous = outline.last else { return false }
        var inside = false
        for vertex in outline {
            if (vertex.y > y) != (previous.y > y),
               x < (previous.x - vertex.x) * (y - vertex.y) / (previous.y - vertex.y) + vertex.x {
                inside.toggle()
            }
            previous = vertex
        }
        return inside
    }
}
