import GRDB
import StoreCore

extension ScatterPlot {
    /// What was read for a scatter plot, besides the plot.
    public struct Reading: Sendable {
        public let plot: ScatterPlot
        /// Rows with both values, rows drawn, rows left out for a NULL.
        public let rows: Int
        public let drawn: Int
        public let nulls: Int
    }

    /// The points (x, y) of `source`, coloured by `group`. With more rows
    /// than `sample` (0: no limit), `sample` of them are drawn, chosen by
    /// reservoir sampling (Algorithm R) with `SeededRandom(seed)` over the
    /// rows in the source's order: the same rows every time for the same
    /// table and seed.
    public static func read(_ source: PlotSource, x xName: String, y yName: String, by groupName: String? = nil,
                            sample: Int = 10_000, seed: UInt64 = 0, in db: Database) throws -> Reading {
        let resolved = try source.resolve(in: db)
        let xColumn = try resolved.column(xName)
        let yColumn = try resolved.column(yName)
        let groups = try groupName.map { try GroupValues.read(resolved.column($0), of: resolved, where: [xColumn, yColumn], in: db) }
        let read = try NumericColumns.read([xColumn, yColumn], of: resolved, groups: groups, in: db)
        let rows = read.columns[0].count
        guard rows > 0 else {
            throw StoreError("nothing to plot: \(resolved.name) has no rows with both '\(xColumn)' and '\(yColumn)' (\(NumberText.count(read.nulls)) with a NULL).")
        }
        var chosen = Array(0..<min(rows, sample > 0 ? sample : rows))
        if chosen.count < rows {
            var random = SeededRandom(seed: seed)
            for row in chosen.count..<rows {
                let slot = Int(random.nextBits() % UInt64(row + 1))
                if slot < chosen.count { chosen[slot] = row }
            }
            chosen.sort()
        }
        let groupCount = groups?.values.count ?? 1
        var points = Array(repeating: [DataPoint](), count: groupCount)
        for row in chosen {
            let group = groups == nil ? 0 : read.groups[row]
            points[group].append(DataPoint(read.columns[0][row], read.columns[1][row]))
        }
        let names = groups?.labels ?? [yColumn]
        let plot = ScatterPlot(xColumn: xColumn, yColumn: yColumn, groupColumn: groups?.column,
                               series: zip(names, points).map { ScatterPlot.Series(name: $0.0, points: $0.1) })
        return Reading(plot: plot, rows: rows, drawn: chosen.count, nulls: read.nulls)
    }
}
