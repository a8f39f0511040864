import GRDBSQLite

/// Hypothesis tests: aggregates that test the rows of a group (or a whole
/// table) and return one JSON object each, with the numbers scipy and
/// statsmodels give on the same values.
///
/// `ttest_ind(x, g [, equal_var])`, `ttest_1samp(x, mu)`, `ttest_rel(a, b)`,
/// `ztest(x, g)`, `ztest_prop(success, g)`, `ftest_var(x, g)`,
/// `anova_oneway(x, g)`, `levene(x, g [, center])`, `mannwhitneyu(x, g)`,
/// `chi2_independence(a, b [, correction])`, `pearson_test(x, y)`.
///
/// (1) A row with NULL in a data argument (x, g, a, b, y, success) is
///     skipped. Numeric arguments are read as Statistics.swift reads them
///     (INTEGER, REAL, or TEXT that looks like a number); other TEXT and
///     BLOBs there are skipped too. `ztest_prop`'s success must be 0 or 1
///     (a condition such as `predicted = actual`): any other value is an error.
/// (2) A group argument (g; both arguments of `chi2_independence`) takes any
///     value. Groups are ordered ascending as SQLite orders values: numbers
///     (1 and 1.0 alike) before TEXT (by code point) before BLOBs. A
///     two-sample statistic is "first group minus (or over) second group";
///     a CASE chooses which comes first:
///     `ttest_ind(x, CASE g WHEN 'treated' THEN 0 ELSE 1 END)`.
/// (3) The two-sample tests (`ttest_ind`, `ztest`, `ztest_prop`,
///     `ftest_var`, `mannwhitneyu`) need exactly 2 groups, `anova_oneway`
///     and `levene` at least 2; other counts are an error naming the groups
///     found: `ttest_ind(): the second argument must hold exactly 2 groups,
///     and it holds 3: 'a', 'b', 'c'. …`.
/// (4) With no rows (after rule 1) the result is NULL. With too few rows
///     for a statistic (a group of one value, a single pair) or where it is
///     undefined (a zero variance), the statistic is JSON null, never NaN;
///     the rest of the object is still there. An infinite statistic (every
///     value equal within each group, the means apart) is null too, and its
///     p-value is 0, as scipy's.
/// (5) The result is a JSON object with sorted keys: the statistic, its
///     degrees of freedom, `p` (two-sided), an effect size, and for the group
///     tests `groups`, `n` and `mean` with one entry per group, in the order
///     of rule 2. `json_extract(ttest_ind(x, g), '$.p')` reads one value.
/// (6) Options (`equal_var`, `center`, `correction`) and `mu` must be the
///     same on every row (SQL constants); otherwise an error.
/// (7) p-values come from the distribution functions of Distributions.swift
///     and keep their relative precision deep in the tails (2.8e-286 is not 0).
/// (8) Every function works with `OVER (…)`: as a frame slides, the row that
///     leaves is the oldest of its group.
/// (9) A row's step appends its value to its group's array (8 bytes; 16 for
///     a pair), with no other allocation once its group is known; the test
///     runs once per result, on those arrays.
///
/// References: scipy 1.17 `ttest_ind`, `ttest_1samp`, `ttest_rel`,
/// `f_oneway`, `levene`, `mannwhitneyu`, `chi2_contingency`,
/// `contingency.association`, `pearsonr`, `f.sf`/`f.cdf`; statsmodels 0.15
/// `stats.weightstats.ztest` and `stats.proportion.proportions_ztest`. Each
/// test's file says how it follows its reference: MeanTests.swift,
/// VarianceTests.swift, MannWhitney.swift, ContingencyTable.swift,
/// CorrelationTest.swift.
enum HypothesisTests {
    static let all: [AggregateFunction] = [
        AggregateFunction("ttest_ind", arguments: 2) { GroupTestAccumulator("ttest_ind", .t) },
        AggregateFunction("ttest_ind", arguments: 3) { GroupTestAccumulator("ttest_ind", .t) },
        AggregateFunction("ztest", arguments: 2) { GroupTestAccumulator("ztest", .z) },
        AggregateFunction("ztest_prop", arguments: 2) { GroupTestAccumulator("ztest_prop", .proportions) },
        AggregateFunction("ftest_var", arguments: 2) { GroupTestAccumulator("ftest_var", .varianceRatio) },
        AggregateFunction("anova_oneway", arguments: 2) { GroupTestAccumulator("anova_oneway", .anova) },
        AggregateFunction("levene", arguments: 2) { GroupTestAccumulator("levene", .levene) },
        AggregateFunction("levene", arguments: 3) { GroupTestAccumulator("levene", .levene) },
        AggregateFunction("mannwhitneyu", arguments: 2) { GroupTestAccumulator("mannwhitneyu", .mannWhitney) },
        AggregateFunction("ttest_1samp", arguments: 2) { PairedTestAccumulator("ttest_1samp", .oneSample) },
        AggregateFunction("ttest_rel", arguments: 2) { PairedTestAccumulator("ttest_rel", .paired) },
        AggregateFunction("pearson_test", arguments: 2) { PairedTestAccumulator("pearson_test", .pearson) },
        AggregateFunction("chi2_independence", arguments: 2) { ContingencyAccumulator() },
        AggregateFunction("chi2_independence", arguments: 3) { ContingencyAccumulator() },
    ]

    /// Rule (3)'s error: what the group argument must hold and what it holds.
    static func groupCountError(_ function: String, needs: String, found groups: [GroupValue]) -> SQLFunctionError {
        let shown = groups.prefix(10).map(\.literal).joined(separator: ", ")
        let more = groups.count > 10 ? ", … (\(groups.count) in all)" : ""
        return SQLFunctionError(
            "\(function)(): the second argument must hold \(needs) groups, and it holds \(groups.count): \(shown)\(more). "
                + "Keep the groups to compare with WHERE, or map them to two with CASE.")
    }

    /// A 0-or-1 option argument (`equal_var`, `correction`), checked against
    /// the value of earlier rows (rule 6).
    static func flag(_ arguments: SQLArguments, _ index: Int, function: String, name: String, previous: Bool?) throws -> Bool {
        guard let number = arguments.number(index), number == 0 || number == 1 else {
            throw SQLFunctionError("\(function)(): \(Distributions.ordinals[index]) argument (\(name)) must be 0 or 1")
        }
        let value = number == 1
        if let previous, previous != value {
            throw SQLFunctionError("\(function)(): \(Distributions.ordinals[index]) argument (\(name)) must be the same on every row")
        }
        return value
    }
}

// MARK: - Tests over groups

/// The tests of one numeric argument split by a group argument.
final class GroupTestAccumulator: Accumulator {
    enum Test {
        case t, z, proportions, varianceRatio, anova, levene, mannWhitney

        var twoSamples: Bool {
            switch self {
            case .anova, .levene: return false
            case .t, .z, .proportions, .varianceRatio, .mannWhitney: return true
            }
        }
    }

    private let name: String
    private let test: Test
    private var samples = GroupedSamples()
    /// `ttest_ind`'s third argument (Student when true, the default).
    private var equalVariances: Bool?
    /// `levene`'s third argument, and its bytes for the check of rule (6).
    private var center: LeveneCenter?
    private var centerBytes: [UInt8] = []

    init(_ name: String, _ test: Test) {
        self.name = name
        self.test = test
    }

    /// The numeric argument of the row, nil to skip it (rule 1).
    private func number(_ arguments: SQLArguments) throws -> Double? {
        if arguments.isNull(0) { return nil }
        guard test == .proportions else { return arguments.number(0) }
        guard let value = arguments.number(0), value == 0 || value == 1 else {
            throw SQLFunctionError("\(name)(): first argument (success) must be 0 or 1, such as the condition predicted = actual")
        }
        return value
    }

    private func readOptions(_ arguments: SQLArguments) throws {
        guard arguments.count > 2 else { return }
        switch test {
        case .t:
            equalVariances = try HypothesisTests.flag(arguments, 2, function: name, name: "equal_var", previous: equalVariances)
        case .levene:
            let bytes = arguments.bytes(2)
            if center != nil {
                guard arguments.type(2) == SQLITE_TEXT, bytes.elementsEqual(centerBytes) else {
                    throw SQLFunctionError("\(name)(): third argument (center) must be the same on every row")
                }
                return
            }
            guard let text = arguments.text(2), let chosen = LeveneCenter(rawValue: text) else {
                throw SQLFunctionError("\(name)(): third argument (center) must be 'median', 'mean' or 'trimmed'")
            }
            center = chosen
            centerBytes = Array(bytes)
        default:
            break
        }
    }

    func step(_ arguments: SQLArguments) throws {
        try readOptions(arguments)
        guard let value = try number(arguments), let group = samples.groups.number(of: arguments, 1) else { return }
        samples.add(value, to: group)
    }

    func inverse(_ arguments: SQLArguments) throws {
        guard try number(arguments) != nil, let group = samples.groups.find(arguments, 1) else { return }
        samples.removeOldest(from: group)
    }

    func value() throws -> SQLResult {
        let groups = samples.ordered()
        if groups.isEmpty { return .null }
        if test.twoSamples {
            guard groups.count == 2 else {
                throw HypothesisTests.groupCountError(name, needs: "exactly 2", found: groups.map(\.group))
            }
        } else if groups.count < 2 {
            throw HypothesisTests.groupCountError(name, needs: "at least 2", found: groups.map(\.group))
        }
        switch test {
        case .t: return MeanTests.independent(groups[0], groups[1], equalVariances: equalVariances ?? true).sqlResult
        case .z: return MeanTests.z(groups[0], groups[1]).sqlResult
        case .proportions: return MeanTests.proportions(groups[0], groups[1]).sqlResult
        case .varianceRatio: return VarianceTests.ratio(groups[0], groups[1]).sqlResult
        case .anova: return MeanTests.anova(groups).sqlResult
        case .levene: return VarianceTests.levene(groups, center: center ?? .median).sqlResult
        case .mannWhitney: return MannWhitney.test(groups[0], groups[1]).sqlResult
        }
    }
}

// MARK: - Tests of one sample or of pairs

/// `ttest_1samp(x, mu)`, `ttest_rel(a, b)` (on the differences a − b) and
/// `pearson_test(x, y)`: one or two numbers per row, kept in arrival order.
final class PairedTestAccumulator: Accumulator {
    enum Test {
        case oneSample, paired, pearson
    }

    private let name: String
    private let test: Test
    private var xs: [Double] = []
    private var ys: [Double] = []
    /// Values before `head` have left a sliding window frame.
    private var head = 0
    private var mu: Double?

    init(_ name: String, _ test: Test) {
        self.name = name
        self.test = test
    }

    /// The row's numbers (y is 0 but for pearson_test), nil to skip it.
    private func pair(_ arguments: SQLArguments) throws -> (x: Double, y: Double)? {
        switch test {
        case .oneSample:
            guard let value = arguments.number(1) else {
                throw SQLFunctionError("\(name)(): second argument (mu) must be a number")
            }
            if let mu, mu != value {
                throw SQLFunctionError("\(name)(): second argument (mu) must be the same on every row")
            }
            mu = value
            return arguments.number(0).map { ($0, 0) }
        case .paired:
            guard let a = arguments.number(0), let b = arguments.number(1) else { return nil }
            return (a - b, 0)
        case .pearson:
            guard let x = arguments.number(0), let y = arguments.number(1) else { return nil }
            return (x, y)
        }
    }

    func step(_ arguments: SQLArguments) throws {
        guard let (x, y) = try pair(arguments) else { return }
        xs.append(x)
        if test == .pearson { ys.append(y) }
    }

    func inverse(_ arguments: SQLArguments) throws {
        guard try pair(arguments) != nil, head < xs.count else { return }
        head += 1
        if head > 1024 && head * 2 > xs.count {
            xs.removeFirst(head)
            if test == .pearson { ys.removeFirst(head) }
            head = 0
        }
    }

    func value() -> SQLResult {
        guard head < xs.count else { return .null }
        switch test {
        case .oneSample: return MeanTests.oneSample(xs[head...], mu: mu ?? 0).sqlResult
        case .paired: return MeanTests.oneSample(xs[head...], mu: 0).sqlResult
        case .pearson: return CorrelationTest.pearson(xs[head...], ys[head...]).sqlResult
        }
    }
}

// MARK: - Crosstab

/// `chi2_independence(a, b [, correction])`: the counts of each pair of values.
final class ContingencyAccumulator: Accumulator {
    private var table = ContingencyTable()
    private var correction: Bool?

    func step(_ arguments: SQLArguments) throws {
        if arguments.count > 2 {
            correction = try HypothesisTests.flag(arguments, 2, function: "chi2_independence", name: "correction", previous: correction)
        }
        guard !arguments.isNull(0), !arguments.isNull(1),
              let row = table.rows.number(of: arguments, 0),
              let column = table.columns.number(of: arguments, 1) else { return }
        table.add(row: row, column: column)
    }

    func inverse(_ arguments: SQLArguments) {
        guard let row = table.rows.find(arguments, 0), let column = table.columns.find(arguments, 1) else { return }
        table.add(row: row, column: column, -1)
    }

    func value() -> SQLResult {
        table.test(correction: correction ?? true)?.sqlResult ?? .null
    }
}
