import Foundation

/// The JSON object a test aggregate returns, keys sorted as everywhere in
/// the store. A statistic is a number or null: null where it is undefined
/// (too few values, a zero variance: scipy's NaN) and where it is infinite,
/// as JSON has neither NaN nor infinity.
struct TestResult {
    private var fields: [String: Any] = [:]

    /// A number, null unless finite.
    mutating func set(_ key: String, _ value: Double?) {
        fields[key] = Self.number(value)
    }

    mutating func set(_ key: String, integer value: Int) {
        fields[key] = value
    }

    /// An array of numbers, each null unless finite.
    mutating func set(_ key: String, numbers values: [Double?]) {
        fields[key] = values.map(Self.number)
    }

    mutating func set(_ key: String, integers values: [Int]) {
        fields[key] = values
    }

    mutating func set(_ key: String, groups values: [GroupValue]) {
        fields[key] = values.map(\.json)
    }

    mutating func set(_ key: String, text value: String) {
        fields[key] = value
    }

    /// A table of counts (rows of columns).
    mutating func set(_ key: String, table rows: [[Int]]) {
        fields[key] = rows
    }

    private static func number(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }

    /// The object as JSON text.
    var sqlResult: SQLResult {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return .null }
        return .text(String(decoding: data, as: UTF8.self))
    }
}
