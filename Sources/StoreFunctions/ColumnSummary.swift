import Foundation
import GRDBSQLite

/// `column_summary(x)` → a JSON object describing a column in one pass: what
/// `store stats` shows for each column, and what pandas' `describe()`,
/// `skew()`, `kurt()`, `mode()` and `nunique()` give.
///
/// On the sample data (`store sample credit --rows 100000 --seed 42`):
/// ```
/// SELECT column_summary(income) FROM credit
/// {"count":95001,"distinct":94350,"freq":3,"integers":false,"iqr":29758.89,
///  "kurtosis":7.863921032955897,"max":470025.27,"mean":46437.17275091841,
///  "median":40110.4,"min":4926.07,"mode":26047.21,"numbers":95001,
///  "q1":27978.67,"q3":57737.56,"skewness":1.997394778836185,
///  "std":27006.11059725673,"texts":0,"variance":729330009.5912623}
/// ```
///
/// (1) NULLs are skipped. `count` counts the other values; `numbers`
///     (INTEGER and REAL) and `texts` (TEXT, even when it looks like a
///     number: '007' is a code, as pandas keeps strings strings) split it;
///     BLOBs are counted in neither.
/// (2) The numeric statistics use the numbers only and follow the definitions
///     of the separate functions (`median`, `quantile`, `variance`,
///     `skewness`…; see Statistics.swift); with too few numbers they are
///     `null`.
/// (3) `distinct`, `mode` and `freq` cover numbers and text together (a number
///     and its text form are different values), the mode's ties going to the
///     smallest value, numbers before text, as `mode()`.
/// (4) `integers` is true when every number was stored as an INTEGER.
/// (5) Numbers are kept (8 bytes each) and sorted once; distinct values and the
///     mode come from runs in the sorted numbers, so only text values need a
///     hash table (`TextCounts`, keyed by bytes).
final class ColumnSummary: Accumulator {
    private var numbers: [Double] = []
    private var head = 0
    private var moments = Moments()
    private var infinite = 0
    private var nonInteger = 0
    private var texts = TextCounts()

    func step(_ arguments: SQLArguments) {
        let type = arguments.type(0)
        switch type {
        case SQLITE_INTEGER, SQLITE_FLOAT:
            let value = arguments.double(0)
            numbers.append(value)
            if value.isFinite { moments.add(value) } else { infinite += 1 }
            if type == SQLITE_FLOAT { nonInteger += 1 }
        case SQLITE_TEXT:
            texts.add(arguments.bytes(0))
        default:
            break
        }
    }

    func inverse(_ arguments: SQLArguments) {
        let type = arguments.type(0)
        switch type {
        case SQLITE_INTEGER, SQLITE_FLOAT:
            guard head < numbers.count else { return }
            let value = arguments.double(0)
            head += 1
            if value.isFinite { moments.remove(value) } else { infinite -= 1 }
            if type == SQLITE_FLOAT { nonInteger -= 1 }
        case SQLITE_TEXT:
            texts.add(arguments.bytes(0), delta: -1)
        default:
            break
        }
    }

    func value() -> SQLResult {
        let sorted = RadixSort.sorted(numbers[head...])
        var object: [String: Any] = [
            "count": sorted.count + texts.total,
            "numbers": sorted.count,
            "texts": texts.total,
            "integers": nonInteger == 0 && !sorted.isEmpty,
        ]
        // Distinct numbers and the most frequent one, from runs of equal values.
        var distinct = texts.distinct
        var mode: Any?
        var frequency = 0
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count && sorted[end] == sorted[index] { end += 1 }
            distinct += 1
            if end - index > frequency {
                frequency = end - index
                mode = sorted[index]
            }
            index = end
        }
        // Numbers come before text, so text is the mode only with a higher count.
        if let (text, count) = texts.mostFrequent(), count > frequency {
            frequency = count
            mode = text
        }
        object["distinct"] = distinct
        object["mode"] = mode.map { value -> Any in
            if let number = value as? Double, nonInteger == 0, abs(number) < 9.0e15 { return Int64(number) }
            return value
        } ?? NSNull()
        object["freq"] = frequency
        let n = moments.count
        let finite = infinite == 0
        func number(_ value: Double?) -> Any {
            guard let value, value.isFinite else { return NSNull() }
            return value
        }
        object["mean"] = number(finite && n > 0 ? moments.compensatedMean : nil)
        object["variance"] = number(finite && n > 1 ? moments.m2 / (n - 1) : nil)
        object["std"] = number(finite && n > 1 ? (moments.m2 / (n - 1)).squareRoot() : nil)
        if finite && n >= 3 {
            object["skewness"] = number(moments.m3 / (moments.m2 * moments.m2.squareRoot()) * (n * (n - 1).squareRoot()) / (n - 2))
        } else {
            object["skewness"] = NSNull()
        }
        if finite && n >= 4 {
            let inner = n * (n + 1) * (moments.m4 / (moments.m2 * moments.m2)) - 3 * (n - 1)
            object["kurtosis"] = number((n - 1) / ((n - 2) * (n - 3)) * inner)
        } else {
            object["kurtosis"] = NSNull()
        }
        if let low = sorted.first, let high = sorted.last {
            object["min"] = number(low)
            object["max"] = number(high)
            let q1 = OrderStatistics.quantile(sorted, 0.25)
            let q3 = OrderStatistics.quantile(sorted, 0.75)
            object["q1"] = number(q1)
            object["median"] = number(OrderStatistics.quantile(sorted, 0.5))
            object["q3"] = number(q3)
            object["iqr"] = number(q3 - q1)
        } else {
            for key in ["min", "max", "q1", "median", "q3", "iqr"] { object[key] = NSNull() }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return .null }
        return .text(String(decoding: data, as: UTF8.self))
    }
}
