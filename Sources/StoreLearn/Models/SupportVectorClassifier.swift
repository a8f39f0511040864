/// A fitted support vector classifier: scikit-learn 1.9's `SVC`, trained
/// and evaluated by libsvm 3.24 itself (the library scikit-learn vendors).
///
/// ```swift
/// let model = try SupportVectorClassifier.fit(
///     features: Matrix([[0, 0], [1, 1], [0, 1], [1, 0]]), classes: [0, 0, 1, 1], classCount: 2,
///     parameters: SupportVectorParameters(c: 10, probability: false))
/// model.predict(Matrix([[0.9, 0.1]]))   // [1]
/// ```
///
/// (1) Rows reach libsvm ordered by class, each class in the given order,
///     which is the order scikit-learn's copy of libsvm puts them in: both
///     solve the same problems in the same steps, so support vectors and
///     decision values agree to rounding.
/// (2) Sample weights must be equal within each class: libsvm 3.24 weighs
///     classes (C × weight), not rows. Balanced class weights are such
///     weights. A class whose weight is 0 is left out, as scikit-learn
///     drops rows of weight 0; at least two classes must remain.
/// (3) `probabilities` are libsvm's `svm_predict_probability`: Platt's
///     sigmoid of each pair's decision value, coupled pairwise for more than
///     two classes, as scikit-learn's `predict_proba`. Its 5-fold
///     cross-validation shuffles with C `rand()` where scikit-learn uses its
///     own generator, so the two agree only as two seeds of one of them do.
///     Without `probability`, each row is one-hot on `predictByVote`.
/// (4) `predict` (from `Classifier`) is the most probable class, as for
///     every model here; scikit-learn's `SVC.predict` is the pairwise vote,
///     `predictByVote`. With probabilities the two can differ near the
///     boundary.
/// (5) A class with no training rows gets probability 0 and is never
///     predicted; decision values cover `classes`, the classes trained on.
/// (6) Fitting fails, with a sentence, on the input every model refuses
///     (`TrainingCheck`), on weights that vary within a class, on fewer than
///     two classes, and on settings libsvm refuses.
public struct SupportVectorClassifier: Classifier, Equatable {
    public let classCount: Int
    public let featureCount: Int
    public let parameters: SupportVectorParameters
    /// The kernel's gamma once `.scale` or `.auto` is resolved.
    public let gamma: Double
    /// The classes trained on, ascending (libsvm's `label`, scikit-learn's `classes_`).
    public let classes: [Int]
    /// How many support vectors each of `classes` has (`nSV`, `n_support_`).
    public let supportCounts: [Int]
    /// One row per support vector, grouped by class (`SV`, `support_vectors_`).
    public let supportVectors: Matrix
    /// libsvm's `sv_coef`: `classes.count` − 1 rows, one column per support
    /// vector (scikit-learn's `dual_coef_`, whose sign is flipped for two classes).
    public let dualCoefficients: Matrix
    /// libsvm's `rho`, one per pair of classes i < j in the order (0,1), (0,2), … (1,2), …
    public let rho: [Double]
    /// Platt's sigmoid per pair, 1 / (1 + exp(probA · f + probB)); empty without probabilities.
    public let probA: [Double]
    public let probB: [Double]
    private let model: LibSVMModel

    /// How `decisionFunction` lays out its columns, as scikit-learn's `decision_function_shape`.
    public enum DecisionShape: Sendable {
        /// One column per class: its pairwise wins plus a confidence below 1/3.
        case ovr
        /// One column per pair of classes i < j, positive for i.
        case ovo
    }

    /// Fits the model to `features` and their `classes` (indices 0..<classCount).
    public static func fit(
        features: Matrix, classes: [Int], classCount: Int, weights: [Double]? = nil,
        parameters: SupportVectorParameters = SupportVectorParameters()
    ) throws(FitError) -> SupportVectorClassifier {
        try TrainingCheck.classification(features: features, classes: classes, classCount: classCount, weights: weights)
        try parameters.check()
        let classWeights = try Self.classWeights(weights, classes: classes, classCount: classCount)
        var rowsOfClass = [[Int]](repeating: [], count: classCount)
        for (row, label) in classes.enumerated() where (classWeights[label] ?? 1) > 0 {
            rowsOfClass[label].append(row)
        }
        let present = (0..<classCount).filter { !rowsOfClass[$0].isEmpty }
        guard present.count >= 2 else {
            throw FitError("a support vector classifier needs training rows of at least 2 classes with weight above 0; there are \(present.count).")
        }
        let gamma = parameters.resolvedGamma(for: features)
        let kernel = LibSVM.Kernel(parameters.kernel, gamma: gamma)
        let trained = try LibSVM.train(
            features: features, rows: rowsOfClass.flatMap { $0 }, classes: classes,
            classWeights: weights == nil ? [] : present.map { ($0, classWeights[$0] ?? 1) },
            kernel: kernel, parameters: parameters)
        if let problem = inconsistency(of: trained, classCount: classCount, featureCount: features.columns, parameters: parameters, gamma: gamma) {
            throw FitError("libsvm returned a model that does not fit its input: \(problem).")
        }
        return SupportVectorClassifier(
            classCount: classCount, featureCount: features.columns, parameters: parameters, gamma: gamma, trained: trained)
    }

    public func probabilities(_ features: Matrix) -> Matrix {
        var output = Matrix(rows: features.rows, columns: classCount)
        if model.hasProbabilities {
            let values = model.probabilities(features)
            let width = classes.count
            for row in 0..<features.rows {
                for (index, label) in classes.enumerated() { output[row, label] = values[row * width + index] }
            }
        } else {
            for (row, label) in predictByVote(features).enumerated() { output[row, label] = 1 }
        }
        return output
    }

    /// The class of each row by libsvm's pairwise vote (`svm_predict`),
    /// scikit-learn's `SVC.predict`: the class with the most pairs won, the
    /// lowest on ties.
    public func predictByVote(_ features: Matrix) -> [Int] {
        model.votes(features).map { classes[$0] }
    }

    /// scikit-learn's `SVC.decision_function`: for two trained classes one
    /// column, positive for the second; for more, `.ovr` gives one column
    /// per class of `classes` and `.ovo` one per pair i < j, positive for i.
    public func decisionFunction(_ features: Matrix, shape: DecisionShape = .ovr) -> Matrix {
        let pairs = model.decisionValues(features)
        let width = model.pairCount
        if classes.count == 2 {
            return Matrix(checkedRows: features.rows, columns: 1, values: pairs.map { -$0 })
        }
        if shape == .ovo {
            return Matrix(checkedRows: features.rows, columns: width, values: pairs)
        }
        // scikit-learn's _ovr_decision_function: votes plus summed confidences scaled below 1/3.
        let k = classes.count
        var output = Matrix(rows: features.rows, columns: k)
        var sums = [Double](repeating: 0, count: k)
        for row in 0..<features.rows {
            for index in 0..<k { sums[index] = 0 }
            var pair = 0
            for i in 0..<k {
                for j in (i + 1)..<k {
                    let value = pairs[row * width + pair]
                    sums[i] += value
                    sums[j] -= value
                    output[row, value >= 0 ? i : j] += 1
                    pair += 1
                }
            }
            for index in 0..<k { output[row, index] += sums[index] / (3 * (abs(sums[index]) + 1)) }
        }
        return output
    }

    init(classCount: Int, featureCount: Int, parameters: SupportVectorParameters, gamma: Double, trained: LibSVM.Trained) {
        self.classCount = classCount
        self.featureCount = featureCount
        self.parameters = parameters
        self.gamma = gamma
        classes = trained.classes
        supportCounts = trained.supportCounts
        supportVectors = trained.supportVectors
        dualCoefficients = trained.dualCoefficients
        rho = trained.rho
        probA = trained.probA
        probB = trained.probB
        model = LibSVMModel(trained, kernel: LibSVM.Kernel(parameters.kernel, gamma: gamma))
    }

    /// The weight of each class given the per-row `weights`, nil for classes
    /// without rows; throws when the weights vary within a class, see (2).
    private static func classWeights(_ weights: [Double]?, classes: [Int], classCount: Int) throws(FitError) -> [Double?] {
        var classWeights = [Double?](repeating: nil, count: classCount)
        guard let weights else { return classWeights }
        var firstRow = [Int](repeating: 0, count: classCount)
        for (row, label) in classes.enumerated() {
            guard let weight = classWeights[label] else {
                classWeights[label] = weights[row]
                firstRow[label] = row
                continue
            }
            guard weights[row] == weight else {
                throw FitError("sample weights must be equal within each class for a support vector classifier (libsvm 3.24 weighs classes, not rows): class \(label) has weight \(weight) in row \(firstRow[label] + 1) and \(weights[row]) in row \(row + 1).")
            }
        }
        return classWeights
    }

    public static func == (lhs: SupportVectorClassifier, rhs: SupportVectorClassifier) -> Bool {
        lhs.classCount == rhs.classCount && lhs.featureCount == rhs.featureCount && lhs.parameters == rhs.parameters
            && lhs.gamma == rhs.gamma && lhs.classes == rhs.classes && lhs.supportCounts == rhs.supportCounts
            && lhs.supportVectors == rhs.supportVectors && lhs.dualCoefficients == rhs.dualCoefficients
            && lhs.rho == rhs.rho && lhs.probA == rhs.probA && lhs.probB == rhs.probB
    }
}
