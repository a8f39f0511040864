import CPangoCairo

/// The size of a label's text as pango lays it out in DejaVu Sans, in CSS
/// pixels: the logical box (the line's full height, ascent and descent)
/// and the baseline's distance from its top.
public struct TextSize: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var baseline: Double
}

/// Measures text with pango, so that layout (margins, label rotation,
/// legend boxes) knows how large every label is before anything is drawn.
///
/// Metrics hinting is off, so sizes are the font's own, the same at any
/// resolution and in the PNG and the SVG. One measurer serves one figure
/// on one thread (pango's font map is per thread); sizes are cached.
public final class TextMeasurer {
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private var cache: [Key: TextSize] = [:]

    private struct Key: Hashable {
        let text: String
        let style: TextStyle
    }

    /// The font family every label uses (Debian's fonts-dejavu-core).
    public static let family = "DejaVu Sans"

    public init() {
        let fontMap = pango_cairo_font_map_get_default()
        context = pango_font_map_create_context(fontMap)
        Self.configure(context)
        layout = pango_layout_new(context)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// The size of `text` in `style`.
    public func size(_ text: String, _ style: TextStyle) -> TextSize {
        let key = Key(text: text, style: style)
        if let known = cache[key] { return known }
        let measured = Self.measure(layout, text, style)
        cache[key] = measured
        return measured
    }

    /// The widest of `texts` in `style` (0 for none).
    public func widest(_ texts: [String], _ style: TextStyle) -> Double {
        texts.map { size($0, style).width }.max() ?? 0
    }

    /// Sets `layout`'s text and font and returns its size.
    static func measure(_ layout: OpaquePointer, _ text: String, _ style: TextStyle) -> TextSize {
        setText(layout, text, style)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        return TextSize(width: Double(logical.width) / scale, height: Double(logical.height) / scale,
                        baseline: Double(pango_layout_get_baseline(layout)) / scale)
    }

    /// Gives `layout` the text and the font of `style`.
    static func setText(_ layout: OpaquePointer, _ text: String, _ style: TextStyle) {
        let font = pango_font_description_new()
        pango_font_description_set_family(font, family)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_text(layout, text, -1)
    }

    /// Font options shared by measuring and drawing: metrics unhinted (the
    /// same sizes at every scale), outlines slightly hinted and
    /// grey-antialiased for crisp PNG text.
    static func configure(_ context: OpaquePointer?) {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_cairo_context_set_resolution(context, 96)
    }
}
