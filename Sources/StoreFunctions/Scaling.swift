/// Scaling functions: per-value transforms given the statistics of a column,
/// as scikit-learn's scalers apply them.
///
/// (1) Every argument is read as a number (INTEGER, REAL, or TEXT that looks
///     like a number); if any argument is NULL or not a number, the result is NULL.
/// (2) A zero scale (IQR, range or standard deviation) is replaced by 1, as
///     scikit-learn's `_handle_zeros_in_scale` does, so a constant column
///     scales to 0 rather than to a division by zero.
/// (3) The results are REAL.
///
/// Typical use, with the statistics from the training rows:
/// `robust_scale(income, median(income) OVER (), iqr(income) OVER ())`.
enum Scaling {
    static let all = [robustScale, minmaxScale, zscore]

    /// `robust_scale(x, median, iqr)` = (x − median) / iqr: scikit-learn
    /// `RobustScaler()` with its defaults (centering on the median, scaling by
    /// the 25th–75th percentile range).
    static let robustScale = ScalarFunction("robust_scale", arguments: 3) { arguments in
        guard let x = arguments.number(0), let median = arguments.number(1), let iqr = arguments.number(2) else { return .null }
        return .number((x - median) / nonZero(iqr))
    }

    /// `minmax_scale(x, min, max)` = (x − min) / (max − min): scikit-learn
    /// `MinMaxScaler()` with its default range [0, 1].
    static let minmaxScale = ScalarFunction("minmax_scale", arguments: 3) { arguments in
        guard let x = arguments.number(0), let low = arguments.number(1), let high = arguments.number(2) else { return .null }
        return .number((x - low) / nonZero(high - low))
    }

    /// `zscore(x, mean, std)` = (x − mean) / std: scikit-learn
    /// `StandardScaler()` (which divides by the population standard deviation,
    /// `stddev_pop`; pass `stddev_samp` for pandas-style z-scores).
    static let zscore = ScalarFunction("zscore", arguments: 3) { arguments in
        guard let x = arguments.number(0), let mean = arguments.number(1), let std = arguments.number(2) else { return .null }
        return .number((x - mean) / nonZero(std))
    }

    /// Rule (2).
    static func nonZero(_ scale: Double) -> Double {
        scale == 0 ? 1 : scale
    }
}
