import GRDBSQLite
import StoreCore
import StoreFunctions

/// SQL functions that score rows with a stored model, so a query can
/// predict without leaving SQL:
///
/// ```sql
/// SELECT row_id, predict('credit_model', income, age, …) AS predicted,
///        predict_proba('credit_model', 1, income, age, …) AS p_default
/// FROM credit_features
/// ```
///
/// (1) `predict(name, x1, …)` → the predicted class value (INTEGER, REAL or
///     TEXT as the target held it) or, for regression, the predicted number.
///     `predict_proba(name, class, x1, …)` → the probability of `class`
///     (compared as the target's values print: `1`, `'yes'`); NULL for a
///     class the model does not know; an error for a regression model.
/// (2) The model is the latest version of `name` in `models`; the x's are
///     the view columns it was trained on, raw (before its fills and
///     encodings, which are applied as `store predict` applies them), in the
///     order of `SELECT features FROM models` without one-hot expansion.
///     Another count of x's is an error that lists the columns.
/// (3) NULL x's are filled as in training; where training learned no fill
///     the call is an error naming the column.
/// (4) The model is read and decoded once per statement (SQLite keeps it
///     with the constant name argument), then each row is one prediction.
/// (5) These run in `store`'s own connections (`store sql`) and in any
///     SQLite client that loads libStoreSQLite (`.load libStoreSQLite`).
/// (6) A neural network on a tensor column takes the tensor as its one
///     argument after the name (`predict('digits_cnn', image)`); one on
///     numeric columns takes those columns, as in (2). libtorch is loaded
///     the first time a statement scores with a network.
public enum ModelFunctions {
    public static var all: [ScalarFunction] { [predict, predictProbability] }

    /// Registers the store's SQL functions and these on a raw connection (the
    /// loadable extension's entry point); SQLITE_OK or an error code.
    public static func register(on connection: OpaquePointer?) -> Int32 {
        let status = StoreFunctions.register(on: connection)
        guard status == SQLITE_OK else { return status }
        return FunctionRegistration.register(scalars: all, aggregates: [], on: connection)
    }

    /// For `StoreFile.open(at:setup:)`: the store's SQL functions and these.
    public static let setup: StoreFile.ConnectionSetup = { db in
        let status = register(on: db.sqliteConnection)
        guard status == SQLITE_OK else {
            throw StoreError("cannot register the store's SQL functions, predict() and predict_proba() (SQLite error \(status)).")
        }
    }

    static let predict = ScalarFunction("predict", arguments: -1, deterministic: false) { arguments in
        let loaded = try model(arguments, function: "predict", firstFeature: 1)
        let scored = try loaded.score(arguments, from: 1)
        if let probabilities = scored.probabilities, let classes = loaded.classes {
            let chosen = probabilities.largestInEachRow[0]
            switch classes[chosen] {
            case .number(let number): return number == number.rounded() && abs(number) < 9e15 ? .integer(Int64(number)) : .real(number)
            case .text(let text): return .text(text)
            case .missing: return .null
            }
        }
        return .number(scored.values?.first)
    }

    static let predictProbability = ScalarFunction("predict_proba", arguments: -1, deterministic: false) { arguments in
        let loaded = try model(arguments, function: "predict_proba", firstFeature: 2)
        guard let classes = loaded.classes else {
            throw SQLFunctionError("predict_proba: '\(loaded.name)' is a regression model; use predict().")
        }
        let wanted: String? = switch arguments.type(1) {
        case SQLITE_INTEGER, SQLITE_FLOAT: arguments.number(1).map(TrainingData.text)
        case SQLITE_TEXT: arguments.text(1)
        default: nil
        }
        guard let wanted, let column = classes.firstIndex(where: { Predictions.label($0) == wanted }) else { return .null }
        let scored = try loaded.score(arguments, from: 2)
        return .number(scored.probabilities?[0, column])
    }

    /// A model read for a statement: a tabular model or a network.
    final class Loaded {
        let name: String
        let scorer: ScoringModel

        init(name: String, scorer: ScoringModel) {
            self.name = name
            self.scorer = scorer
        }

        var classes: [TrainingData.Value]? {
            switch scorer {
            case .model(let stored): stored.classes
            case .network(let stored): stored.classes
            }
        }

        /// The raw columns the model reads; a tensor network reads one tensor.
        var columns: [String] {
            switch scorer {
            case .model(let stored): stored.rawColumns
            case .network(let stored): stored.input.column.map { [$0] } ?? stored.rawColumns
            }
        }

        /// Scores the row given by arguments `first…`.
        func score(_ arguments: SQLArguments, from first: Int) throws -> (probabilities: Matrix?, values: [Double]?) {
            switch scorer {
            case .model(let stored):
                return try stored.score([features(arguments, from: first)]) { _ in "the row" }
            case .network(let stored):
                guard stored.input.column != nil else {
                    return stored.scores(try stored.outputs(values: [features(arguments, from: first)]) { _ in "the row" })
                }
                guard let blob = arguments.blob(first) else {
                    throw SQLFunctionError("\(name) reads a tensor (\(columns.joined())); the argument is not a BLOB.")
                }
                let tensor: Tensor
                do {
                    tensor = try Tensor(blob: blob)
                } catch {
                    throw SQLFunctionError("the argument is not a tensor: \(error)")
                }
                return stored.scores(try stored.outputs(tensors: [tensor]) { _ in "the tensor" })
            }
        }
    }

    /// The model named by argument 0, read once per statement.
    static func model(_ arguments: SQLArguments, function: String, firstFeature: Int) throws -> Loaded {
        guard arguments.count >= firstFeature, let name = arguments.text(0) else {
            throw SQLFunctionError("\(function) takes the model's name\(firstFeature == 2 ? ", a class" : "") and its feature columns.")
        }
        let loaded: Loaded
        if let kept = arguments.kept(for: 0, as: Loaded.self), kept.name == name {
            loaded = kept
        } else {
            loaded = Loaded(name: name, scorer: try read(name, from: arguments.connection))
            arguments.keep(loaded, for: 0)
        }
        let columns = loaded.columns
        guard arguments.count - firstFeature == columns.count else {
            throw SQLFunctionError("\(function)('\(name)', …) takes \(columns.count) feature values (\(columns.joined(separator: ", "))), not \(arguments.count - firstFeature).")
        }
        return loaded
    }

    /// Arguments `first…` as raw feature values.
    static func features(_ arguments: SQLArguments, from first: Int) throws -> [TrainingData.Value] {
        try (first..<arguments.count).map { index in
            switch arguments.type(index) {
            case SQLITE_INTEGER, SQLITE_FLOAT: .number(arguments.double(index))
            case SQLITE_TEXT: .text(arguments.text(index) ?? "")
            case SQLITE_NULL: .missing
            default: throw SQLFunctionError("feature \(index - first + 1) is a BLOB; models read numbers and text.")
            }
        }
    }

    /// The latest version of `name` in the connection's `models` table.
    static func read(_ name: String, from connection: OpaquePointer?) throws -> ScoringModel {
        do {
            return try ScoringModel.read(.latest(name), name: name, connection: connection)
        } catch {
            throw SQLFunctionError("\(error)")
        }
    }
}
