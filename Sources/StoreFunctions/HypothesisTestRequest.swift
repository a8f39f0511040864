/// One run of `store test`: the test, where, on which columns, with which options.
public struct HypothesisTestRequest: Sendable {
    public var kind: HypothesisTestKind
    /// The table or view.
    public var table: String
    /// The columns, by option (`value`, `by`, `x`, `y`, `a`, `b`).
    public var columns: [HypothesisTestKind.ColumnOption: String] = [:]
    /// `ttest_1samp`'s hypothesized mean.
    public var mu: Double?
    /// `ttest_ind`: Student's test (true) or Welch's (false).
    public var equalVariances = true
    public var center: LeveneCenter?
    /// `chi2_independence`: Yates' correction on 2 × 2 tables.
    public var correction = true
    /// SQL condition the user writes, run as the WHERE clause.
    public var condition: String?

    public init(kind: HypothesisTestKind, table: String) {
        self.kind = kind
        self.table = table
    }
}
