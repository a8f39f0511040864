/// Counts of examples by actual class (rows) and predicted class (columns),
/// as scikit-learn's `confusion_matrix(actual, predicted, labels=range(classCount))`,
/// with the accuracy and balanced accuracy that follow from it.
///
/// ```swift
/// let confusion = try ConfusionMatrix(actual: [0, 0, 1, 2], predicted: [0, 1, 1, 1], classCount: 3)
/// confusion[actual: 0, predicted: 1]   // 1
/// confusion.accuracy                   // 0.5
/// confusion.balancedAccuracy           // 0.5: recalls 0.5, 1, 0
/// ```
///
/// (1) Every class in `0..<classCount` has a row and a column, including a
///     class that is neither actual nor predicted (its counts are 0).
/// (2) Empty input, inputs of different lengths, class indices outside
///     `0..<classCount` and a class count below 1 are a `MetricError`.
public struct ConfusionMatrix: Sendable, Equatable {
    /// One cell: how many examples of class `actual` were predicted `predicted`.
    public struct Cell: Sendable, Equatable {
        public let actual: Int
        public let predicted: Int
        public let count: Int

        public init(actual: Int, predicted: Int, count: Int) {
            self.actual = actual
            self.predicted = predicted
            self.count = count
        }
    }

    public let classCount: Int
    /// `classCount × classCount` counts, actual class after actual class.
    public let counts: [Int]

    public init(actual: [Int], predicted: [Int], classCount: Int) throws {
        let metric = "confusion_matrix"
        guard classCount > 0 else {
            throw MetricError("\(metric): classCount is \(classCount); there must be at least one class.")
        }
        try checkSameCount(actual.count, "actual", predicted.count, "predicted", metric: metric)
        try checkLabels(actual, named: "actual", classCount: classCount, metric: metric)
        try checkLabels(predicted, named: "predicted", classCount: classCount, metric: metric)
        var counts = Array(repeating: 0, count: classCount * classCount)
        for (truth, guess) in zip(actual, predicted) {
            counts[truth * classCount + guess] += 1
        }
        self.classCount = classCount
        self.counts = counts
    }

    public subscript(actual actual: Int, predicted predicted: Int) -> Int {
        counts[actual * classCount + predicted]
    }

    /// Every cell, zeros included, actual class after actual class: the rows
    /// of a `confusion` table.
    public var cells: [Cell] {
        (0..<classCount).flatMap { truth in
            (0..<classCount).map { guess in Cell(actual: truth, predicted: guess, count: self[actual: truth, predicted: guess]) }
        }
    }

    /// How many examples there are of class `label` (its row's sum).
    public func support(of label: Int) -> Int {
        (0..<classCount).reduce(0) { $0 + self[actual: label, predicted: $1] }
    }

    /// How many examples were predicted `label` (its column's sum).
    public func predictions(of label: Int) -> Int {
        (0..<classCount).reduce(0) { $0 + self[actual: $1, predicted: label] }
    }

    /// How many examples were counted.
    public var total: Int {
        counts.reduce(0, +)
    }

    /// The share of examples predicted correctly, as scikit-learn's
    /// `accuracy_score(actual, predicted)`.
    public var accuracy: Double {
        let correct = (0..<classCount).reduce(0) { $0 + self[actual: $1, predicted: $1] }
        return Double(correct) / Double(total)
    }

    /// The mean of the recalls of the classes that occur in `actual`, as
    /// scikit-learn's `balanced_accuracy_score(actual, predicted)`: a class
    /// that is only predicted, or neither actual nor predicted, is left out
    /// (scikit-learn warns "y_pred contains classes not in y_true").
    public var balancedAccuracy: Double {
        let recalls = (0..<classCount).compactMap { label -> Double? in
            let support = support(of: label)
            return support == 0 ? nil : Double(self[actual: label, predicted: label]) / Double(support)
        }
        return recalls.reduce(0, +) / Double(recalls.count)
    }
}
