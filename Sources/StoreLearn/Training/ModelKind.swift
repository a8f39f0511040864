/// The kinds of model `store train --model` knows, by their command-line names.
public enum ModelKind: String, Codable, Sendable, CaseIterable {
    case logisticRegression = "logistic_regression"
    case linearRegression = "linear_regression"
    case decisionTree = "decision_tree"
    case randomForest = "random_forest"
    case gradientBoosting = "gradient_boosting"
    case knn
    case naiveBayes = "naive_bayes"
    case svm
    case stacking
    case mlp
    case cnn
    case lstm
    case cnnLSTM = "cnn_lstm"

    /// Whether the kind is a neural network, trained in epochs through libtorch.
    public var isNetwork: Bool {
        switch self {
        case .mlp, .cnn, .lstm, .cnnLSTM: true
        default: false
        }
    }

    /// Whether the kind predicts classes, numbers, or either.
    public func supports(_ task: TrainingTask) -> Bool {
        switch self {
        case .logisticRegression, .naiveBayes, .svm, .stacking: task == .classification
        case .linearRegression: task == .regression
        case .decisionTree, .randomForest, .gradientBoosting, .knn, .mlp, .cnn, .lstm, .cnnLSTM: true
        }
    }

    /// What a progress report of the kind's fit counts.
    var progressUnit: String {
        switch self {
        case .randomForest: "trees"
        case .gradientBoosting: "stages"
        default: "fits"
        }
    }
}

/// What a model predicts.
public enum TrainingTask: String, Codable, Sendable, CaseIterable {
    case classification, regression
}

/// Reports how far a long fit has gone: `done` of `total` units (trees,
/// stages, folds), from whichever thread did the work.
public typealias FitProgress = @Sendable (_ done: Int, _ total: Int) -> Void
