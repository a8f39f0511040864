import CLibSVM
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Training with libsvm 3.24 (Debian's `libsvm-dev`), and the two pieces of
/// process-wide state it keeps: its message printer and C `rand()`.
///
/// (1) libsvm prints progress to stdout; `quiet` sends it nowhere, once per
///     process, before the first fit or prediction.
/// (2) With probability estimates, libsvm shuffles its cross-validation
///     folds with C `rand()`, one generator for the whole process. A fit
///     seeds it with `srand` and trains while holding `trainingLock`, so two
///     fits in this process cannot interleave their draws; other code that
///     calls `rand()` meanwhile would still shift them.
/// (3) Rows reach libsvm in libsvm's sparse format: the non-zero features
///     of a row as (1-based column, value) nodes, then a node of index -1.
enum LibSVM {
    static let quiet: Void = svm_set_print_string_function { _ in }

    private static let trainingLock = Mutex(())

    /// What libsvm learned, copied out of its `svm_model` into plain arrays.
    struct Trained {
        let classes: [Int]
        let supportCounts: [Int]
        /// One row per support vector, dense.
        let supportVectors: Matrix
        /// `sv_coef`: classes − 1 rows, one column per support vector.
        let dualCoefficients: Matrix
        let rho: [Double]
        let probA: [Double]
        let probB: [Double]
    }

    /// The kernel part of an `svm_parameter`, also what prediction needs.
    struct Kernel {
        var type: Int32
        var degree: Int32
        var gamma: Double
        var coef0: Double

        init(_ kernel: SupportVectorParameters.Kernel, gamma: Double) {
            self.gamma = gamma
            switch kernel {
            case .linear:
                (type, degree, coef0) = (Int32(LINEAR), 3, 0)
            case .rbf:
                (type, degree, coef0) = (Int32(RBF), 3, 0)
            case .polynomial(let degree, let coef0):
                (type, self.degree, self.coef0) = (Int32(POLY), Int32(clamping: degree), coef0)
            case .sigmoid(let coef0):
                (type, degree, self.coef0) = (Int32(SIGMOID), 3, coef0)
            }
        }
    }

    /// Trains a C-SVC on `rows` of `features` (in this order) with their
    /// `classes`; `classWeights` multiply C for the classes they name.
    static func train(
        features: Matrix, rows: [Int], classes: [Int], classWeights: [(label: Int, weight: Double)],
        kernel: Kernel, parameters: SupportVectorParameters
    ) throws(FitError) -> Trained {
        _ = quiet
        guard rows.count <= Int(Int32.max), features.columns < Int(Int32.max) else {
            throw FitError("libsvm takes at most \(Int32.max) rows and features.")
        }
        let columns = features.columns
        var nodeCount = rows.count
        for row in rows {
            for value in features.row(row) where value != 0 { nodeCount += 1 }
        }
        let nodes = UnsafeMutablePointer<svm_node>.allocate(capacity: nodeCount)
        defer { nodes.deallocate() }
        let x = UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>.allocate(capacity: rows.count)
        defer { x.deallocate() }
        let y = UnsafeMutablePointer<Double>.allocate(capacity: rows.count)
        defer { y.deallocate() }
        var next = 0
        for (position, row) in rows.enumerated() {
            x[position] = nodes + next
            y[position] = Double(classes[row])
            next += writeNodes(features.row(row), to: nodes + next)
        }

        let weightLabels = UnsafeMutablePointer<Int32>.allocate(capacity: max(classWeights.count, 1))
        defer { weightLabels.deallocate() }
        let weights = UnsafeMutablePointer<Double>.allocate(capacity: max(classWeights.count, 1))
        defer { weights.deallocate() }
        for (index, classWeight) in classWeights.enumerated() {
            weightLabels[index] = Int32(clamping: classWeight.label)
            weights[index] = classWeight.weight
        }

        var parameter = svm_parameter()
        parameter.svm_type = Int32(C_SVC)
        parameter.kernel_type = kernel.type
        parameter.degree = kernel.degree
        parameter.gamma = kernel.gamma
        parameter.coef0 = kernel.coef0
        parameter.cache_size = parameters.cacheSize
        parameter.eps = parameters.tolerance
        parameter.C = parameters.c
        parameter.nr_weight = Int32(classWeights.count)
        parameter.weight_label = weightLabels
        parameter.weight = weights
        parameter.nu = 0.5
        parameter.p = 0.1
        parameter.shrinking = parameters.shrinking ? 1 : 0
        parameter.probability = parameters.probability ? 1 : 0
        var problem = svm_problem(l: Int32(rows.count), y: y, x: x)
        if let message = svm_check_parameter(&problem, &parameter) {
            throw FitError("libsvm refused the settings: \(String(cString: message)).")
        }

        let seed = UInt32(truncatingIfNeeded: parameters.seed ^ (parameters.seed >> 32))
        let trained: Result<Trained, FitError> = trainingLock.withLock { _ in
            srand(seed)
            var model = svm_train(&problem, &parameter)
            // The model's support vectors point into `nodes` (libsvm's
            // free_sv is 0), so it is destroyed before they are deallocated.
            defer { svm_free_and_destroy_model(&model) }
            guard let model = model?.pointee else { return .failure(FitError("libsvm could not train on these rows.")) }
            return Result { () throws(FitError) in try copy(model, columns: columns) }
        }
        return try trained.get()
    }

    /// Writes the nodes of one row at `nodes` (room for `row.count + 1`);
    /// returns how many it wrote, the terminator included.
    static func writeNodes(_ row: ArraySlice<Double>, to nodes: UnsafeMutablePointer<svm_node>) -> Int {
        var count = 0
        var index: Int32 = 1
        for value in row {
            if value != 0 {
                nodes[count] = svm_node(index: index, value: value)
                count += 1
            }
            index += 1
        }
        nodes[count] = svm_node(index: -1, value: 0)
        return count + 1
    }

    private static func copy(_ model: svm_model, columns: Int) throws(FitError) -> Trained {
        let classCount = Int(model.nr_class)
        let supportCount = Int(model.l)
        let pairs = classCount * (classCount - 1) / 2
        guard classCount >= 2, supportCount >= 0, let label = model.label, let nSV = model.nSV,
              let supportVectors = model.SV, let coefficients = model.sv_coef, let rho = model.rho else {
            throw FitError("libsvm returned an incomplete model.")
        }
        var dense = [Double](repeating: 0, count: supportCount * columns)
        for vector in 0..<supportCount {
            guard var node = supportVectors[vector].map({ UnsafePointer<svm_node>($0) }) else {
                throw FitError("libsvm returned an incomplete model.")
            }
            while node.pointee.index != -1 {
                let column = Int(node.pointee.index) - 1
                guard (0..<columns).contains(column) else { throw FitError("libsvm returned an incomplete model.") }
                dense[vector * columns + column] = node.pointee.value
                node += 1
            }
        }
        var dual = [Double]()
        dual.reserveCapacity((classCount - 1) * supportCount)
        for row in 0..<(classCount - 1) {
            guard let values = coefficients[row] else { throw FitError("libsvm returned an incomplete model.") }
            dual.append(contentsOf: UnsafeBufferPointer(start: values, count: supportCount))
        }
        let hasProbabilities = model.probA != nil && model.probB != nil
        return Trained(
            classes: (0..<classCount).map { Int(label[$0]) },
            supportCounts: (0..<classCount).map { Int(nSV[$0]) },
            supportVectors: Matrix(checkedRows: supportCount, columns: columns, values: dense),
            dualCoefficients: Matrix(checkedRows: classCount - 1, columns: supportCount, values: dual),
            rho: Array(UnsafeBufferPointer(start: rho, count: pairs)),
            probA: hasProbabilities ? Array(UnsafeBufferPointer(start: model.probA, count: pairs)) : [],
            probB: hasProbabilities ? Array(UnsafeBufferPointer(start: model.probB, count: pairs)) : [])
    }
}
