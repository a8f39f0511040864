import GRDB
import StoreCore

extension Histogram {
    /// What was read for a histogram, besides the histogram.
    public struct Reading: Sendable {
        public let histogram: Histogram
        /// Values counted, and rows left out for a NULL.
        public let values: Int
        public let nulls: Int
    }

    /// The histogram of `column` of `source`, per value of `group` when
    /// given, on bins that numpy's `histogram_bin_edges(values, bins)`
    /// would choose for all the values together.
    ///
    /// The column is read once (`NumericColumns`); the bin edges come from
    /// its count, minimum, maximum and, for `fd` and `auto`, its quartiles
    /// by selection; each value is then binned in one pass. No values (an
    /// empty table, all NULL) and infinite values are errors.
    public static func read(_ source: PlotSource, column name: String, by groupName: String? = nil, bins choice: BinChoice = .rule(.auto),
                            density: Bool = false, in db: Database) throws -> Reading {
        let resolved = try source.resolve(in: db)
        let column = try resolved.column(name)
        let groups = try groupName.map { try GroupValues.read(resolved.column($0), of: resolved, where: [column], in: db) }
        let read = try NumericColumns.read([column], of: resolved, groups: groups, in: db)
        var values = read.columns[0]
        guard !values.isEmpty else {
            throw StoreError("nothing to plot: '\(column)' of \(resolved.name) has no values (\(NumberText.count(read.nulls)) NULL).")
        }
        var summary: ValueSummary
        if groups == nil {
            summary = ValueSummary.of(&values, for: choice)
        } else {
            var scratch = values
            summary = ValueSummary.of(&scratch, for: choice)
        }
        guard summary.minimum.isFinite && summary.maximum.isFinite else {
            throw StoreError("'\(column)' of \(resolved.name) holds infinite values, and a histogram's range must be finite (numpy refuses too). Leave them out with --sql \"… WHERE \(column) BETWEEN -1e308 AND 1e308\".")
        }
        let bins = HistogramBins(summary, choice: choice)
        let series: [Series]
        if let groups {
            var counts = Array(repeating: [Int](repeating: 0, count: bins.count), count: groups.values.count)
            for (value, group) in zip(values, read.groups) {
                counts[group][bins.index(of: value)] += 1
            }
            series = zip(groups.labels, counts).map { Series(name: $0.0, counts: $0.1) }
        } else {
            series = [Series(name: column, counts: bins.counts(values))]
        }
        let histogram = Histogram(column: column, bins: bins, series: series, groupColumn: groups?.column, density: density)
        return Reading(histogram: histogram, values: values.count, nulls: read.nulls)
    }
}
