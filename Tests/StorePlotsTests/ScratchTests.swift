import Foundation
import StorePlots
import XCTest

final class ScratchTests: XCTestCase {
    func testScratch() throws {
        var rng = SystemRandomNumberGenerator()
        var a: [Double] = (0..<5000).map { _ in Double.random(in: 0...1, using: &rng) * 50000 + Double.random(in: 0...1, using: &rng) * 30000 }
        var s = ValueSummary.of(&a, for: .rule(.auto))
        let bins = HistogramBins(s, choice: .rule(.auto))
        let b = a.map { $0 * 0.8 + 10000 }
        let h = Histogram(column: "income", bins: bins, series: [.init(name: "0", counts: bins.counts(a)), .init(name: "1", counts: bins.counts(b))], groupColumn: "default_")
        _ = s
        let out = "/tmp/plots-scratch"
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let w1 = try PlotFile.write(h.figure(title: nil, width: 800, height: 600), to: "\(out)/hist.png")
        print("hist", w1.drawSeconds)
        _ = try PlotFile.write(h.figure(title: nil, width: 800, height: 600), to: "\(out)/hist.svg")
        let names = ["age", "income", "employment_years", "loan_amount", "interest_rate", "debt_to_income", "default_"]
        var m: [[Double?]] = []
        for i in names.indices {
            var row: [Double?] = []
            for j in names.indices {
                let v: Double? = i == j ? 1.0 : (j == 3 && i == 5 ? nil : sin(Double(i * 7 + j * 7)))
                row.append(v)
            }
            m.append(row)
        }
        _ = try PlotFile.write(MatrixHeatmap.correlation(names, m).figure(title: nil, width: 800, height: 600), to: "\(out)/heat.png")
        let conf = MatrixHeatmap.confusion(model: "credit_model", split: "test", classes: ["0", "1"], counts: [[15000, 1200], [2100, 1700]], normalized: false)
        _ = try PlotFile.write(conf.figure(title: nil, width: 800, height: 600), to: "\(out)/conf.png")
        let roc = ROCCurves(model: "credit_model", split: "test", curves: [.init(label: "1", points: [DataPoint(0, 0), DataPoint(0.1, 0.5), DataPoint(0.3, 0.8), DataPoint(1, 1)])])
        _ = try PlotFile.write(roc.figure(title: nil, width: 800, height: 600), to: "\(out)/roc.png")
        let vc = ValueCounts(column: "default_", values: [("0", 80123), ("1", 19877)])
        _ = try PlotFile.write(vc.figure(title: nil, width: 800, height: 600), to: "\(out)/bar.png")
        let box = BoxPlot(column: "income", groupColumn: "credit_grade", boxes: ["A", "B", "C"].enumerated().map { i, n in
            .init(name: n, count: 100, q1: 30000 + Double(i) * 1000, median: 40000, q3: 55000, lowerWhisker: 5000, upperWhisker: 90000, outliers: [100000, 120000, 150000 + Double(i) * 1e4]) })
        _ = try PlotFile.write(box.figure(title: nil, width: 800, height: 600), to: "\(out)/box.png")
        let imp = FeatureImportances(model: "credit_model", method: "permutation", features: names.enumerated().map { .init(name: $0.element, importance: 0.1 / Double($0.offset + 1), std: 0.005) })
        _ = try PlotFile.write(imp.figure(title: nil, width: 800, height: 600), to: "\(out)/imp.png")
        var epochs: [LearningCurves.Epoch] = []
        for e in 1...12 {
            let d = Double(e)
            epochs.append(LearningCurves.Epoch(epoch: e, split: "train", loss: 1 / d, accuracy: 1 - 0.5 / d))
            epochs.append(LearningCurves.Epoch(epoch: e, split: "validation", loss: 1.2 / d + 0.01 * d, accuracy: 0.9 - 0.5 / d))
        }
        let lc = LearningCurves(model: "net", epochs: epochs)
        _ = try PlotFile.write(lc.figure(title: nil, width: 900, height: 450), to: "\(out)/learning.png")
    }
}
