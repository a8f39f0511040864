/// A binary problem as the ROC and precision-recall curves see it: for each
/// example, whether it is positive and its score.
struct BinaryScores {
    /// The counts of scikit-learn's `confusion_matrix_at_thresholds`: one
    /// entry per distinct score, highest first, counting the examples whose
    /// score is at least that threshold.
    struct ThresholdCounts {
        var falsePositives: [Int] = []
        var truePositives: [Int] = []
        var thresholds: [Double] = []
    }

    let positives: [Bool]
    let scores: [Double]

    /// Class `positiveClass` against the rest, scored by its column of
    /// `probabilities` (inputs already checked).
    init(actual: [Int], probabilities: Matrix, positiveClass: Int) {
        positives = actual.map { $0 == positiveClass }
        scores = probabilities.column(positiveClass)
    }

    /// Every (example, class) cell as one example, row after row: the raveled
    /// one-hot matrix of `actual` against `probabilities`, as scikit-learn's
    /// `average='micro'` (inputs already checked).
    init(oneHotCellsOf actual: [Int], probabilities: Matrix) {
        positives = actual.flatMap { label in (0..<probabilities.columns).map { $0 == label } }
        scores = probabilities.values
    }

    var positiveCount: Int {
        positives.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// Examples sorted by decreasing score (ties in their original order, as
    /// scikit-learn's stable argsort), counted at the last example of each
    /// run of equal scores.
    func countsAtThresholds() -> ThresholdCounts {
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var counts = ThresholdCounts()
        var truePositives = 0
        for (rank, index) in order.enumerated() {
            if positives[index] { truePositives += 1 }
            let isLast = rank == order.count - 1
            if isLast || scores[order[rank + 1]] != scores[index] {
                counts.truePositives.append(truePositives)
                counts.falsePositives.append(rank + 1 - truePositives)
                counts.thresholds.append(scores[index])
            }
        }
        return counts
    }
}
