/// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, algorithms
/// 7.4 and 7.5) with a backtracking line search under the Armijo condition:
/// minimizes a smooth convex function given its value and gradient, as
/// scikit-learn's `lbfgs` solver does for logistic regression. It stops when
/// the largest gradient entry is at most the tolerance, or when a step lowers
/// the value by at most 64·eps of it (scikit-learn's `ftol`).
///
/// No well-kept Swift library offers it, so it is written here; the heavy
/// work (the objective and its gradient) is the caller's, through BLAS.
struct LBFGS {
    struct Settings {
        /// Pairs of (step, gradient change) kept for the inverse Hessian.
        var memory = 10
        var maximumIterations = 1000
        /// Converged when the largest gradient entry is at most this.
        var gradientTolerance = 1e-8
    }

    static let valueTolerance = 64 * Double.ulpOfOne

    struct Result {
        let point: [Double]
        let value: Double
        let iterations: Int
        let converged: Bool
    }

    /// Minimizes `objective`, which returns the value at a point and writes
    /// the gradient into its second argument, starting from `start`.
    static func minimize(
        from start: [Double], settings: Settings = Settings(),
        _ objective: ([Double], inout [Double]) -> Double
    ) -> Result {
        let size = start.count
        var point = start
        var gradient = [Double](repeating: 0, count: size)
        var value = objective(point, &gradient)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var curvatures: [Double] = []
        var trialGradient = [Double](repeating: 0, count: size)
        for iteration in 0..<settings.maximumIterations {
            if largest(gradient) <= settings.gradientTolerance {
                return Result(point: point, value: value, iterations: iteration, converged: true)
            }
            var direction = searchDirection(gradient, steps: steps, changes: changes, curvatures: curvatures)
            var slope = dot(direction, gradient)
            if !(slope < 0) {
                // Not a descent direction (numerical trouble): start over along the gradient.
                steps.removeAll(); changes.removeAll(); curvatures.removeAll()
                direction = gradient.map { -$0 }
                slope = dot(direction, gradient)
            }
            var length = steps.isEmpty ? min(1, 1 / max(largest(gradient), 1e-300)) : 1.0
            var trial = point
            var trialValue = Double.infinity
            var accepted = false
            for _ in 0..<60 {
                for index in 0..<size { trial[index] = point[index] + length * direction[index] }
                trialValue = objective(trial, &trialGradient)
                if trialValue <= value + 1e-4 * length * slope {
                    accepted = true
                    break
                }
                length *= 0.5
            }
            guard accepted else {
                return Result(point: point, value: value, iterations: iteration, converged: largest(gradient) <= settings.gradientTolerance * 1e3)
            }
            var step = [Double](repeating: 0, count: size)
            var change = [Double](repeating: 0, count: size)
            for index in 0..<size {
                step[index] = trial[index] - point[index]
                change[index] = trialGradient[index] - gradient[index]
            }
            let curvature = dot(step, change)
            if curvature > 1e-12 * dot(change, change) {
                steps.append(step)
                changes.append(change)
                curvatures.append(curvature)
                if steps.count > settings.memory {
                    steps.removeFirst(); changes.removeFirst(); curvatures.removeFirst()
                }
            }
            let previous = value
            point = trial
            value = trialValue
            swap(&gradient, &trialGradient)
            // scikit-learn's stop on a stalled value (scipy's L-BFGS-B
            // `ftol`, which scikit-learn sets to 64·eps): when a step lowers
            // the value by less than its rounding, the gradient cannot get
            // smaller in any way that matters (flat directions of collinear
            // features would otherwise take every iteration left).
            if previous - value <= Self.valueTolerance * max(abs(previous), abs(value), 1) {
                return Result(point: point, value: value, iterations: iteration + 1, converged: true)
            }
        }
        return Result(point: point, value: value, iterations: settings.maximumIterations, converged: largest(gradient) <= settings.gradientTolerance)
    }

    /// The two-loop recursion: −H·gradient, with H the L-BFGS inverse Hessian.
    private static func searchDirection(_ gradient: [Double], steps: [[Double]], changes: [[Double]], curvatures: [Double]) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for index in stride(from: steps.count - 1, through: 0, by: -1) {
            let alpha = dot(steps[index], q) / curvatures[index]
            alphas[index] = alpha
            for entry in 0..<q.count { q[entry] -= alpha * changes[index][entry] }
        }
        if let lastStep = steps.last, let lastChange = changes.last {
            let scale = dot(lastStep, lastChange) / dot(lastChange, lastChange)
            for entry in 0..<q.count { q[entry] *= scale }
        }
        for index in 0..<steps.count {
            let beta = dot(changes[index], q) / curvatures[index]
            for entry in 0..<q.count { q[entry] += (alphas[index] - beta) * steps[index][entry] }
        }
        return q.map { -$0 }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in 0..<a.count { sum += a[index] * b[index] }
        return sum
    }

    static func largest(_ values: [Double]) -> Double {
        values.reduce(0) { max($0, abs($1)) }
    }
}
