/// Distribution functions: the cumulative distribution (`_cdf`), survival
/// (`_sf` = 1 − cdf, the upper tail) and quantile (`_ppf`, the inverse of
/// the cdf) functions of the normal, Student t, chi-squared and F
/// distributions, as scipy.stats names and computes them.
///
/// `normal_cdf(x [, mean, sd])`, `normal_sf(x [, mean, sd])`,
/// `normal_ppf(p [, mean, sd])`, `t_cdf(x, df)`, `t_sf(x, df)`,
/// `t_ppf(p, df)`, `chi2_cdf(x, df)`, `chi2_sf(x, df)`, `chi2_ppf(p, df)`,
/// `f_cdf(x, df1, df2)`, `f_sf(x, df1, df2)`, `f_ppf(p, df1, df2)`.
///
/// (1) A NULL argument gives NULL.
/// (2) Every argument is read as a number (INTEGER, REAL, or TEXT that looks
///     like one); any other value is an error naming the function and the
///     argument: `t_cdf(): second argument (df) must be a number`.
/// (3) Degrees of freedom must be greater than 0 (fractional ones are fine,
///     as in scipy) and finite, but for t's, where +∞ is the normal
///     distribution; `sd` must be finite and greater than 0, `mean` finite;
///     `p` must be between 0 and 1. Anything else is an error naming the
///     function and the argument: `chi2_ppf(): first argument (p) must be a
///     number between 0 and 1`.
/// (4) `x` may be any number, infinities included: cdf(−∞) = 0, cdf(+∞) = 1.
///     The chi-squared and F distributions live on x ≥ 0: their cdf is 0 and
///     their sf 1 below it.
/// (5) `_sf` is computed in the upper tail itself, not as 1 − cdf, so it
///     keeps its relative precision to the smallest doubles:
///     `t_sf(37, 9998)` is 2.8e-281, not 0 (and `t_cdf(37, 9998)` rounds to 1). A tail below the smallest
///     double (about 5e-324) is 0.
/// (6) `_ppf(0)` and `_ppf(1)` are the ends of the support: −∞ and +∞ for
///     the normal and t, 0 and +∞ for chi-squared and F. SQLite holds
///     infinities as REAL (`9e999` in SQL text).
/// (7) The numbers follow scipy 1.17's `scipy.stats.norm`, `t`, `chi2` and
///     `f` (`.cdf`, `.sf`, `.ppf`, with `loc`/`scale` for the normal) to a
///     relative 1e-11 or better for degrees of freedom up to 1e5 (how, and
///     how far beyond: Probability.swift).
///
/// Example: `SELECT 2 * t_sf(abs(-2.1), 28)` → 0.0449… (a two-sided p-value),
/// `SELECT normal_ppf(0.975)` → 1.959963984540054.
enum Distributions {
    static let all: [ScalarFunction] = [
        function("normal_cdf", [.x]) { Probability.normalCDF($0[0]) },
        function("normal_cdf", [.x, .mean, .sd]) { Probability.normalCDF(($0[0] - $0[1]) / $0[2]) },
        function("normal_sf", [.x]) { Probability.normalSF($0[0]) },
        function("normal_sf", [.x, .mean, .sd]) { Probability.normalSF(($0[0] - $0[1]) / $0[2]) },
        function("normal_ppf", [.p]) { Probability.normalPPF($0[0]) },
        function("normal_ppf", [.p, .mean, .sd]) { $0[1] + $0[2] * Probability.normalPPF($0[0]) },
        function("t_cdf", [.x, .tDF]) { Probability.tCDF($0[0], $0[1]) },
        function("t_sf", [.x, .tDF]) { Probability.tSF($0[0], $0[1]) },
        function("t_ppf", [.p, .tDF]) { Probability.tPPF($0[0], $0[1]) },
        function("chi2_cdf", [.x, .df]) { Probability.chi2CDF($0[0], $0[1]) },
        function("chi2_sf", [.x, .df]) { Probability.chi2SF($0[0], $0[1]) },
        function("chi2_ppf", [.p, .df]) { Probability.chi2PPF($0[0], $0[1]) },
        function("f_cdf", [.x, .df1, .df2]) { Probability.fCDF($0[0], $0[1], $0[2]) },
        function("f_sf", [.x, .df1, .df2]) { Probability.fSF($0[0], $0[1], $0[2]) },
        function("f_ppf", [.p, .df1, .df2]) { Probability.fPPF($0[0], $0[1], $0[2]) },
    ]

    /// What an argument is, for its check (rule 3) and its name in errors.
    enum Parameter {
        case x, p, mean, sd, df, tDF, df1, df2

        var name: String {
            switch self {
            case .x: return "x"
            case .p: return "p"
            case .mean: return "mean"
            case .sd: return "sd"
            case .df, .tDF: return "df"
            case .df1: return "df1"
            case .df2: return "df2"
            }
        }

        /// Whether `value` is allowed, and if not, what it must be.
        func check(_ value: Double) -> String? {
            switch self {
            case .x:
                return nil
            case .p:
                return value >= 0 && value <= 1 ? nil : "a number between 0 and 1"
            case .mean:
                return value.isFinite ? nil : "a finite number"
            case .sd, .df, .df1, .df2:
                return value.isFinite && value > 0 ? nil : "a finite number greater than 0"
            case .tDF:
                return value > 0 ? nil : "a number greater than 0"
            }
        }
    }

    static let ordinals = ["first", "second", "third", "fourth"]

    /// A distribution function over `parameters`, checked by rules (1)–(3),
    /// computing `body` on the numbers.
    static func function(_ name: String, _ parameters: [Parameter], _ body: @escaping @Sendable ([Double]) -> Double) -> ScalarFunction {
        ScalarFunction(name, arguments: Int32(parameters.count)) { arguments in
            var values = [Double](repeating: 0, count: parameters.count)
            for (index, parameter) in parameters.enumerated() {
                if arguments.isNull(index) { return .null }
                guard let value = arguments.number(index) else {
                    throw SQLFunctionError("\(name)(): \(ordinals[index]) argument (\(parameter.name)) must be a number")
                }
                if let requirement = parameter.check(value) {
                    throw SQLFunctionError("\(name)(): \(ordinals[index]) argument (\(parameter.name)) must be \(requirement), not \(SQLLiteral.number(value))")
                }
                values[index] = value
            }
            return .number(body(values))
        }
    }
}
