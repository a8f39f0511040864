import ArgumentParser
import StoreCore
import StoreFunctions

extension HypothesisTestKind: ExpressibleByArgument {}
extension LeveneCenter: ExpressibleByArgument {}

struct TestCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test a hypothesis on a table or view (t, z, F, ANOVA, Levene, Mann-Whitney, chi-square, Pearson) and say what it means at alpha.",
        discussion: """
            Runs the test's SQL aggregate (the SQL is printed) and prints each group's n and mean, the statistic, \
            its degrees of freedom, the two-sided p-value, the effect size and one sentence with the decision. \
            Two-sample tests compare the first group with the second in SQLite's order; --where picks the rows.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The test.")
    var kind: HypothesisTestKind

    @Argument(help: "The table or view.")
    var table: String

    @Option(help: ArgumentHelp("The numbers to test (all but ttest_rel, chi2_independence, pearson_test).", valueName: "column"))
    var value: String?

    @Option(help: ArgumentHelp("The column whose values split --value into groups.", valueName: "column"))
    var by: String?

    @Option(help: ArgumentHelp("pearson_test: the first column.", valueName: "column"))
    var x: String?

    @Option(help: ArgumentHelp("pearson_test: the second column.", valueName: "column"))
    var y: String?

    @Option(help: ArgumentHelp("ttest_rel, chi2_independence: the first column.", valueName: "column"))
    var a: String?

    @Option(help: ArgumentHelp("ttest_rel, chi2_independence: the second column.", valueName: "column"))
    var b: String?

    @Option(help: "ttest_1samp: the mean under the null hypothesis (default 0).")
    var mu: Double?

    @Flag(help: "ttest_ind: Student's test, pooling the variances (the default), or Welch's.")
    var variances: VarianceAssumption = .equalVar

    @Option(help: "levene: deviations from the median (default), mean or trimmed mean.")
    var center: LeveneCenter?

    @Flag(help: "chi2_independence: no Yates' correction on a 2 x 2 table.")
    var noCorrection = false

    @Option(name: .customLong("where"), help: ArgumentHelp("Only the rows where this SQL condition holds.", valueName: "condition"))
    var condition: String?

    @Option(help: "The significance level of the decision.")
    var alpha: Double = 0.05

    enum VarianceAssumption: String, EnumerableFlag {
        case equalVar, welch

        static func help(for value: VarianceAssumption) -> ArgumentHelp? {
            switch value {
            case .equalVar: return "ttest_ind: Student's test, pooling the variances (the default)."
            case .welch: return "ttest_ind: Welch's test, without assuming equal variances."
            }
        }
    }

    func validate() throws {
        if !(alpha > 0 && alpha < 1) {
            throw ValidationError("--alpha must be between 0 and 1 (0.05 is usual).")
        }
        if variances == .welch && kind != .ttestInd {
            throw ValidationError("--welch is for ttest_ind only.")
        }
        if noCorrection && kind != .chi2Independence {
            throw ValidationError("--no-correction is for chi2_independence only.")
        }
    }

    func run() throws {
        var request = HypothesisTestRequest(kind: kind, table: table)
        let given: [(HypothesisTestKind.ColumnOption, String?)] = [(.value, value), (.by, by), (.x, x), (.y, y), (.a, a), (.b, b)]
        for case let (option, column?) in given { request.columns[option] = column }
        request.mu = mu
        request.equalVariances = variances == .equalVar
        request.center = center
        request.correction = !noCorrection
        request.condition = condition
        let file = try store.open()
        let report = try file.queue.read { db in try HypothesisTestReport.run(request, alpha: alpha, in: db) }
        let format = output.resolved(.table)
        var writer = output.writer(.table)
        guard format == .table else {
            let merged = report.merged
            writer.write(columns: merged.columns, rows: merged.rows)
            return
        }
        writer.output.write("\(report.title)\n\(report.sql)\n\n")
        writer.write(columns: report.sampleColumns, rows: report.sampleRows)
        writer.write(columns: report.statisticColumns, rows: [report.statistics])
        writer.output.write("\n\(report.decision)\n")
    }
}
