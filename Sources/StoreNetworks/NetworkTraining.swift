import Foundation
import StoreCore

/// How a network is trained: `store train --epochs … --batch-size … --lr …`.
public struct NetworkTrainingSettings: Sendable, Equatable {
    public var epochs = 10
    public var batchSize = 32
    public var learningRate = 1e-3
    public var optimizer = NetworkOptimizer.adam
    /// SGD's momentum (0: none).
    public var momentum = 0.0
    /// Keras-style L2 on dense and convolution weights (0: none).
    public var l2 = 0.0
    /// Early stopping: epochs without a lower validation loss before the run
    /// stops; the best epoch's weights are restored. nil: train every epoch.
    public var patience: Int?
    public var augmentation: Augmentation?
    /// Shuffling and augmentation draws, and torch's initialization and
    /// dropout: one seed (and a fixed thread count) gives the same run.
    public var seed: UInt64 = 42

    public init() {}
}

/// The targets of every row a network may train on, by row index.
public enum NetworkTargets: Sendable {
    /// Class indices 0..<count.
    case classes([Int], count: Int)
    case values([Double])

    func batch(_ rows: ArraySlice<Int>) -> BatchTargets {
        switch self {
        case .classes(let classes, _): .classes(rows.map { Int64(classes[$0]) })
        case .values(let values): .values(rows.map { Float(values[$0]) })
        }
    }
}

/// One epoch's measure on one split: a row of the `training_log` table.
public struct EpochRecord: Sendable, Equatable {
    public enum Split: String, Sendable {
        case train, validation
    }

    public let epoch: Int
    public let split: Split
    /// Train: the mean of the batches' losses weighted by their rows, as
    /// Keras reports it (the L2 term included). Validation: the mean loss of
    /// the rows after the epoch (no L2 term).
    public let loss: Double
    /// The share of rows whose most probable class is right (train: as each
    /// batch was before its step, as Keras counts it); nil for regression.
    public let accuracy: Double?
    public let seconds: Double
    public let learningRate: Double
}

/// A trained network and how its training went.
public struct NetworkFit {
    public let network: Network
    /// Train and validation records of every epoch run, in order.
    public let log: [EpochRecord]
    /// The epoch whose weights the network has: the best validation loss
    /// with early stopping, else the last.
    public let epoch: Int
    public let epochsRun: Int
    public let stoppedEarly: Bool
}

/// The epoch loop: shuffle, batch, augment, step, measure, stop early.
///
/// (1) Each epoch visits the training rows in a fresh order drawn from the
///     seed, in batches of `batchSize` (a last batch of one row joins the
///     batch before it: batch normalization needs two rows).
/// (2) Augmentation (when set) changes training batches only, with fresh
///     draws each epoch; validation rows are measured as they are.
/// (3) After each epoch the validation rows, when there are any, are
///     predicted in eval mode and their loss and accuracy logged.
/// (4) With `patience`, the run stops once the validation loss has not
///     fallen below its best for `patience` epochs (Keras's EarlyStopping,
///     min_delta 0), and the best epoch's weights are restored.
public enum NetworkTraining {
    /// Told when an epoch ends: its train record and its validation record (if any).
    public typealias EpochReport = (EpochRecord, EpochRecord?) -> Void
    /// Told after each batch: rows done of the epoch's rows.
    public typealias BatchReport = (_ done: Int, _ total: Int) -> Void

    public static func fit(
        plan: NetworkPlan, rows: NetworkRows, targets: NetworkTargets, train: [Int], validation: [Int],
        settings: NetworkTrainingSettings, classWeights: [Float]? = nil, pictures: Bool,
        onEpoch: EpochReport? = nil, onBatch: BatchReport? = nil
    ) throws(StoreNetworkError) -> NetworkFit {
        guard !train.isEmpty else { throw StoreNetworkError("there are no training rows.") }
        if settings.patience != nil && validation.isEmpty {
            throw StoreNetworkError("--patience stops on the validation loss, but there are no validation rows; give the view a 'validation' split or a --validation-share above 0.")
        }
        let network = try Network(plan: plan, seed: settings.seed)
        try network.setOptimizer(settings.optimizer, learningRate: settings.learningRate, momentum: settings.momentum, l2: settings.l2)
        var random = SeededRandom(seed: settings.seed)
        var order = train
        var batch = NetworkBatch()
        var scratch: [Float] = []
        var log: [EpochRecord] = []
        var best: (loss: Double, epoch: Int, arrays: [NetworkArray])?
        var epochsRun = 0
        var stoppedEarly = false
        let isClassification = if case .classes = targets { true } else { false }
        for epoch in 1...max(settings.epochs, 1) {
            let started = Date()
            order.shuffle(using: &random)
            var lossSum = 0.0
            var correct = 0
            var done = 0
            for bounds in batchBounds(count: order.count, size: settings.batchSize) {
                let slice = order[bounds]
                rows.fill(&batch, with: slice)
                if let augmentation = settings.augmentation {
                    for (slot, row) in slice.enumerated() {
                        augmentation.apply(to: &batch, slot: slot, length: rows.lengths[row], shape: rows.shape, picture: pictures,
                                           random: &random, scratch: &scratch)
                    }
                }
                let step = try network.train(batch, targets: targets.batch(slice), classWeights: classWeights)
                guard step.loss.isFinite else {
                    throw StoreNetworkError("the loss became \(step.loss) in epoch \(epoch); lower the learning rate (--lr) or scale the inputs.")
                }
                lossSum += step.loss * Double(slice.count)
                correct += step.correct
                done += slice.count
                onBatch?(done, order.count)
            }
            let trainRecord = EpochRecord(epoch: epoch, split: .train, loss: lossSum / Double(order.count),
                                          accuracy: isClassification ? Double(correct) / Double(order.count) : nil,
                                          seconds: Date().timeIntervalSince(started), learningRate: settings.learningRate)
            log.append(trainRecord)
            var validationRecord: EpochRecord?
            if !validation.isEmpty {
                let validationStarted = Date()
                let measured = try evaluate(network, rows: rows, indices: validation, targets: targets)
                validationRecord = EpochRecord(epoch: epoch, split: .validation, loss: measured.loss, accuracy: measured.accuracy,
                                               seconds: Date().timeIntervalSince(validationStarted), learningRate: settings.learningRate)
                log.append(validationRecord!)
            }
            onEpoch?(trainRecord, validationRecord)
            epochsRun = epoch
            if let patience = settings.patience, let validationRecord {
                if best == nil || validationRecord.loss < best!.loss {
                    best = (validationRecord.loss, epoch, network.arrays())
                } else if epoch - best!.epoch >= patience {
                    stoppedEarly = true
                    break
                }
            }
        }
        if let best, best.epoch != epochsRun {
            try network.load(best.arrays)
        }
        return NetworkFit(network: network, log: log, epoch: best?.epoch ?? epochsRun, epochsRun: epochsRun, stoppedEarly: stoppedEarly)
    }

    /// The outputs for `indices` (class probabilities, `plan.outputs` per
    /// row, or one value per row), in order, predicted in eval mode.
    public static func outputs(of network: Network, rows: NetworkRows, indices: [Int], batchSize: Int = 256) throws(StoreNetworkError) -> [Float] {
        var outputs: [Float] = []
        outputs.reserveCapacity(indices.count * network.plan.outputs)
        var batch = NetworkBatch()
        for bounds in batchBounds(count: indices.count, size: batchSize) {
            rows.fill(&batch, with: indices[bounds])
            outputs += try network.predict(batch).outputs
        }
        return outputs
    }

    /// The mean loss and the accuracy (classes) of `indices`.
    static func evaluate(_ network: Network, rows: NetworkRows, indices: [Int], targets: NetworkTargets,
                         batchSize: Int = 256) throws(StoreNetworkError) -> (loss: Double, accuracy: Double?) {
        var batch = NetworkBatch()
        var lossSum = 0.0
        var correct = 0
        for bounds in batchBounds(count: indices.count, size: batchSize) {
            let slice = indices[bounds]
            rows.fill(&batch, with: slice)
            let predicted = try network.predict(batch, targets: targets.batch(slice))
            lossSum += predicted.lossSum ?? 0
            if case .classes(let classes, let count) = targets {
                for (slot, row) in slice.enumerated() where largest(predicted.outputs, row: slot, columns: count) == classes[row] {
                    correct += 1
                }
            }
        }
        let isClassification = if case .classes = targets { true } else { false }
        return (lossSum / Double(indices.count), isClassification ? Double(correct) / Double(indices.count) : nil)
    }

    /// The column of row `row`'s largest value (the first on ties, as torch's argmax).
    public static func largest(_ outputs: [Float], row: Int, columns: Int) -> Int {
        var best = 0
        for column in 1..<max(columns, 1) where outputs[row * columns + column] > outputs[row * columns + best] { best = column }
        return best
    }

    /// Consecutive batches of `size` over `count` rows; a last batch of one
    /// row joins the one before (rule 1).
    static func batchBounds(count: Int, size: Int) -> [Range<Int>] {
        var bounds: [Range<Int>] = []
        var start = 0
        while start < count {
            var end = min(start + max(size, 1), count)
            if count - end == 1 { end = count }
            bounds.append(start..<end)
            start = end
        }
        return bounds
    }
}
