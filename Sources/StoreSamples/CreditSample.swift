#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StoreCore

/// A realistic, deterministic credit-scoring CSV: one row per loan applicant,
/// twelve columns of mixed types, missing values, and a `default` target that
/// the other columns really predict.
///
/// Columns: `customer_id` (8-digit code with leading zeros), `age`, `income`
/// (about 5% `NA`), `employment_years` (about 5% empty), `home_ownership`,
/// `loan_amount`, `loan_purpose`, `interest_rate`, `credit_grade` (A–G),
/// `debt_to_income` (about 5% empty), `has_cosigner` (TRUE/FALSE) and
/// `default` (1 for about 20% of rows).
///
/// Each applicant has a hidden credit quality; grade, rate, income and debt
/// follow from it with noise, and the chance of default is a logistic function
/// of the quality, debt-to-income, income, grade, cosigner and age. The same
/// seed and row count give the same bytes.
public struct CreditSample: Sendable {
    public static let header = "customer_id,age,income,employment_years,home_ownership,loan_amount,loan_purpose,interest_rate,credit_grade,debt_to_income,has_cosigner,default"

    static let ownership = ["RENT", "MORTGAGE", "OWN"]
    static let purposes = ["debt_consolidation", "credit_card", "home_improvement", "car", "medical", "small_business", "education"]
    static let grades = ["A", "B", "C", "D", "E", "F", "G"]

    public let rows: Int
    public let seed: UInt64

    public init(rows: Int, seed: UInt64) {
        self.rows = rows
        self.seed = seed
    }

    /// Writes the CSV to `path`, or to standard output when `path` is nil.
    public func write(toFile path: String?) throws {
        let handle: FileHandle
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let file = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        try generate { chunk in try handle.write(contentsOf: chunk) }
        if path != nil { try handle.close() }
    }

    /// The whole CSV as text (for small samples and tests).
    public func text() -> String {
        var bytes: [UInt8] = []
        generate { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Produces the CSV in chunks of about 1 MiB.
    public func generate(_ emit: ([UInt8]) throws -> Void) rethrows {
        var random = SeededRandom(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        out.append(contentsOf: Self.header.utf8)
        out.append(10)
        for number in 1...max(rows, 1) where rows > 0 {
            appendRow(number: number, random: &random, to: &out)
            if out.count >= 1 << 20 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try emit(out) }
    }

    private func appendRow(number: Int, random: inout SeededRandom, to out: inout [UInt8]) {
        let quality = random.normal()
        let age = min(75, max(21, Int((38 + 11 * random.normal() + 3 * quality).rounded())))
        let employment = min(45, max(0, Int((Double(age - 21) * 0.6 * random.uniform() + random.normal()).rounded())))
        let income = exp(10.6 + 0.25 * quality + 0.01 * Double(age - 38) + 0.45 * random.normal())
        let ownership = random.pick([age < 30 ? 0.65 : 0.35, age < 30 ? 0.2 : 0.47, 0.15])
        let loan = min(40_000, max(1_000, income * (0.05 + 0.45 * random.uniform())))
        let purpose = random.pick([0.38, 0.22, 0.1, 0.1, 0.07, 0.06, 0.07])
        let grade = min(6, max(0, Int((2.2 - 1.3 * (quality + 0.35 * random.normal())).rounded(.down))))
        let rate = max(5.0, 6.0 + 3.2 * Double(grade) + 0.8 * random.normal())
        let debtToIncome = max(0, 18 - 4 * quality + 6 * random.normal())
        let cosigner = random.uniform() < 0.12
        var logit = -1.95 - 0.55 * quality + 0.045 * (debtToIncome - 18) - 0.6 * log(income / 40_000)
        logit += 0.12 * Double(grade) - 0.7 * (cosigner ? 1 : 0) - 0.012 * Double(age - 38)
        logit += purpose == 5 ? 0.4 : 0
        let defaulted = random.uniform() < 1 / (1 + exp(-logit))
        let missIncome = random.uniform() < 0.05
        let missEmployment = random.uniform() < 0.05
        let missDebt = random.uniform() < 0.05

        appendPadded(number, width: 8, to: &out)
        out.append(44)
        appendInteger(age, to: &out)
        out.append(44)
        if missIncome { out.append(contentsOf: [78, 65]) } else { appendCents(income, to: &out) }
        out.append(44)
        if !missEmployment { appendInteger(employment, to: &out) }
        out.append(44)
        out.append(contentsOf: Self.ownership[ownership].utf8)
        out.append(44)
        appendCents(loan, to: &out)
        out.append(44)
        out.append(contentsOf: Self.purposes[purpose].utf8)
        out.append(44)
        appendCents(rate, to: &out)
        out.append(44)
        out.append(contentsOf: Self.grades[grade].utf8)
        out.append(44)
        if !missDebt { appendCents(debtToIncome, to: &out) }
        out.append(44)
        out.append(contentsOf: (cosigner ? "TRUE" : "FALSE").utf8)
        out.append(44)
        out.append(defaulted ? 49 : 48)
        out.append(10)
    }

    private func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(45)
            appendInteger(-value, to: &out)
            return
        }
        if value >= 10 { appendInteger(value / 10, to: &out) }
        out.append(UInt8(48 + value % 10))
    }

    private func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(48 + rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(width, digits.count) { out.append(48) }
        out.append(contentsOf: digits.reversed())
    }

    /// A non-negative amount with exactly two decimals.
    private func appendCents(_ value: Double, to out: inout [UInt8]) {
        let cents = Int((value * 100).rounded())
        appendInteger(cents / 100, to: &out)
        out.append(46)
        out.append(UInt8(48 + (cents % 100) / 10))
        out.append(UInt8(48 + cents % 10))
    }
}
