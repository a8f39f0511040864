import StoreCore

/// The SQL type of a stored column.
public enum ColumnType: String, CaseIterable, Sendable, Codable {
    case integer = "INTEGER"
    case real = "REAL"
    case text = "TEXT"

    /// Reads `INTEGER`, `REAL` or `TEXT` in any case (also `INT`, `FLOAT`, `DOUBLE`, `STRING`).
    public init?(name: String) {
        switch name.uppercased() {
        case "INTEGER", "INT": self = .integer
        case "REAL", "FLOAT", "DOUBLE": self = .real
        case "TEXT", "STRING": self = .text
        default: return nil
        }
    }
}

/// What type inference learned about one column over the whole file.
///
/// Inference rules, applied to every value (trimmed of spaces and tabs):
/// (1) Empty values and null markers are NULL and say nothing about the type.
/// (2) TRUE/FALSE (any case) count as integers 1/0.
/// (3) A column of integers (and NULLs) is INTEGER; integers mixed with reals are REAL.
/// (4) Any other value makes the column TEXT, and so does an integer with a
///     redundant leading zero (`007`: a code, whose zeros a number would lose) or
///     an integer beyond 64 bits (which a REAL could not hold exactly).
/// (5) A column with no values at all is TEXT.
struct ColumnStats: Sendable {
    var nulls: Int64 = 0
    var integers: Int64 = 0
    var reals: Int64 = 0
    var booleans: Int64 = 0
    var leadingZeros: Int64 = 0
    var hugeIntegers: Int64 = 0
    var texts: Int64 = 0
    /// The first value that rule (4) counts against numbers, with its line.
    var firstText: (line: Int, value: String)?
    /// The first value that is not a number at all, with its line.
    var firstWord: (line: Int, value: String)?
    /// The first value that is not an integer (a real, a word, a huge integer), with its line.
    var firstNonInteger: (line: Int, value: String)?

    @inline(__always)
    mutating func add(_ kind: ValueKind) {
        switch kind {
        case .null: nulls += 1
        case .integer: integers += 1
        case .real: reals += 1
        case .boolean: booleans += 1
        case .leadingZero: leadingZeros += 1
        case .hugeInteger: hugeIntegers += 1
        case .text: texts += 1
        }
    }

    /// Remembers `value` at `line` as the first of its kind where that matters
    /// for messages; `value` is only evaluated the first time.
    mutating func noteFirst(_ kind: ValueKind, line: Int, value: () -> String) {
        switch kind {
        case .null, .integer, .boolean:
            return
        case .real:
            if firstNonInteger == nil { firstNonInteger = (line, value()) }
        case .leadingZero:
            if firstText == nil { firstText = (line, value()) }
        case .hugeInteger:
            if firstText == nil { firstText = (line, value()) }
            if firstNonInteger == nil { firstNonInteger = (line, value()) }
        case .text:
            if firstText == nil { firstText = (line, value()) }
            if firstWord == nil { firstWord = (line, value()) }
            if firstNonInteger == nil { firstNonInteger = (line, value()) }
        }
    }

    /// The same counts with the remembered lines `lines` further down.
    func shiftedLines(by lines: Int) -> ColumnStats {
        var shifted = self
        shifted.firstText = firstText.map { ($0.line + lines, $0.value) }
        shifted.firstWord = firstWord.map { ($0.line + lines, $0.value) }
        shifted.firstNonInteger = firstNonInteger.map { ($0.line + lines, $0.value) }
        return shifted
    }

    /// Adds the counts of later values; earlier first values win.
    mutating func merge(_ later: ColumnStats) {
        nulls += later.nulls
        integers += later.integers
        reals += later.reals
        booleans += later.booleans
        leadingZeros += later.leadingZeros
        hugeIntegers += later.hugeIntegers
        texts += later.texts
        firstText = firstText ?? later.firstText
        firstWord = firstWord ?? later.firstWord
        firstNonInteger = firstNonInteger ?? later.firstNonInteger
    }

    /// Values that keep the column from being numeric (rule 4).
    var nonNumeric: Int64 { texts + leadingZeros + hugeIntegers }

    /// The type rules (1)–(5) give.
    var inferredType: ColumnType {
        if nonNumeric > 0 { return .text }
        if reals > 0 { return .real }
        if integers + booleans > 0 { return .integer }
        return .text
    }

    /// The first value that cannot be stored as `type`, when a type is set by
    /// `--type` or an existing table; nil when every value fits. Leading-zero
    /// numbers fit INTEGER and REAL (the person asked for numbers); huge integers
    /// fit REAL only.
    func firstMisfit(for type: ColumnType) -> (line: Int, value: String)? {
        switch type {
        case .text: return nil
        case .real: return firstWord
        case .integer: return firstNonInteger
        }
    }
}
