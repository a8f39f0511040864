/// A point in a scene, in CSS pixels (1/96 inch) from the top left.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in CSS pixels, from its top-left corner.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The rectangle between two corners given in any order.
    public init(corners a: Point, _ b: Point) {
        self.init(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// The area this rectangle shares with `other` (0 when apart).
    public func overlap(_ other: Rect) -> Double {
        let w = min(maxX, other.maxX) - max(minX, other.minX)
        let h = min(maxY, other.maxY) - max(minY, other.minY)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// The rectangle grown by `amount` on every side (shrunk when negative).
    public func inset(by amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }
}

/// How a line is drawn: colour, width in CSS pixels, and an optional dash
/// pattern (on, off, … lengths).
public struct Stroke: Sendable, Equatable {
    public var color: Color
    public var width: Double
    public var dash: [Double]

    public init(_ color: Color, width: Double = 1, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// The font of a label: DejaVu Sans at `size` CSS pixels.
public struct TextStyle: Sendable, Hashable {
    public var size: Double
    public var bold: Bool

    public init(size: Double, bold: Bool = false) {
        self.size = size
        self.bold = bold
    }

    /// The figure's title.
    public static let title = TextStyle(size: 16, bold: true)
    /// A panel's title.
    public static let subtitle = TextStyle(size: 14, bold: true)
    /// Axis titles.
    public static let axisTitle = TextStyle(size: 13)
    /// Tick labels, legend entries, colour bar labels.
    public static let tick = TextStyle(size: 12)
    /// Numbers printed on bars and in cells.
    public static let annotation = TextStyle(size: 12)
}

/// A line of text placed by an anchor point: `horizontal` says which part of
/// the text's box is at the anchor's x, `vertical` which part at its y;
/// then the text turns by `rotation` degrees (clockwise on screen, −90
/// reads upwards) about the anchor.
public struct Label: Sendable, Equatable {
    public enum Horizontal: Sendable { case start, middle, end }
    public enum Vertical: Sendable { case top, middle, baseline, bottom }

    public var text: String
    public var anchor: Point
    public var style: TextStyle
    public var color: Color
    public var horizontal: Horizontal
    public var vertical: Vertical
    public var rotation: Double

    public init(_ text: String, at anchor: Point, style: TextStyle, color: Color = .ink,
                horizontal: Horizontal = .start, vertical: Vertical = .top, rotation: Double = 0) {
        self.text = text
        self.anchor = anchor
        self.style = style
        self.color = color
        self.horizontal = horizontal
        self.vertical = vertical
        self.rotation = rotation
    }
}

/// One thing drawn; a scene draws its items in order, later over earlier.
public indirect enum SceneItem: Sendable, Equatable {
    case rect(Rect, fill: Color?, stroke: Stroke?)
    /// Connected line segments, not closed.
    case polyline([Point], stroke: Stroke)
    case polygon([Point], fill: Color?, stroke: Stroke?)
    /// Markers: one circle of `radius` at each point.
    case circles([Point], radius: Double, fill: Color?, stroke: Stroke?)
    case text(Label)
    /// A rectangle filled with a linear gradient; stop offsets run from 0
    /// at the bottom to 1 at the top.
    case verticalGradient(Rect, stops: [GradientStop])
    /// Items drawn only inside `clip`.
    case clipped(Rect, [SceneItem])
}

public struct GradientStop: Sendable, Equatable {
    public var offset: Double
    public var color: Color

    public init(offset: Double, color: Color) {
        self.offset = offset
        self.color = color
    }
}

/// A finished picture: its size in CSS pixels, a background and the items,
/// ready for `PNGRenderer` or `SVGRenderer`.
public struct Scene: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var background: Color
    public var items: [SceneItem]

    public init(width: Double, height: Double, background: Color = .white, items: [SceneItem] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.items = items
    }
}
