/// One set of axes with what is drawn on them: the unit a `Figure` lays out
/// (a learning curve has two side by side, loss and accuracy).
public struct Panel: Sendable {
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]
    public var legend: [LegendEntry]
    public var colorBar: ColorBar?
    /// Cells stay square (heatmaps): the plot area shrinks to fit.
    public var squareCells = false

    public init(title: String? = nil, x: Axis, y: Axis, marks: [Mark] = [], legend: [LegendEntry] = [],
                colorBar: ColorBar? = nil, squareCells: Bool = false) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.legend = legend
        self.colorBar = colorBar
        self.squareCells = squareCells
    }
}

/// A picture: a title over one or more panels side by side, `width` ×
/// `height` CSS pixels.
public struct Figure: Sendable {
    public var title: String?
    public var panels: [Panel]
    public var width: Double
    public var height: Double

    public init(title: String?, panels: [Panel], width: Double = 800, height: Double = 600) {
        self.title = title
        self.panels = panels
        self.width = width
        self.height = height
    }

    /// Space around the figure, between its title and the panels, and between panels.
    static let padding = 16.0
    static let titleGap = 10.0
    static let panelGap = 28.0

    /// The figure laid out and turned into scene items.
    public func scene(measurer: TextMeasurer = TextMeasurer()) -> Scene {
        var scene = Scene(width: width, height: height)
        if let title, !title.isEmpty {
            scene.items.append(.text(Label(title, at: Point(width / 2, Self.padding), style: .title, horizontal: .middle, vertical: .top)))
        }
        for layout in layouts(measurer: measurer) {
            scene.items += layout.items()
        }
        return scene
    }

    /// Each panel with the area it gets: side by side, below the title.
    func layouts(measurer: TextMeasurer) -> [PanelLayout] {
        var top = Self.padding
        if let title, !title.isEmpty {
            top += measurer.size(title, .title).height + Self.titleGap
        }
        let count = Double(max(panels.count, 1))
        let panelWidth = (width - 2 * Self.padding - Self.panelGap * (count - 1)) / count
        return panels.enumerated().map { index, panel in
            let area = Rect(x: Self.padding + Double(index) * (panelWidth + Self.panelGap), y: top,
                            width: panelWidth, height: height - top - Self.padding)
            return PanelLayout(panel: panel, area: area, measurer: measurer)
        }
    }
}
