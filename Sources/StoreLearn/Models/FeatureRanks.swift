import StoreCore

/// Every feature of a training matrix presorted once: each row's rank among
/// the feature's distinct values, and those values in increasing order. Tree
/// growth sorts a node's rows by these ranks (small integers, so a radix sort
/// does) instead of by the doubles, and reads the doubles back only to place
/// a threshold. One `FeatureRanks` serves every tree of a forest.
///
/// Values that compare equal (0.0 and -0.0) share a rank; the features must
/// hold no NaN (fit checks this first).
struct FeatureRanks: Sendable {
    let rowCount: Int
    let featureCount: Int
    /// `ranks[feature * rowCount + row]`: column after column.
    let ranks: [UInt32]
    /// The distinct values of feature `f`, increasing, at
    /// `distinctValues[distinctStart[f]..<distinctStart[f + 1]]`.
    let distinctValues: [Double]
    let distinctStart: [Int]

    /// Ranks the columns of `features`, one column per core at a time.
    init(_ features: Matrix) {
        let rowCount = features.rows
        let columns = Parallel.map(features.columns) { feature in
            let column = features.column(feature)
            let order = (0..<rowCount).sorted { column[$0] < column[$1] }
            var ranks = [UInt32](repeating: 0, count: rowCount)
            var distinct: [Double] = []
            for row in order {
                let value = column[row]
                if distinct.last != value { distinct.append(value) }
                ranks[row] = UInt32(distinct.count - 1)
            }
            return (ranks: ranks, distinct: distinct)
        }
        var distinctStart = [0]
        for column in columns { distinctStart.append((distinctStart.last ?? 0) + column.distinct.count) }
        self.rowCount = rowCount
        self.featureCount = features.columns
        self.ranks = columns.flatMap(\.ranks)
        self.distinctValues = columns.flatMap(\.distinct)
        self.distinctStart = distinctStart
    }

    /// The threshold between two neighbouring distinct values `below` <
    /// `above` of a feature: their midpoint `below/2 + above/2`, or `below`
    /// itself in the rare case the midpoint rounds up to `above` (as
    /// scikit-learn places it), so that `below` goes left and `above` right.
    static func threshold(below: Double, above: Double) -> Double {
        let middle = below / 2 + above / 2
        return middle < above ? middle : below
    }
}
