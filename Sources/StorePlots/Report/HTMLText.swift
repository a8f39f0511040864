import GRDB
import StoreCore

/// Pieces of HTML for the model report: escaped text, tables of stored
/// values, and a figure as inline SVG.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    static func escaped(_ text: String) -> String {
        SVGRenderer.escaped(text)
    }

    /// A stored value as a table cell's text: integers grouped ("16,000"),
    /// reals with 4 decimals, or grouped like integers when `whole` (a
    /// column of supports stored as REAL), NULL as "–".
    static func cell(_ value: DatabaseValue, whole: Bool = false) -> String {
        switch value.storage {
        case .null: return "–"
        case .int64(let integer): return NumberText.count(Int(integer))
        case .double(let real): return whole ? NumberText.count(Int(real)) : NumberText.fixed(real, decimals: 4)
        case .string(let text): return text
        case .blob(let data): return "<blob \(data.count) bytes>"
        }
    }

    /// A `<table>` with a header row. A column of numbers is right-aligned,
    /// its header too; a column whose reals are all whole prints them as
    /// integers.
    static func table(_ columns: [String], _ rows: [[DatabaseValue]]) -> String {
        let numeric = columns.indices.map { index in
            rows.allSatisfy { row in
                switch row[index].storage {
                case .int64, .double, .null: return true
                case .string, .blob: return false
                }
            }
        }
        let whole = columns.indices.map { index in
            rows.allSatisfy { row in
                guard case .double(let real) = row[index].storage else { return true }
                return real == real.rounded() && abs(real) < 1e15
            }
        }
        var html = "<table>\n<thead><tr>"
        for (index, column) in columns.enumerated() {
            html += numeric[index] ? "<th class=\"n\">\(escaped(column))</th>" : "<th>\(escaped(column))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (index, value) in row.enumerated() {
                let text = escaped(cell(value, whole: whole[index]))
                html += numeric[index] ? "<td class=\"n\">\(text)</td>" : "<td>\(text)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A table of label–value pairs.
    static func pairs(_ pairs: [(String, String)]) -> String {
        "<table class=\"pairs\">\n" + pairs.map { "<tr><th>\(escaped($0.0))</th><td>\(escaped($0.1))</td></tr>\n" }.joined() + "</table>\n"
    }

    /// A figure drawn as inline SVG, its ids starting with `id`.
    static func figure(_ figure: Figure, id: String, caption: String) -> String {
        let measurer = TextMeasurer()
        let svg = SVGRenderer(idPrefix: id, measurer: measurer).svg(figure.scene(measurer: measurer))
        return "<figure>\n\(svg)<figcaption>\(escaped(caption))</figcaption>\n</figure>\n"
    }

    /// The page's style sheet: system fonts, readable tables, figures that
    /// shrink with the window, nothing fetched.
    static let style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; margin: 0; background: #f6f6f4; }
        main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
        h1 { font-size: 26px; margin: 8px 0 4px; }
        h1 .version { font-weight: normal; color: #666; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #0072b2; }
        p.lead { color: #555; margin: 0 0 16px; }
        table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #e3e3e3; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #888; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #f7f7f7; }
        table.pairs th { color: #555; font-weight: normal; white-space: nowrap; }
        .figures { display: flex; flex-wrap: wrap; gap: 16px; }
        figure { margin: 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 13px; color: #555; margin: 4px 0 0 8px; }
        details { margin: 8px 0; }
        summary { cursor: pointer; color: #0072b2; }
        pre { background: #f3f3f3; padding: 12px; overflow-x: auto; font-size: 12px; }
        footer { margin-top: 40px; font-size: 12px; color: #777; }
        """
}
