/// How rows are cut into cross-validation folds, as scikit-learn cuts them
/// for `cross_val_score` and `StackingClassifier(cv=5)`: `StratifiedKFold`
/// for classes, `KFold` for numbers, neither shuffled.
///
/// Stratified (1) Classes are taken in the order they first appear. The sorted class
///     labels are dealt to the folds in turn (`y_order[i::n_splits]`), which
///     fixes how many rows of each class each fold gets; then each class's
///     rows, in their order, fill fold 0, then fold 1, and so on.
/// (2) Folds are 0-based here; the tables number them from 1.
/// (3) It fails when `folds` is below 2, above the number of rows, or above
///     the size of every class (scikit-learn's error); a class smaller
///     than `folds` is allowed and leaves some folds without it.
enum Folds {
    /// The test fold of each row, by `StratifiedKFold(folds)`.
    static func stratified(_ classes: [Int], folds: Int) throws(FitError) -> [Int] {
        guard folds >= 2, folds <= classes.count else {
            throw FitError("cross-validation needs between 2 and \(classes.count) folds (the training rows); it was given \(folds).")
        }
        var firstSeen: [Int: Int] = [:]
        for label in classes where firstSeen[label] == nil { firstSeen[label] = firstSeen.count }
        let encoded = classes.map { firstSeen[$0] ?? 0 }
        let classCount = firstSeen.count
        var sizes = [Int](repeating: 0, count: classCount)
        for label in encoded { sizes[label] += 1 }
        guard sizes.contains(where: { $0 >= folds }) else {
            throw FitError("cross-validation with \(folds) folds needs a class with at least \(folds) training rows; the largest has \(sizes.max() ?? 0).")
        }
        // allocation[fold][class]: rows of the class dealt to the fold.
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: folds)
        var position = 0
        for label in 0..<classCount {
            for _ in 0..<sizes[label] {
                allocation[position % folds][label] += 1
                position += 1
            }
        }
        var nextFold = [Int](repeating: 0, count: classCount)
        var usedInFold = [Int](repeating: 0, count: classCount)
        return encoded.map { label in
            while allocation[nextFold[label]][label] == usedInFold[label] {
                nextFold[label] += 1
                usedInFold[label] = 0
            }
            usedInFold[label] += 1
            return nextFold[label]
        }
    }

    /// The test fold of each of `count` rows by `KFold(folds)`: consecutive
    /// blocks, the first `count % folds` one row longer.
    static func contiguous(count: Int, folds: Int) throws(FitError) -> [Int] {
        guard folds >= 2, folds <= count else {
            throw FitError("cross-validation needs between 2 and \(count) folds (the training rows); it was given \(folds).")
        }
        var assignment: [Int] = []
        assignment.reserveCapacity(count)
        for fold in 0..<folds {
            let size = count / folds + (fold < count % folds ? 1 : 0)
            assignment += repeatElement(fold, count: size)
        }
        return assignment
    }

    /// The folds of the targets: stratified for classes, contiguous for numbers.
    static func assign(_ targets: TrainingTargets, folds: Int) throws(FitError) -> [Int] {
        switch targets {
        case .classes(let classes, _): try stratified(classes, folds: folds)
        case .values(let values): try contiguous(count: values.count, folds: folds)
        }
    }

    /// The rows (positions) of each fold's training and test parts.
    static func parts(_ assignment: [Int], folds: Int) -> [(train: [Int], test: [Int])] {
        (0..<folds).map { fold in
            (train: assignment.indices.filter { assignment[$0] != fold }, test: assignment.indices.filter { assignment[$0] == fold })
        }
    }
}
