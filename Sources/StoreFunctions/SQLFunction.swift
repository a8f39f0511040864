import GRDBSQLite

/// A scalar SQL function: one result per call.
public struct ScalarFunction: Sendable {
    public let name: String
    /// Number of arguments, or -1 for any number.
    public let argumentCount: Int32
    /// Deterministic (pure) functions may be used in indexes, views' generated
    /// columns and CHECK constraints, and SQLite may factor their calls out.
    public let deterministic: Bool
    public let body: @Sendable (SQLArguments) throws -> SQLResult

    public init(_ name: String, arguments: Int32, deterministic: Bool = true,
                _ body: @escaping @Sendable (SQLArguments) throws -> SQLResult) {
        self.name = name
        self.argumentCount = arguments
        self.deterministic = deterministic
        self.body = body
    }
}

/// The running state of an aggregate over one group or one window frame.
///
/// `step` adds a row. `inverse` removes the oldest row still in it: SQLite
/// calls it as a window frame slides forward, rows leave in the order they
/// came. `value` is the result for the rows in it now (it may be called many
/// times, in window use, or once).
public protocol Accumulator: AnyObject {
    func step(_ arguments: SQLArguments) throws
    func inverse(_ arguments: SQLArguments) throws
    func value() throws -> SQLResult
}

/// An aggregate SQL function, usable as a window function too (`OVER (…)`).
public struct AggregateFunction: Sendable {
    public let name: String
    public let argumentCount: Int32
    public let makeAccumulator: @Sendable () -> Accumulator

    public init(_ name: String, arguments: Int32, _ makeAccumulator: @escaping @Sendable () -> Accumulator) {
        self.name = name
        self.argumentCount = arguments
        self.makeAccumulator = makeAccumulator
    }
}

/// Registers functions on a raw SQLite connection, so the same code serves
/// `store` (through GRDB) and the loadable extension (through any client).
public enum FunctionRegistration {
    /// Registers every function; returns SQLITE_OK or the first error code.
    public static func register(scalars: [ScalarFunction], aggregates: [AggregateFunction], on connection: OpaquePointer?) -> Int32 {
        for function in scalars {
            let box = Unmanaged.passRetained(ScalarBox(function)).toOpaque()
            let flags = SQLITE_UTF8 | (function.deterministic ? SQLITE_DETERMINISTIC : 0)
            let status = sqlite3_create_function_v2(
                connection, function.name, function.argumentCount, flags, box,
                callScalar, nil, nil, releaseScalar)
            guard status == SQLITE_OK else { return status }
        }
        for function in aggregates {
            let box = Unmanaged.passRetained(AggregateBox(function)).toOpaque()
            let status = sqlite3_create_window_function(
                connection, function.name, function.argumentCount, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
                stepAggregate, finalAggregate, valueAggregate, inverseAggregate, releaseAggregate)
            guard status == SQLITE_OK else { return status }
        }
        return SQLITE_OK
    }
}

// MARK: - The C side

final class ScalarBox {
    let function: ScalarFunction
    init(_ function: ScalarFunction) { self.function = function }
}

final class AggregateBox {
    let function: AggregateFunction
    init(_ function: AggregateFunction) { self.function = function }
}

/// Sets the result of the call running in `context`.
func setResult(_ result: SQLResult, in context: OpaquePointer?) {
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    switch result {
    case .null: sqlite3_result_null(context)
    case .integer(let value): sqlite3_result_int64(context, value)
    case .real(let value): sqlite3_result_double(context, value)
    case .text(let value): sqlite3_result_text(context, value, -1, transient)
    case .blob(let bytes): bytes.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient) }
    }
}

func setError(_ error: Error, in context: OpaquePointer?) {
    let message = (error as? SQLFunctionError)?.message ?? "\(error)"
    sqlite3_result_error(context, message, -1)
}

private let callScalar: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
    guard let data = sqlite3_user_data(context) else { return }
    let box = Unmanaged<ScalarBox>.fromOpaque(data).takeUnretainedValue()
    do {
        setResult(try box.function.body(SQLArguments(values, count: count, context: context)), in: context)
    } catch {
        setError(error, in: context)
    }
}

private let releaseScalar: @convention(c) (UnsafeMutableRawPointer?) -> Void = { data in
    guard let data else { return }
    Unmanaged<ScalarBox>.fromOpaque(data).release()
}

private let releaseAggregate: @convention(c) (UnsafeMutableRawPointer?) -> Void = { data in
    guard let data else { return }
    Unmanaged<AggregateBox>.fromOpaque(data).release()
}

/// An accumulator as SQLite's per-group memory holds it: a retained
/// pointer to this box (a concrete class, so reading it back costs no cast).
final class AccumulatorBox {
    let accumulator: Accumulator
    init(_ accumulator: Accumulator) { self.accumulator = accumulator }
}

/// The accumulator of the group or frame running in `context`, made on first
/// use when `create` is true. It is released by `finalAggregate`.
private func accumulator(_ context: OpaquePointer?, create: Bool) -> Accumulator? {
    let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
    guard let raw = sqlite3_aggregate_context(context, size) else { return nil }
    let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let existing = slot.pointee {
        return Unmanaged<AccumulatorBox>.fromOpaque(existing).takeUnretainedValue().accumulator
    }
    guard create, let data = sqlite3_user_data(context) else { return nil }
    let made = Unmanaged<AggregateBox>.fromOpaque(data).takeUnretainedValue().function.makeAccumulator()
    slot.pointee = Unmanaged.passRetained(AccumulatorBox(made)).toOpaque()
    return made
}

private let stepAggregate: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
    do {
        try accumulator(context, create: true)?.step(SQLArguments(values, count: count))
    } catch {
        setError(error, in: context)
    }
}

private let inverseAggregate: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
    do {
        try accumulator(context, create: true)?.inverse(SQLArguments(values, count: count))
    } catch {
        setError(error, in: context)
    }
}

private let valueAggregate: @convention(c) (OpaquePointer?) -> Void = { context in
    do {
        if let running = accumulator(context, create: true) {
            setResult(try running.value(), in: context)
        }
    } catch {
        setError(error, in: context)
    }
}

/// The end of a group or window: the result, then the accumulator is freed.
/// With no rows at all SQLite never allocated one: a fresh one gives the
/// empty-input result.
private let finalAggregate: @convention(c) (OpaquePointer?) -> Void = { context in
    let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    let running: Accumulator?
    if let slot, let existing = slot.pointee {
        running = Unmanaged<AccumulatorBox>.fromOpaque(existing).takeRetainedValue().accumulator
        slot.pointee = nil
    } else if let data = sqlite3_user_data(context) {
        running = Unmanaged<AggregateBox>.fromOpaque(data).takeUnretainedValue().function.makeAccumulator()
    } else {
        running = nil
    }
    do {
        if let running { setResult(try running.value(), in: context) }
    } catch {
        setError(error, in: context)
    }
}
