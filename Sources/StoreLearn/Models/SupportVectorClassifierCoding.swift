/// A support vector classifier as JSON: everything libsvm needs to rebuild
/// its `svm_model`, as plain numbers and arrays.
///
/// ```json
/// {"classCount": 2, "featureCount": 2, "parameters": {…}, "gamma": 0.5,
///  "classes": [0, 1], "supportCounts": [2, 2],
///  "supportVectors": {"rows": 4, "columns": 2, "values": […]},
///  "dualCoefficients": {"rows": 1, "columns": 4, "values": […]},
///  "rho": [0.1], "probA": [-2.3], "probB": [0.04]}
/// ```
///
/// Decoding checks every size and number against the others (see
/// `inconsistency`) and throws `DecodingError.dataCorrupted` rather than
/// build a model libsvm would read out of bounds.
extension SupportVectorClassifier {
    private enum CodingKeys: String, CodingKey {
        case classCount, featureCount, parameters, gamma, classes, supportCounts, supportVectors, dualCoefficients, rho, probA, probB
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        let featureCount = try container.decode(Int.self, forKey: .featureCount)
        let parameters = try container.decode(SupportVectorParameters.self, forKey: .parameters)
        let gamma = try container.decode(Double.self, forKey: .gamma)
        let trained = LibSVM.Trained(
            classes: try container.decode([Int].self, forKey: .classes),
            supportCounts: try container.decode([Int].self, forKey: .supportCounts),
            supportVectors: try container.decode(Matrix.self, forKey: .supportVectors),
            dualCoefficients: try container.decode(Matrix.self, forKey: .dualCoefficients),
            rho: try container.decode([Double].self, forKey: .rho),
            probA: try container.decode([Double].self, forKey: .probA),
            probB: try container.decode([Double].self, forKey: .probB))
        if let problem = Self.inconsistency(of: trained, classCount: classCount, featureCount: featureCount, parameters: parameters, gamma: gamma) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "not a support vector classifier: \(problem)"))
        }
        self.init(classCount: classCount, featureCount: featureCount, parameters: parameters, gamma: gamma, trained: trained)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classCount, forKey: .classCount)
        try container.encode(featureCount, forKey: .featureCount)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(gamma, forKey: .gamma)
        try container.encode(classes, forKey: .classes)
        try container.encode(supportCounts, forKey: .supportCounts)
        try container.encode(supportVectors, forKey: .supportVectors)
        try container.encode(dualCoefficients, forKey: .dualCoefficients)
        try container.encode(rho, forKey: .rho)
        try container.encode(probA, forKey: .probA)
        try container.encode(probB, forKey: .probB)
    }

    /// What is wrong with `trained` as a model of `classCount` classes and
    /// `featureCount` features, as a phrase; nil when libsvm can safely use it.
    static func inconsistency(
        of trained: LibSVM.Trained, classCount: Int, featureCount: Int, parameters: SupportVectorParameters, gamma: Double
    ) -> String? {
        let limit = Int(Int32.max)
        let k = trained.classes.count
        guard classCount >= 2, featureCount >= 0, featureCount < limit else {
            return "it needs at least 2 classes and fewer than \(limit) features, not \(classCount) and \(featureCount)"
        }
        guard k >= 2, k <= classCount, zip(trained.classes, trained.classes.dropFirst()).allSatisfy({ $0 < $1 }),
              let first = trained.classes.first, let last = trained.classes.last, first >= 0, last < classCount else {
            return "its classes must be at least 2 ascending indices below \(classCount), not \(trained.classes)"
        }
        let vectors = trained.supportVectors
        guard vectors.rows >= 0, vectors.rows < limit, vectors.columns == featureCount,
              vectors.rows.multipliedReportingOverflow(by: max(vectors.columns, 1)).overflow == false,
              vectors.values.count == vectors.rows * vectors.columns else {
            return "its support vectors must be a rows × \(featureCount) matrix"
        }
        guard trained.supportCounts.count == k, trained.supportCounts.allSatisfy({ $0 >= 0 && $0 <= vectors.rows }),
              trained.supportCounts.reduce(0, +) == vectors.rows else {
            return "it needs one count of support vectors per class, summing to \(vectors.rows)"
        }
        let dual = trained.dualCoefficients
        guard dual.rows == k - 1, dual.columns == vectors.rows, dual.values.count == dual.rows * dual.columns else {
            return "its dual coefficients must be a \(k - 1) × \(vectors.rows) matrix"
        }
        let pairs = k * (k - 1) / 2
        guard trained.rho.count == pairs else { return "it needs \(pairs) rho, one per pair of classes" }
        guard trained.probA.count == trained.probB.count, trained.probA.count == (parameters.probability ? pairs : 0) else {
            return parameters.probability ? "it needs \(pairs) probA and probB, one per pair of classes" : "it has probA or probB but was fitted without probability"
        }
        let numbers = [vectors.values, dual.values, trained.rho, trained.probA, trained.probB, [gamma]]
        guard numbers.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return "it holds a number that is not finite" }
        do {
            try parameters.check()
        } catch {
            return "its parameters are not valid: \(error)"
        }
        return nil
    }
}
