import CLibSVM
import StoreCore

/// An `svm_model` in memory this class owns, built from a fitted
/// classifier's plain arrays, so libsvm's own predict functions score rows.
///
/// (1) It is never handed to libsvm's free functions: `deinit` frees what
///     `init` allocated.
/// (2) Nothing changes it after `init`, and libsvm's predict functions only
///     read a model (their scratch space is their own), so threads share one.
/// (3) Rows are scored in blocks, one block per core; each block writes a
///     row's nodes into one buffer it reuses for all its rows.
final class LibSVMModel: @unchecked Sendable {
    let classCount: Int
    let pairCount: Int
    let hasProbabilities: Bool
    private let model: UnsafeMutablePointer<svm_model>
    private let nodes: UnsafeMutableBufferPointer<svm_node>
    private let supportVectors: UnsafeMutableBufferPointer<UnsafeMutablePointer<svm_node>?>
    private let coefficients: UnsafeMutableBufferPointer<Double>
    private let coefficientRows: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    private let rho: UnsafeMutableBufferPointer<Double>
    private let probA: UnsafeMutableBufferPointer<Double>
    private let probB: UnsafeMutableBufferPointer<Double>
    private let labels: UnsafeMutableBufferPointer<Int32>
    private let supportCounts: UnsafeMutableBufferPointer<Int32>

    /// A model of `trained`, whose sizes the caller has checked
    /// (`SupportVectorClassifier.inconsistency`).
    init(_ trained: LibSVM.Trained, kernel: LibSVM.Kernel) {
        _ = LibSVM.quiet
        classCount = trained.classes.count
        pairCount = trained.rho.count
        hasProbabilities = !trained.probA.isEmpty
        let vectors = trained.supportVectors
        let nodeCount = vectors.rows + vectors.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        nodes = .allocate(capacity: nodeCount)
        supportVectors = .allocate(capacity: vectors.rows)
        var next = 0
        for vector in 0..<vectors.rows {
            let start = nodes.baseAddress.map { $0 + next }
            supportVectors[vector] = start
            if let start { next += LibSVM.writeNodes(vectors.row(vector), to: start) }
        }
        coefficients = Self.copy(trained.dualCoefficients.values)
        coefficientRows = .allocate(capacity: trained.dualCoefficients.rows)
        for row in 0..<trained.dualCoefficients.rows {
            coefficientRows[row] = coefficients.baseAddress.map { $0 + row * trained.dualCoefficients.columns }
        }
        rho = Self.copy(trained.rho)
        probA = Self.copy(trained.probA)
        probB = Self.copy(trained.probB)
        labels = Self.copy(trained.classes.map { Int32(clamping: $0) })
        supportCounts = Self.copy(trained.supportCounts.map { Int32(clamping: $0) })

        var parameter = svm_parameter()
        parameter.svm_type = Int32(C_SVC)
        parameter.kernel_type = kernel.type
        parameter.degree = kernel.degree
        parameter.gamma = kernel.gamma
        parameter.coef0 = kernel.coef0
        model = .allocate(capacity: 1)
        model.initialize(to: svm_model(
            param: parameter, nr_class: Int32(clamping: classCount), l: Int32(clamping: vectors.rows),
            SV: supportVectors.baseAddress, sv_coef: coefficientRows.baseAddress, rho: rho.baseAddress,
            probA: hasProbabilities ? probA.baseAddress : nil, probB: hasProbabilities ? probB.baseAddress : nil,
            sv_indices: nil, label: labels.baseAddress, nSV: supportCounts.baseAddress, free_sv: 0))
    }

    deinit {
        model.deinitialize(count: 1)
        model.deallocate()
        for buffer in [rho, probA, probB, coefficients] { buffer.deallocate() }
        nodes.deallocate()
        supportVectors.deallocate()
        coefficientRows.deallocate()
        labels.deallocate()
        supportCounts.deallocate()
    }

    /// libsvm's Platt probabilities of each row, `classCount` per row in the
    /// model's class order (`svm_predict_probability`; pairwise coupling
    /// for more than two classes). Needs `hasProbabilities`.
    func probabilities(_ features: Matrix) -> [Double] {
        scoreRows(features, width: classCount) { model, nodes, output in
            _ = svm_predict_probability(model, nodes, output)
        }
    }

    /// libsvm's decision value of each row for each pair of classes i < j,
    /// positive for i (`svm_predict_values`), `pairCount` per row.
    func decisionValues(_ features: Matrix) -> [Double] {
        scoreRows(features, width: pairCount) { model, nodes, output in
            _ = svm_predict_values(model, nodes, output)
        }
    }

    /// libsvm's prediction (`svm_predict`: the class with the most pairwise
    /// wins, the first on ties) of each row, as an index into the model's classes.
    func votes(_ features: Matrix) -> [Int] {
        let labels = scoreRows(features, width: 1) { model, nodes, output in
            output[0] = svm_predict(model, nodes)
        }
        return labels.map { label in self.labels.firstIndex(of: Int32(label)) ?? 0 }
    }

    /// `width` outputs per row of `features`, written by `score` from the
    /// row's nodes, in blocks of rows on all cores; see (3).
    private func scoreRows(
        _ features: Matrix, width: Int,
        _ score: @Sendable (UnsafePointer<svm_model>, UnsafePointer<svm_node>, UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        let rows = features.rows
        guard rows > 0, width > 0 else { return [] }
        let blockSize = max(256, (rows + Parallel.coreCount - 1) / Parallel.coreCount)
        let blocks = Parallel.map((rows + blockSize - 1) / blockSize) { block in
            let range = block * blockSize..<min(rows, (block + 1) * blockSize)
            var output = [Double](repeating: 0, count: range.count * width)
            let nodes = UnsafeMutablePointer<svm_node>.allocate(capacity: features.columns + 1)
            defer { nodes.deallocate() }
            output.withUnsafeMutableBufferPointer { output in
                guard let base = output.baseAddress else { return }
                for row in range {
                    _ = LibSVM.writeNodes(features.row(row), to: nodes)
                    score(self.model, nodes, base + (row - range.lowerBound) * width)
                }
            }
            return output
        }
        return blocks.flatMap { $0 }
    }

    private static func copy<Element>(_ values: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
        return buffer
    }
}
