import StoreCore

/// SMOTE oversampling (Chawla et al. 2002), as imbalanced-learn's
/// `SMOTE(k_neighbors=5)` with its default `sampling_strategy="auto"`: every
/// class but the largest gets synthetic rows until it is as large.
///
/// A synthetic row lies on the segment between a row of the class and one
/// of its k nearest neighbours in that class: x + u·(neighbour − x), with
/// the row, the neighbour and u ∈ [0, 1) drawn from the seeded generator.
/// (imbalanced-learn draws from numpy's generator, so the rows differ
/// from its rows, but not in distribution.) Applied to training rows only.
public enum SMOTE {
    /// The rows to add: their features and classes (empty when the classes are balanced).
    public static func synthesize(
        features: Matrix, classes: [Int], classCount: Int, neighbours: Int = 5, random: inout SeededRandom
    ) throws(FitError) -> (features: Matrix, classes: [Int]) {
        guard neighbours >= 1 else { throw FitError("SMOTE needs at least 1 neighbour, not \(neighbours).") }
        if let bad = features.values.firstIndex(where: { !$0.isFinite }) {
            let width = max(features.columns, 1)
            throw FitError("SMOTE needs finite features, but row \(bad / width + 1) has a missing or infinite one (column \(bad % width + 1)); impute it first (--impute, or in the view).")
        }
        var members = [[Int]](repeating: [], count: classCount)
        for (row, label) in classes.enumerated() where label >= 0 && label < classCount { members[label].append(row) }
        let largest = members.map(\.count).max() ?? 0
        var added: [Double] = []
        var addedClasses: [Int] = []
        for (label, rows) in members.enumerated() where !rows.isEmpty && rows.count < largest {
            guard rows.count >= 2 else {
                throw FitError("SMOTE needs at least 2 training rows of each class to interpolate; class \(label) has 1.")
            }
            let classRows = features.rows(rows)
            let nearest = NearestNeighbors.search(classRows, in: classRows, k: neighbours, excludingSelf: true)
            for _ in 0..<(largest - rows.count) {
                let row = Int(random.nextBits() % UInt64(rows.count))
                let candidates = nearest[row]
                guard !candidates.isEmpty else {
                    throw FitError("SMOTE cannot measure distances from a row of class \(label): its features are so large that their squares overflow; scale them first.")
                }
                let neighbour = candidates[Int(random.nextBits() % UInt64(candidates.count))]
                let gap = random.uniform()
                for column in 0..<features.columns {
                    let x = classRows[row, column]
                    added.append(x + gap * (classRows[neighbour, column] - x))
                }
                addedClasses.append(label)
            }
        }
        return (Matrix(rows: addedClasses.count, columns: features.columns, values: added) ?? Matrix(rows: 0, columns: features.columns), addedClasses)
    }
}
