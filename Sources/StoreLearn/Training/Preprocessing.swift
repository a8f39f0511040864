import StoreCore

/// How missing values are filled (`--impute`), as scikit-learn's
/// `SimpleImputer(strategy=…)`.
public enum ImputeStrategy: String, Codable, Sendable, CaseIterable {
    case median, mean
    case mostFrequent = "most_frequent"
}

/// How text columns become numbers (`--encode`).
public enum EncodeStrategy: String, Codable, Sendable, CaseIterable {
    /// One 0/1 column per training category (scikit-learn
    /// `OneHotEncoder(handle_unknown="ignore")`: an unseen category is all 0).
    case onehot
    /// The category's position among the sorted training categories
    /// (`OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)`).
    case label
}

/// What is learned from the training rows before the model: a fill value
/// for each column with missing values, and the categories of each text
/// column. Stored with the model (the `preprocessing` column of `models`),
/// so validation, test and new rows are transformed exactly alike.
///
/// (1) Everything is fitted on the training rows only.
/// (2) Numeric fills follow `SimpleImputer`: the median (numpy's, the mean of
///     the two middle values for an even count), the mean, or the most
///     frequent value (the smallest on ties). Text columns are filled with
///     their most frequent training value whatever the strategy (a median
///     of text has no meaning; scikit-learn refuses it).
/// (3) Missing values without `--impute`, or text without `--encode`, are
///     errors that name the column and say what to write in the view instead.
public struct Preprocessing: Codable, Sendable, Equatable {
    public enum Step: Codable, Sendable, Equatable {
        /// A numeric column, with the value that fills its missing entries.
        case number(column: String, fill: Double?)
        /// A text column encoded by position among `categories`.
        case label(column: String, categories: [String], fill: String?)
        /// A text column encoded as one 0/1 column per category.
        case onehot(column: String, categories: [String], fill: String?)
    }

    public let steps: [Step]
    /// Synthetic training rows added after the steps (`--oversample`), if any.
    public var oversampling: Oversampling?

    /// What oversampling added to the training rows.
    public struct Oversampling: Codable, Sendable, Equatable {
        /// 'smote'.
        public let method: String
        public let neighbours: Int
        /// Synthetic rows added per class value (as text).
        public let added: [String: Int]
    }

    /// The names of the model's features, in order: a numeric or label
    /// column keeps its name; a one-hot column becomes `column_category`.
    public var featureNames: [String] {
        steps.flatMap { step -> [String] in
            switch step {
            case .number(let column, _), .label(let column, _, _): [column]
            case .onehot(let column, let categories, _): categories.map { "\(column)_\($0)" }
            }
        }
    }

    /// Fits the steps on `rows` (the training rows) of `data`.
    public static func fit(_ data: TrainingData, rows: [Int], impute: ImputeStrategy?, encode: EncodeStrategy?) throws -> Preprocessing {
        var steps: [Step] = []
        for (index, column) in data.columns.enumerated() {
            let missing = data.values.reduce(0) { $0 + ($1[index] == .missing ? 1 : 0) }
            if missing > 0 && impute == nil {
                throw StoreError("column '\(column.name)' of '\(data.view)' has \(missing) missing values. Fill them in the view (coalesce(\(column.name), …)) or pass --impute median, mean or most_frequent.")
            }
            let training = rows.map { data.values[$0][index] }.filter { $0 != .missing }
            if column.isNumeric {
                let numbers = training.compactMap { value -> Double? in if case .number(let number) = value { number } else { nil } }
                var fill: Double?
                if missing > 0, let impute {
                    guard !numbers.isEmpty else {
                        throw StoreError("column '\(column.name)' has no values in the training rows to impute from; leave it out of the view.")
                    }
                    fill = Self.fill(numbers, impute)
                }
                steps.append(.number(column: column.name, fill: fill))
            } else {
                guard let encode else {
                    throw StoreError("column '\(column.name)' of '\(data.view)' holds text. Encode it in the view, e.g. dense_rank() OVER (ORDER BY \(column.name)) - 1 AS \(column.name), or (\(column.name) = 'value') AS \(column.name)_value, or pass --encode onehot or label.")
                }
                let texts = training.compactMap { value -> String? in if case .text(let text) = value { text } else { nil } }
                let categories = Array(Set(texts)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                let fill = missing > 0 ? Self.mostFrequent(texts) : nil
                steps.append(encode == .onehot
                    ? .onehot(column: column.name, categories: categories, fill: fill)
                    : .label(column: column.name, categories: categories, fill: fill))
            }
        }
        return Preprocessing(steps: steps, oversampling: nil)
    }

    /// The feature matrix of `rows` of raw values (one value per column of
    /// the data the steps were fitted on).
    public func transform(_ values: [[TrainingData.Value]], rows: [Int]) -> Matrix {
        let width = featureNames.count
        var matrix = Matrix(rows: rows.count, columns: width)
        for (output, row) in rows.enumerated() {
            var column = 0
            for (index, step) in steps.enumerated() {
                let value = values[row][index]
                switch step {
                case .number(_, let fill):
                    if case .number(let number) = value { matrix[output, column] = number } else { matrix[output, column] = fill ?? .nan }
                    column += 1
                case .label(_, let categories, let fill):
                    let text = Self.text(value) ?? fill
                    matrix[output, column] = text.flatMap { categories.firstIndex(of: $0) }.map(Double.init) ?? -1
                    column += 1
                case .onehot(_, let categories, let fill):
                    if let text = Self.text(value) ?? fill, let position = categories.firstIndex(of: text) {
                        matrix[output, column + position] = 1
                    }
                    column += categories.count
                }
            }
        }
        return matrix
    }

    private static func text(_ value: TrainingData.Value) -> String? {
        switch value {
        case .text(let text): text
        case .number(let number): TrainingData.text(number)
        case .missing: nil
        }
    }

    /// Rule (2) for numbers.
    static func fill(_ numbers: [Double], _ strategy: ImputeStrategy) -> Double {
        switch strategy {
        case .mean:
            return numbers.reduce(0, +) / Double(numbers.count)
        case .median:
            let sorted = numbers.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        case .mostFrequent:
            let counts = Dictionary(numbers.map { ($0, 1) }, uniquingKeysWith: +)
            return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
        }
    }

    /// The most frequent text, the smallest on ties.
    static func mostFrequent(_ texts: [String]) -> String? {
        let counts = Dictionary(texts.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.min { left, right in
            left.value != right.value ? left.value > right.value : left.key.unicodeScalars.lexicographicallyPrecedes(right.key.unicodeScalars)
        }?.key
    }
}
