/// The tests `store test` runs: one per test aggregate of HypothesisTests.swift.
public enum HypothesisTestKind: String, CaseIterable, Sendable {
    case ttestInd = "ttest_ind"
    case ttest1samp = "ttest_1samp"
    case ttestRel = "ttest_rel"
    case ztest
    case ztestProp = "ztest_prop"
    case ftestVar = "ftest_var"
    case anovaOneway = "anova_oneway"
    case levene
    case mannwhitneyu
    case chi2Independence = "chi2_independence"
    case pearsonTest = "pearson_test"

    /// The options that name columns, as `store test` spells them.
    public enum ColumnOption: String, CaseIterable, Sendable {
        case value, by, x, y, a, b
    }

    /// The column options this test needs (and the only ones it takes).
    public var columnOptions: [ColumnOption] {
        switch self {
        case .ttestInd, .ztest, .ztestProp, .ftestVar, .anovaOneway, .levene, .mannwhitneyu: return [.value, .by]
        case .ttest1samp: return [.value]
        case .ttestRel, .chi2Independence: return [.a, .b]
        case .pearsonTest: return [.x, .y]
        }
    }
}
