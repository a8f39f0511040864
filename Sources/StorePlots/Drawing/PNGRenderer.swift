import CPangoCairo
import Foundation
import StoreCore

/// Draws a scene with cairo into an RGB image surface and encodes it as PNG
/// (cairo's own libpng writer): anti-aliased paths, text laid out and
/// shaped by pango.
///
/// The scene is in CSS pixels; `scale` (the DPI over 96) multiplies the
/// pixels, not the layout: at scale 2 an 800 × 600 scene is a 1600 × 1200
/// PNG with the same picture, twice as sharp.
public enum PNGRenderer {
    /// The PNG file's bytes. Fails (with cairo's message) only when cairo
    /// cannot allocate the surface.
    public static func png(_ scene: Scene, scale: Double = 1) throws -> [UInt8] {
        let width = Int32((scene.width * scale).rounded())
        let height = Int32((scene.height * scale).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
            throw StoreError("cairo could not create a \(width) × \(height) image.")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "create a \(width) × \(height) image")
        guard let cr = cairo_create(surface) else { throw StoreError("cairo could not create a drawing context.") }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, scale, scale)
        let context = pango_cairo_create_context(cr)
        TextMeasurer.configure(context)
        let layout = pango_layout_new(context)
        defer {
            g_object_unref(UnsafeMutableRawPointer(layout))
            g_object_unref(UnsafeMutableRawPointer(context))
        }
        setColor(cr, scene.background)
        cairo_paint(cr)
        let painter = Painter(cr: cr, layout: layout)
        for item in scene.items { painter.draw(item) }
        cairo_surface_flush(surface)
        try check(cairo_status(cr), "draw the plot")
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        try check(status, "encode the PNG")
        return sink.bytes
    }

    private final class ByteSink {
        var bytes: [UInt8] = []
    }

    private static func check(_ status: cairo_status_t, _ doing: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw StoreError("cairo could not \(doing): \(String(cString: cairo_status_to_string(status))).")
        }
    }

    static func setColor(_ cr: OpaquePointer, _ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }

    /// Draws scene items on one cairo context.
    private struct Painter {
        let cr: OpaquePointer
        let layout: OpaquePointer?

        func draw(_ item: SceneItem) {
            switch item {
            case .rect(let rect, let fill, let stroke):
                cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
                paint(fill: fill, stroke: stroke)
            case .polyline(let points, let stroke):
                guard points.count > 1 else { return }
                path(points)
                paint(fill: nil, stroke: stroke)
            case .polygon(let points, let fill, let stroke):
                guard points.count > 2 else { return }
                path(points)
                cairo_close_path(cr)
                paint(fill: fill, stroke: stroke)
            case .circles(let points, let radius, let fill, let stroke):
                for point in points {
                    cairo_new_sub_path(cr)
                    cairo_arc(cr, point.x, point.y, radius, 0, 2 * Double.pi)
                }
                paint(fill: fill, stroke: stroke)
            case .text(let label):
                text(label)
            case .verticalGradient(let rect, let stops):
                let pattern = cairo_pattern_create_linear(0, rect.maxY, 0, rect.minY)
                for stop in stops {
                    cairo_pattern_add_color_stop_rgba(pattern, stop.offset, stop.color.red, stop.color.green, stop.color.blue, stop.color.alpha)
                }
                cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
                cairo_set_source(cr, pattern)
                cairo_fill(cr)
                cairo_pattern_destroy(pattern)
            case .clipped(let rect, let items):
                cairo_save(cr)
                cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
                cairo_clip(cr)
                for item in items { draw(item) }
                cairo_restore(cr)
            }
        }

        private func path(_ points: [Point]) {
            cairo_move_to(cr, points[0].x, points[0].y)
            for point in points.dropFirst() { cairo_line_to(cr, point.x, point.y) }
        }

        /// Fills and then strokes the current path.
        private func paint(fill: Color?, stroke: Stroke?) {
            if let fill {
                setColor(cr, fill)
                if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
            }
            guard let stroke else {
                cairo_new_path(cr)
                return
            }
            setColor(cr, stroke.color)
            cairo_set_line_width(cr, stroke.width)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
            stroke.dash.withUnsafeBufferPointer { dash in
                cairo_set_dash(cr, dash.baseAddress, Int32(dash.count), 0)
            }
            cairo_stroke(cr)
        }

        private func text(_ label: Label) {
            guard let layout else { return }
            let size = TextMeasurer.measure(layout, label.text, label.style)
            cairo_save(cr)
            cairo_translate(cr, label.anchor.x, label.anchor.y)
            if label.rotation != 0 { cairo_rotate(cr, label.rotation * Double.pi / 180) }
            let offset = Label.offset(label, size)
            cairo_move_to(cr, offset.x, offset.y)
            setColor(cr, label.color)
            pango_cairo_update_layout(cr, layout)
            pango_cairo_show_layout(cr, layout)
            cairo_restore(cr)
        }
    }
}

extension Label {
    /// Where the top-left corner of the text's box goes, relative to the
    /// anchor (before rotation), for text of `size`.
    static func offset(_ label: Label, _ size: TextSize) -> Point {
        let x: Double
        switch label.horizontal {
        case .start: x = 0
        case .middle: x = -size.width / 2
        case .end: x = -size.width
        }
        let y: Double
        switch label.vertical {
        case .top: y = 0
        case .middle: y = -size.height / 2
        case .baseline: y = -size.baseline
        case .bottom: y = -size.height
        }
        return Point(x, y)
    }
}
