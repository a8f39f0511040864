/// Loss and accuracy per epoch of a training run, train against
/// validation, as Keras' `history.history` is plotted: one panel for the
/// loss, one for the accuracy when the run recorded it.
public struct LearningCurves: Sendable {
    /// One epoch of one split.
    public struct Epoch: Sendable, Equatable {
        public let epoch: Int
        public let split: String
        public let loss: Double
        public let accuracy: Double?

        public init(epoch: Int, split: String, loss: Double, accuracy: Double?) {
            self.epoch = epoch
            self.split = split
            self.loss = loss
            self.accuracy = accuracy
        }
    }

    public let model: String
    public let epochs: [Epoch]

    public init(model: String, epochs: [Epoch]) {
        self.model = model
        self.epochs = epochs
    }

    public func figure(title: String?, width: Double, height: Double) -> Figure {
        let splits = ["train", "validation"].filter { split in epochs.contains { $0.split == split } }
        let last = epochs.map(\.epoch).max() ?? 1
        let first = epochs.map(\.epoch).min() ?? 1
        let marker: Double? = last - first < 40 ? 3 : nil
        func panel(_ name: String, _ value: (Epoch) -> Double?) -> Panel? {
            var marks: [Mark] = []
            var legend: [LegendEntry] = []
            var values: [Double] = []
            for (index, split) in splits.enumerated() {
                let points = epochs.filter { $0.split == split }.sorted { $0.epoch < $1.epoch }
                    .compactMap { epoch in value(epoch).map { DataPoint(Double(epoch.epoch), $0) } }
                guard !points.isEmpty else { continue }
                values += points.map(\.y)
                let stroke = Stroke(Palette.color(index), width: 2)
                marks.append(.line(points, stroke, marker: marker))
                legend.append(LegendEntry(split, .line(stroke, marker: marker)))
            }
            guard let low = values.min(), let high = values.max() else { return nil }
            var x = Axis.numeric("epoch", from: Double(first), to: Double(last), margin: 0.03)
            x.integerTicks = true
            return Panel(title: name, x: x, y: Axis.numeric(name, from: low, to: high), marks: marks, legend: legend)
        }
        let panels = [panel("loss", { $0.loss }), panel("accuracy", { $0.accuracy })].compactMap { $0 }
        return Figure(title: title ?? "Learning curves of \(model)", panels: panels, width: width, height: height)
    }
}
