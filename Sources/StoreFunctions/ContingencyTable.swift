/// The counts of each pair of values of two variables (a crosstab), and
/// Pearson's chi-square test of their independence, as scipy 1.17's
/// `chi2_contingency(observed, correction=...)` computes it on the table.
///
/// - Rows are the values of the first variable, columns those of the
///   second, each in SQLite's ascending order; only values that occur are
///   in the table, so every expected count is above 0.
/// - Expected counts are row total × column total / n; chi2 = Σ(O − E)²/E,
///   dof = (rows − 1)(columns − 1), p = chi2.sf(chi2, dof).
/// - With dof = 1 (a 2 × 2 table) and the correction on, Yates' correction
///   moves each observed count 0.5 towards its expected one (no further than
///   it, scipy's rule since gh-13875).
/// - With dof = 0 (one row or one column) chi2 is 0 and p is 1, as scipy.
/// - Cramér's V is √(chi2 / (n · (min(rows, columns) − 1))) from the
///   uncorrected chi2: scipy's `contingency.association(observed,
///   method='cramer')`, whose `correction` defaults to False. Null with one
///   row or one column.
struct ContingencyTable {
    var rows = GroupIndex()
    var columns = GroupIndex()
    /// Count per (row number, column number), numbered as the indexes number them.
    private var counts: [Cell: Int] = [:]

    struct Cell: Hashable {
        let row: Int
        let column: Int
    }

    mutating func add(row: Int, column: Int, _ delta: Int = 1) {
        counts[Cell(row: row, column: column), default: 0] += delta
    }

    /// The test on the counts now (levels whose counts have all left a
    /// window frame drop out); nil with no counts.
    func test(correction: Bool) -> TestResult? {
        var rowTotals = [Int](repeating: 0, count: rows.values.count)
        var columnTotals = [Int](repeating: 0, count: columns.values.count)
        for (cell, count) in counts {
            rowTotals[cell.row] += count
            columnTotals[cell.column] += count
        }
        let rowOrder = rows.values.indices.filter { rowTotals[$0] > 0 }
            .sorted { GroupValue.before(rows.values[$0], rows.values[$1]) }
        let columnOrder = columns.values.indices.filter { columnTotals[$0] > 0 }
            .sorted { GroupValue.before(columns.values[$0], columns.values[$1]) }
        guard !rowOrder.isEmpty, !columnOrder.isEmpty else { return nil }
        let observed = rowOrder.map { row in columnOrder.map { column in counts[Cell(row: row, column: column)] ?? 0 } }
        let n = Double(rowOrder.reduce(0) { $0 + rowTotals[$1] })
        let dof = (rowOrder.count - 1) * (columnOrder.count - 1)

        /// Σ(O − E)²/E, with Yates' shift when `yates`.
        func statistic(yates: Bool) -> Double {
            var sum = CompensatedSum()
            for (i, row) in rowOrder.enumerated() {
                for (j, column) in columnOrder.enumerated() {
                    let expected = Double(rowTotals[row]) * Double(columnTotals[column]) / n
                    var difference = Double(observed[i][j]) - expected
                    if yates {
                        difference = difference > 0 ? max(0, difference - 0.5) : min(0, difference + 0.5)
                    }
                    sum.add(difference * difference / expected)
                }
            }
            return sum.value
        }

        let plain = dof == 0 ? 0 : statistic(yates: false)
        let chi2 = dof == 1 && correction ? statistic(yates: true) : plain
        let shorter = min(rowOrder.count, columnOrder.count)
        var result = TestResult()
        result.set("chi2", chi2)
        result.set("dof", integer: dof)
        result.set("p", dof == 0 ? 1 : Probability.chi2SF(chi2, Double(dof)))
        result.set("cramers_v", shorter > 1 ? (plain / (n * Double(shorter - 1))).squareRoot() : nil)
        result.set("n", integer: Int(n))
        result.set("a", groups: rowOrder.map { rows.values[$0] })
        result.set("b", groups: columnOrder.map { columns.values[$0] })
        result.set("observed", table: observed)
        return result
    }
}
