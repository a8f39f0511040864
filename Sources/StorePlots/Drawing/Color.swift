import Foundation

/// A colour in sRGB with straight (not premultiplied) alpha, each channel in
/// 0...1.
public struct Color: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// The colour of a 24-bit `0xRRGGBB` value: `Color(hex: 0x0072B2)`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double(hex >> 16 & 0xFF) / 255, green: Double(hex >> 8 & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with another alpha.
    public func opacity(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// `#rrggbb`, as SVG and CSS write it (alpha apart).
    public var hexText: String {
        func byte(_ channel: Double) -> Int { Int((min(max(channel, 0), 1) * 255).rounded()) }
        return String(format: "#%02x%02x%02x", byte(red), byte(green), byte(blue))
    }

    /// WCAG relative luminance (0 black … 1 white), to pick dark or light
    /// text on a filled cell.
    public var luminance: Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever reads better on this colour.
    public var textColor: Color {
        luminance > 0.35 ? .ink : .white
    }

    public static let white = Color(hex: 0xFFFFFF)
    /// Text and axis lines: near black.
    public static let ink = Color(hex: 0x222222)
    /// Secondary text (tick labels).
    public static let mutedInk = Color(hex: 0x444444)
    /// Grid lines.
    public static let grid = Color(hex: 0xE3E3E3)
    /// Reference lines (the diagonal of a ROC plot).
    public static let reference = Color(hex: 0x888888)
}
