/// A point in data coordinates (a category's position is its index).
public struct DataPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Something drawn in a panel, placed in data coordinates.
public enum Mark: Sendable {
    /// A rectangle between two corners (a bar, a histogram bin, a heatmap cell, a box).
    case rect(from: DataPoint, to: DataPoint, fill: Color?, stroke: Stroke?)
    /// The region between a line through the points and the level
    /// `baseline` (a histogram's bars as one shape, so no seams show between
    /// bars narrower than a pixel).
    case area([DataPoint], baseline: Double, fill: Color, stroke: Stroke?)
    /// A line through the points, with optional round markers of `marker` radius.
    case line([DataPoint], Stroke, marker: Double?)
    /// Round markers.
    case points([DataPoint], radius: Double, fill: Color?, stroke: Stroke?)
    /// Text at a data point, moved by `dx`, `dy` pixels.
    case text(String, at: DataPoint, dx: Double = 0, dy: Double = 0, style: TextStyle, color: Color,
              horizontal: Label.Horizontal, vertical: Label.Vertical)
}

/// One entry of a legend: a label and what it stands for.
public struct LegendEntry: Sendable {
    public enum Swatch: Sendable {
        /// A filled patch (bars, histograms, boxes).
        case patch(Color, stroke: Stroke?)
        /// A line, with a marker when the curve has them.
        case line(Stroke, marker: Double?)
        /// A round marker (scatter points).
        case marker(Color)
    }

    public var label: String
    public var swatch: Swatch

    public init(_ label: String, _ swatch: Swatch) {
        self.label = label
        self.swatch = swatch
    }
}

/// A colour bar beside a heatmap: the colour map over [lower, upper].
public struct ColorBar: Sendable {
    public var map: ColorMap
    public var lower: Double
    public var upper: Double

    public init(map: ColorMap, lower: Double, upper: Double) {
        self.map = map
        self.lower = lower
        self.upper = upper
    }
}
