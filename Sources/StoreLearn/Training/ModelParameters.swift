/// Each kind's `--param` keys (scikit-learn's parameter names) read into its
/// parameters; a key the kind does not have, or a value of the wrong kind,
/// is a `FitError` naming it.
extension ModelSettings {
    func logisticRegression() throws(FitError) -> LogisticRegressionParameters {
        try allow(["C", "max_iter", "tol", "fit_intercept"], for: ModelKind.logisticRegression.rawValue)
        var parameters = LogisticRegressionParameters()
        parameters.c = try double("C") ?? parameters.c
        parameters.maximumIterations = try integer("max_iter") ?? parameters.maximumIterations
        parameters.tolerance = try double("tol") ?? parameters.tolerance
        parameters.fitIntercept = try bool("fit_intercept") ?? parameters.fitIntercept
        return parameters
    }

    func linearRegression() throws(FitError) -> LinearRegressionParameters {
        try allow(["alpha", "fit_intercept"], for: ModelKind.linearRegression.rawValue)
        var parameters = LinearRegressionParameters()
        parameters.alpha = try double("alpha") ?? parameters.alpha
        parameters.fitIntercept = try bool("fit_intercept") ?? parameters.fitIntercept
        return parameters
    }

    static let treeKeys = ["criterion", "max_depth", "min_samples_split", "min_samples_leaf", "max_features", "min_impurity_decrease"]

    func decisionTree(task: TrainingTask) throws(FitError) -> DecisionTreeParameters {
        try allow(Self.treeKeys, for: ModelKind.decisionTree.rawValue)
        var parameters = try treeKeys(task: task)
        parameters.maxFeatures = try maxFeatures() ?? parameters.maxFeatures
        return parameters
    }

    func randomForest(task: TrainingTask, seed: UInt64) throws(FitError) -> RandomForestParameters {
        try allow(Self.treeKeys + ["n_estimators", "bootstrap"], for: ModelKind.randomForest.rawValue)
        let tree = try treeKeys(task: task)
        var parameters = RandomForestParameters(
            criterion: tree.criterion, maxFeatures: try maxFeatures(), maxDepth: tree.maxDepth,
            minSamplesSplit: tree.minSamplesSplit, minSamplesLeaf: tree.minSamplesLeaf,
            minImpurityDecrease: tree.minImpurityDecrease, seed: seed)
        parameters.nEstimators = try integer("n_estimators") ?? parameters.nEstimators
        parameters.bootstrap = try bool("bootstrap") ?? parameters.bootstrap
        return parameters
    }

    func gradientBoosting(seed: UInt64) throws(FitError) -> GradientBoostingParameters {
        try allow(["n_estimators", "learning_rate", "max_depth", "min_samples_split", "min_samples_leaf", "subsample",
                   "max_features", "min_impurity_decrease"], for: ModelKind.gradientBoosting.rawValue)
        var parameters = GradientBoostingParameters()
        parameters.nEstimators = try integer("n_estimators") ?? parameters.nEstimators
        parameters.learningRate = try double("learning_rate") ?? parameters.learningRate
        parameters.maxDepth = try maxDepth() ?? parameters.maxDepth
        parameters.minSamplesSplit = try integer("min_samples_split") ?? parameters.minSamplesSplit
        parameters.minSamplesLeaf = try integer("min_samples_leaf") ?? parameters.minSamplesLeaf
        parameters.subsample = try double("subsample") ?? parameters.subsample
        parameters.maxFeatures = try maxFeatures() ?? parameters.maxFeatures
        parameters.minImpurityDecrease = try double("min_impurity_decrease") ?? parameters.minImpurityDecrease
        parameters.seed = seed
        return parameters
    }

    /// `SVC`'s keys: kernel (rbf, linear), C, gamma (scale, auto or a number), tol.
    func svm(seed: UInt64) throws(FitError) -> SupportVectorParameters {
        try allow(["kernel", "C", "gamma", "tol"], for: ModelKind.svm.rawValue)
        var parameters = SupportVectorParameters()
        switch text("kernel") {
        case nil, "rbf": parameters.kernel = .rbf
        case "linear": parameters.kernel = .linear
        case let other?: throw FitError("--param kernel must be rbf or linear, not '\(other)'.")
        }
        parameters.c = try double("C") ?? parameters.c
        switch text("gamma") {
        case nil, "scale": parameters.gamma = .scale
        case "auto": parameters.gamma = .auto
        case let other?:
            guard let value = Double(other), value > 0 else { throw FitError("--param gamma must be scale, auto or a positive number, not '\(other)'.") }
            parameters.gamma = .value(value)
        }
        parameters.tolerance = try double("tol") ?? parameters.tolerance
        parameters.seed = seed
        return parameters
    }

    /// The keys every tree reads, but `max_features` (whose default differs
    /// between a tree and a forest).
    private func treeKeys(task: TrainingTask) throws(FitError) -> DecisionTreeParameters {
        var parameters = DecisionTreeParameters()
        parameters.criterion = try criterion(task: task) ?? parameters.criterion
        parameters.maxDepth = try maxDepth() ?? parameters.maxDepth
        parameters.minSamplesSplit = try integer("min_samples_split") ?? parameters.minSamplesSplit
        parameters.minSamplesLeaf = try integer("min_samples_leaf") ?? parameters.minSamplesLeaf
        parameters.minImpurityDecrease = try double("min_impurity_decrease") ?? parameters.minImpurityDecrease
        return parameters
    }

    func knn() throws(FitError) -> KNearestNeighborsParameters {
        try allow(["n_neighbors", "weights"], for: ModelKind.knn.rawValue)
        var parameters = KNearestNeighborsParameters()
        parameters.k = try integer("n_neighbors") ?? parameters.k
        if let text = text("weights") {
            guard let weights = KNearestNeighborsParameters.Weights(rawValue: text) else {
                throw FitError("--param weights must be uniform or distance, not '\(text)'.")
            }
            parameters.weights = weights
        }
        return parameters
    }

    func naiveBayes() throws(FitError) -> GaussianNaiveBayesParameters {
        try allow(["var_smoothing"], for: ModelKind.naiveBayes.rawValue)
        var parameters = GaussianNaiveBayesParameters()
        parameters.varSmoothing = try double("var_smoothing") ?? parameters.varSmoothing
        return parameters
    }

    /// gini, entropy (or its scikit-learn alias log_loss) for classification;
    /// regression trees take only squared_error.
    private func criterion(task: TrainingTask) throws(FitError) -> DecisionTreeParameters.Criterion? {
        guard let text = text("criterion") else { return nil }
        switch (task, text) {
        case (.classification, "gini"): return .gini
        case (.classification, "entropy"), (.classification, "log_loss"): return .entropy
        case (.regression, "squared_error"): return nil
        case (.classification, _): throw FitError("--param criterion must be gini or entropy for a classifier, not '\(text)'.")
        case (.regression, _): throw FitError("--param criterion must be squared_error for a regressor, not '\(text)'.")
        }
    }

    /// A whole number, or none for no limit.
    private func maxDepth() throws(FitError) -> Int?? {
        guard let text = text("max_depth") else { return nil }
        if text.lowercased() == "none" { return .some(nil) }
        guard let depth = Int(text), depth >= 1 else { throw FitError("--param max_depth must be a whole number of at least 1, or none, not '\(text)'.") }
        return depth
    }

    /// sqrt, log2, none (every feature), a whole number of features, or a
    /// fraction with a decimal point (as scikit-learn tells an int from a float).
    private func maxFeatures() throws(FitError) -> DecisionTreeParameters.MaxFeatures? {
        guard let text = text("max_features") else { return nil }
        switch text.lowercased() {
        case "sqrt": return .sqrt
        case "log2": return .log2
        case "none", "all": return .all
        default:
            if let count = Int(text) { return .count(count) }
            if let fraction = Double(text), text.contains(".") { return .fraction(fraction) }
            throw FitError("--param max_features must be sqrt, log2, none, a whole number or a fraction such as 0.5, not '\(text)'.")
        }
    }
}
