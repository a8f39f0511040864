import Foundation
import GRDB
import StoreCore

/// The result of a test, ready to print: the groups (or samples) with their
/// counts and means, the statistics, and the decision at alpha in one
/// sentence; built by running the test's aggregate once.
public struct HypothesisTestReport {
    /// "Welch's t-test of income by default_ in credit".
    public let title: String
    /// The statement that ran, with the options written in:
    /// `SELECT ttest_ind("income", "default_", 1) FROM "credit"`.
    public let sql: String
    /// The aggregate's JSON object, as it returned it.
    public let json: String
    /// One row per group (or sample): its value, n and mean (and what the test
    /// reads besides: variance, median, counts); for chi-square, the crosstab.
    public let sampleColumns: [String]
    public let sampleRows: [[DatabaseValue]]
    /// The statistic, degrees of freedom, p and the effect size, named as in the JSON.
    public let statisticColumns: [String]
    public let statistics: [DatabaseValue]
    /// The two-sided p-value; nil when undefined.
    public let p: Double?
    public let alpha: Double
    /// "p = 3.7e-04 < 0.05: the mean of income differs between default_ = 0 and default_ = 1."
    public let decision: String

    /// The sample rows with the statistics, alpha and the decision (`reject`:
    /// 1 below alpha, 0 at or above, NULL without a p-value) on each: one
    /// table, for `--format csv` and `json`.
    public var merged: (columns: [String], rows: [[DatabaseValue]]) {
        let reject: DatabaseValue = p.map { ($0 < alpha ? 1 : 0).databaseValue } ?? .null
        let tail = statistics + [alpha.databaseValue, reject]
        return (sampleColumns + statisticColumns + ["alpha", "reject"], sampleRows.map { $0 + tail })
    }

    /// Runs `request` on the store and reports it at `alpha`.
    ///
    /// Column names reach the SQL through `SQLIdentifier.quoted`, options as
    /// bound parameters. `condition` is the user's own SQL, placed as the
    /// WHERE clause of the one SELECT: the statement is prepared alone, and
    /// trailing SQL (a second statement) or a statement that would write is
    /// refused before anything runs.
    public static func run(_ request: HypothesisTestRequest, alpha: Double, in db: Database) throws -> HypothesisTestReport {
        guard alpha > 0 && alpha < 1 else {
            throw StoreError("--alpha must be between 0 and 1 (0.05 is usual), not \(alpha).")
        }
        let kind = request.kind
        let needed = kind.columnOptions
        for option in HypothesisTestKind.ColumnOption.allCases where request.columns[option] != nil && !needed.contains(option) {
            throw StoreError("store test \(kind.rawValue) takes \(Self.optionList(needed)), not --\(option.rawValue).")
        }
        let missing = needed.filter { request.columns[$0] == nil }
        if !missing.isEmpty {
            throw StoreError("store test \(kind.rawValue) needs \(Self.optionList(needed)): \(Self.purpose(kind)). Missing: \(Self.optionList(missing)).")
        }
        if request.mu != nil && kind != .ttest1samp {
            throw StoreError("--mu is for ttest_1samp only.")
        }
        if request.center != nil && kind != .levene {
            throw StoreError("--center is for levene only.")
        }
        let schema = try TableSchema.lookup(request.table, in: db)
        try schema.requireColumns(needed.compactMap { request.columns[$0] })
        let names = needed.compactMap { request.columns[$0] }.map { schema.column($0)?.name ?? $0 }

        // The aggregate's arguments: columns quoted, options bound.
        var arguments = names.map(SQLIdentifier.quoted)
        var shown = arguments
        var bindings: [DatabaseValue] = []
        func bind(_ value: DatabaseValue, _ text: String) {
            arguments.append("?")
            shown.append(text)
            bindings.append(value)
        }
        switch kind {
        case .ttestInd:
            bind((request.equalVariances ? 1 : 0).databaseValue, request.equalVariances ? "1" : "0")
        case .ttest1samp:
            let mu = request.mu ?? 0
            guard mu.isFinite else { throw StoreError("--mu must be a finite number, not \(mu).") }
            bind(mu.databaseValue, SQLLiteral.number(mu))
        case .levene:
            let center = request.center ?? .median
            bind(center.rawValue.databaseValue, SQLLiteral.text(center.rawValue))
        case .chi2Independence:
            bind((request.correction ? 1 : 0).databaseValue, request.correction ? "1" : "0")
        default:
            break
        }
        let from = " FROM " + SQLIdentifier.quoted(schema.name)
        let filter = request.condition.map { " WHERE (\n" + $0 + "\n)" } ?? ""
        let sql = "SELECT \(kind.rawValue)(\(arguments.joined(separator: ", ")))" + from + filter
        let shownSQL = "SELECT \(kind.rawValue)(\(shown.joined(separator: ", ")))" + from
            + (request.condition.map { " WHERE " + $0 } ?? "")

        let statement: Statement
        do {
            statement = try db.makeStatement(sql: sql)
        } catch let error as DatabaseError where request.condition != nil {
            if error.resultCode == .SQLITE_MISUSE {
                throw StoreError("--where must be one condition, as after WHERE in a SELECT; it holds more than one statement.")
            }
            throw StoreError("--where is not a condition SQLite can run here: \(error.message ?? "\(error)").")
        }
        guard statement.isReadonly else {
            throw StoreError("--where must be a condition that only reads, as after WHERE in a SELECT.")
        }
        let result: String?
        do {
            result = try String.fetchOne(statement, arguments: StatementArguments(bindings))
        } catch let error as DatabaseError {
            throw StoreError("\(error.message ?? "\(error)")\n  in: \(shownSQL)")
        }
        guard let json = result else {
            throw StoreError("no rows to test: \(schema.name) has no rows\(request.condition == nil ? "" : " where \(request.condition ?? "")") with values in \(names.joined(separator: " and ")).")
        }
        let object = try JSONDecoder().decode([String: TestValue].self, from: Data(json.utf8))
        return HypothesisTestReport(request: request, table: schema.name, columns: names, alpha: alpha, sql: shownSQL, json: json, object: object)
    }

    /// `--value and --by`.
    static func optionList(_ options: [HypothesisTestKind.ColumnOption]) -> String {
        options.map { "--" + $0.rawValue }.joined(separator: " and ")
    }

    /// What the column options of `kind` mean.
    static func purpose(_ kind: HypothesisTestKind) -> String {
        switch kind {
        case .ttest1samp: return "the column whose mean is tested against --mu (default 0)"
        case .ttestRel: return "the two columns of each pair; their differences a - b are tested"
        case .chi2Independence: return "the two columns to crosstab"
        case .pearsonTest: return "the two columns to correlate"
        default: return "the numbers to compare, and the column whose values split them into groups"
        }
    }

    // MARK: - Reading the JSON

    /// A value of the aggregate's JSON object.
    enum TestValue: Decodable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case array([TestValue])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let integer = try? container.decode(Int64.self) {
                self = .integer(integer)
            } else if let real = try? container.decode(Double.self) {
                self = .real(real)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .array(try container.decode([TestValue].self))
            }
        }

        var databaseValue: DatabaseValue {
            switch self {
            case .null, .array: return .null
            case .integer(let value): return value.databaseValue
            case .real(let value): return value.databaseValue
            case .text(let value): return value.databaseValue
            }
        }

        var number: Double? {
            switch self {
            case .integer(let value): return Double(value)
            case .real(let value): return value
            default: return nil
            }
        }

        var elements: [TestValue] {
            if case .array(let values) = self { return values }
            return []
        }

        /// The value as SQL spells it, for the sentence: `0`, `'RENT'`.
        var literal: String {
            switch self {
            case .null, .array: return "NULL"
            case .integer(let value): return String(value)
            case .real(let value): return SQLLiteral.number(value)
            case .text(let value): return SQLLiteral.text(value)
            }
        }
    }

    // MARK: - Building the report

    private init(request: HypothesisTestRequest, table: String, columns names: [String], alpha: Double,
                 sql: String, json: String, object: [String: TestValue]) {
        let kind = request.kind
        self.sql = sql
        self.json = json
        self.alpha = alpha
        self.p = object["p"]?.number
        let scope = request.condition.map { " where \($0)" } ?? ""
        func field(_ key: String) -> TestValue { object[key] ?? .null }
        /// The i-th element of each of `keys`, for one group's row.
        func row(_ index: Int, _ keys: [String]) -> [DatabaseValue] {
            keys.map { key in
                let values = field(key).elements
                return index < values.count ? values[index].databaseValue : .null
            }
        }

        switch kind {
        case .ttestInd, .ztest, .ztestProp, .ftestVar, .anovaOneway, .levene, .mannwhitneyu:
            let value = names[0]
            let group = names[1]
            let groups = field("groups").elements
            let keys: [String]
            switch kind {
            case .ztestProp: keys = ["nobs", "count", "prop"]
            case .ftestVar, .levene: keys = ["n", "mean", "var"]
            case .mannwhitneyu: keys = ["n", "mean", "median"]
            default: keys = ["n", "mean"]
            }
            sampleColumns = [group] + keys
            sampleRows = groups.indices.map { [groups[$0].databaseValue] + row($0, keys) }
            let between = groups.count == 2
                ? "between \(group) = \(groups[0].literal) and \(group) = \(groups[1].literal)"
                : "across the \(groups.count) groups of \(group)"
            let claim: String
            switch kind {
            case .ztestProp: claim = "the proportion of \(value) differs \(between)"
            case .ftestVar, .levene: claim = "the variance of \(value) differs \(between)"
            case .mannwhitneyu: claim = "the distribution of \(value) differs \(between)"
            default: claim = "the mean of \(value) differs \(between)"
            }
            title = "\(Self.name(of: request)) of \(value) by \(group) in \(table)\(scope)"
            decision = Self.sentence(p: p, alpha: alpha, claim: claim)
        case .ttest1samp:
            let mu = request.mu ?? 0
            sampleColumns = ["column", "n", "mean"]
            sampleRows = [[names[0].databaseValue, field("n").databaseValue, field("mean").databaseValue]]
            title = "\(Self.name(of: request)) of \(names[0]) against mu = \(SQLLiteral.number(mu)) in \(table)\(scope)"
            decision = Self.sentence(p: p, alpha: alpha, claim: "the mean of \(names[0]) differs from \(SQLLiteral.number(mu))")
        case .ttestRel:
            let difference = "\(names[0]) - \(names[1])"
            sampleColumns = ["difference", "n", "mean"]
            sampleRows = [[difference.databaseValue, field("n").databaseValue, field("mean").databaseValue]]
            title = "\(Self.name(of: request)) of \(difference) in \(table)\(scope)"
            decision = Self.sentence(p: p, alpha: alpha, claim: "the mean of \(difference) differs from 0")
        case .pearsonTest:
            sampleColumns = ["column", "n", "mean"]
            let means = field("mean").elements
            sampleRows = names.indices.map { index in
                [names[index].databaseValue, field("n").databaseValue, index < means.count ? means[index].databaseValue : .null]
            }
            title = "\(Self.name(of: request)) of \(names[0]) and \(names[1]) in \(table)\(scope)"
            decision = Self.sentence(p: p, alpha: alpha, claim: "the correlation of \(names[0]) and \(names[1]) differs from 0")
        case .chi2Independence:
            let levels = field("b").elements
            sampleColumns = ["\(names[0]) \\ \(names[1])"] + levels.map(Self.header)
            let observed = field("observed").elements
            sampleRows = field("a").elements.indices.map { index in
                [field("a").elements[index].databaseValue] + (index < observed.count ? observed[index].elements.map(\.databaseValue) : [])
            }
            let yates = request.correction && field("dof").number == 1 ? " with Yates' correction" : ""
            title = "\(Self.name(of: request))\(yates) of \(names[0]) and \(names[1]) in \(table)\(scope)"
            decision = Self.sentence(p: p, alpha: alpha, claim: "\(names[0]) and \(names[1]) are associated")
        }
        statisticColumns = Self.statisticKeys(kind)
        statistics = statisticColumns.map { field($0).databaseValue }
    }

    /// A crosstab column header: the level as it is (text without quotes).
    private static func header(_ value: TestValue) -> String {
        if case .text(let text) = value { return text }
        return value.literal
    }

    /// The statistics of each test, in print order, named as in its JSON.
    static func statisticKeys(_ kind: HypothesisTestKind) -> [String] {
        switch kind {
        case .ttestInd, .ttest1samp, .ttestRel: return ["t", "df", "p", "d"]
        case .ztest: return ["z", "p", "d"]
        case .ztestProp: return ["z", "p"]
        case .ftestVar: return ["F", "df1", "df2", "p", "p_greater"]
        case .anovaOneway: return ["F", "df_between", "df_within", "p", "eta_squared"]
        case .levene: return ["W", "df_between", "df_within", "p"]
        case .mannwhitneyu: return ["U", "p", "r", "method"]
        case .chi2Independence: return ["chi2", "dof", "p", "cramers_v", "n"]
        case .pearsonTest: return ["r", "p", "n"]
        }
    }

    /// The test's name for a title.
    static func name(of request: HypothesisTestRequest) -> String {
        switch request.kind {
        case .ttestInd: return request.equalVariances ? "Student's t-test (equal variances)" : "Welch's t-test (unequal variances)"
        case .ttest1samp: return "One-sample t-test"
        case .ttestRel: return "Paired t-test"
        case .ztest: return "Two-sample z-test (pooled variance)"
        case .ztestProp: return "Two-proportion z-test"
        case .ftestVar: return "F-test of equal variances"
        case .anovaOneway: return "One-way ANOVA"
        case .levene: return "Levene's test (center = \((request.center ?? .median).rawValue))"
        case .mannwhitneyu: return "Mann-Whitney U test"
        case .chi2Independence: return "Chi-square test of independence"
        case .pearsonTest: return "Pearson correlation test"
        }
    }

    /// "p = 3.7e-04 < 0.05: <claim>." or "p = 0.42 ≥ 0.05: no evidence that <claim>."
    static func sentence(p: Double?, alpha: Double, claim: String) -> String {
        guard let p else {
            return "p is undefined (too few values, or no variance to test), so there is no decision at \(alpha)."
        }
        if p < alpha {
            return "\(pText(p)) < \(alpha): \(claim)."
        }
        return "\(pText(p)) ≥ \(alpha): no evidence that \(claim)."
    }

    /// `p = 3.7e-04` below 0.001, `p = 0.0503` above; `p < 5e-324` when the
    /// p-value is below the smallest double.
    static func pText(_ p: Double) -> String {
        if p == 0 { return "p < 5e-324" }
        if p < 0.001 { return "p = " + String(format: "%.1e", p) }
        return "p = " + String(format: "%.3g", p)
    }
}
