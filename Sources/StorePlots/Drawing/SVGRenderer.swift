import Foundation

/// Writes a scene as SVG text: real `<text>` elements (searchable,
/// selectable, and placed by the same pango measurements as the PNG) in
/// DejaVu Sans, with Verdana and sans-serif as fallbacks.
///
/// cairo's own SVG surface draws every glyph as a path under ids such as
/// `glyph0-1`, so its labels are not text and two of its drawings inlined
/// in one HTML page overwrite each other's glyphs; hence this writer. Ids
/// (clip paths, gradients) start with `idPrefix`, so several drawings can
/// share a page.
public struct SVGRenderer {
    public var idPrefix: String
    private let measurer: TextMeasurer

    public init(idPrefix: String = "p", measurer: TextMeasurer = TextMeasurer()) {
        self.idPrefix = idPrefix
        self.measurer = measurer
    }

    /// The whole document, starting `<svg` (no XML declaration, so it can
    /// also be inlined into HTML as it is).
    public func svg(_ scene: Scene) -> String {
        var writer = Writer(prefix: idPrefix, measurer: measurer)
        let w = Self.number(scene.width), h = Self.number(scene.height)
        writer.out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
        writer.out += "font-family=\"\(TextMeasurer.family), Verdana, sans-serif\">\n"
        writer.out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"\(scene.background.hexText)\"/>\n"
        for item in scene.items { writer.draw(item) }
        writer.out += "</svg>\n"
        return writer.out
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// `text` with the five XML special characters escaped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private struct Writer {
        let prefix: String
        let measurer: TextMeasurer
        var out = ""
        var nextID = 0

        mutating func draw(_ item: SceneItem) {
            switch item {
            case .rect(let rect, let fill, let stroke):
                out += "<rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\"\(paint(fill, stroke))/>\n"
            case .polyline(let points, let stroke):
                guard points.count > 1 else { return }
                out += "<polyline points=\"\(list(points))\"\(paint(nil, stroke)) stroke-linejoin=\"round\"/>\n"
            case .polygon(let points, let fill, let stroke):
                guard points.count > 2 else { return }
                out += "<polygon points=\"\(list(points))\"\(paint(fill, stroke)) stroke-linejoin=\"round\"/>\n"
            case .circles(let points, let radius, let fill, let stroke):
                guard !points.isEmpty else { return }
                out += "<g\(paint(fill, stroke))>"
                for point in points {
                    out += "<circle cx=\"\(n(point.x))\" cy=\"\(n(point.y))\" r=\"\(n(radius))\"/>"
                }
                out += "</g>\n"
            case .text(let label):
                text(label)
            case .verticalGradient(let rect, let stops):
                let id = newID("g")
                out += "<defs><linearGradient id=\"\(id)\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
                for stop in stops {
                    out += "<stop offset=\"\(n(stop.offset))\" stop-color=\"\(stop.color.hexText)\"/>"
                }
                out += "</linearGradient></defs>\n"
                out += "<rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\" fill=\"url(#\(id))\"/>\n"
            case .clipped(let rect, let items):
                let id = newID("c")
                out += "<defs><clipPath id=\"\(id)\"><rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\"/></clipPath></defs>\n"
                out += "<g clip-path=\"url(#\(id))\">\n"
                for item in items { draw(item) }
                out += "</g>\n"
            }
        }

        mutating func newID(_ kind: String) -> String {
            nextID += 1
            return "\(prefix)\(kind)\(nextID)"
        }

        mutating func text(_ label: Label) {
            let size = measurer.size(label.text, label.style)
            let offset = Label.offset(label, size)
            // SVG places text by its baseline's start; the offset is the
            // box's top-left corner, so add the baseline to it.
            let x = offset.x, y = offset.y + size.baseline
            var attributes = "font-size=\"\(n(label.style.size))\""
            if label.style.bold { attributes += " font-weight=\"bold\"" }
            if label.color != .ink { attributes += " fill=\"\(label.color.hexText)\"" }
            let escapedText = SVGRenderer.escaped(label.text)
            if label.rotation == 0 {
                out += "<text x=\"\(n(label.anchor.x + x))\" y=\"\(n(label.anchor.y + y))\" \(attributes)>\(escapedText)</text>\n"
            } else {
                out += "<text transform=\"translate(\(n(label.anchor.x)) \(n(label.anchor.y))) rotate(\(n(label.rotation)))\" x=\"\(n(x))\" y=\"\(n(y))\" \(attributes)>\(escapedText)</text>\n"
            }
        }

        func paint(_ fill: Color?, _ stroke: Stroke?) -> String {
            var text = ""
            if let fill {
                text += " fill=\"\(fill.hexText)\""
                if fill.alpha < 1 { text += " fill-opacity=\"\(n(fill.alpha))\"" }
            } else {
                text += " fill=\"none\""
            }
            if let stroke {
                text += " stroke=\"\(stroke.color.hexText)\" stroke-width=\"\(n(stroke.width))\""
                if stroke.color.alpha < 1 { text += " stroke-opacity=\"\(n(stroke.color.alpha))\"" }
                if !stroke.dash.isEmpty { text += " stroke-dasharray=\"\(stroke.dash.map(n).joined(separator: " "))\"" }
            }
            return text
        }

        func n(_ value: Double) -> String {
            SVGRenderer.number(value)
        }

        func list(_ points: [Point]) -> String {
            points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        }
    }
}
