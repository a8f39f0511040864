import ArgumentParser
import StoreCore
import StoreSamples

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic sample data set (credit: a credit-scoring CSV).")

    enum Dataset: String, ExpressibleByArgument, CaseIterable {
        case credit
    }

    @Argument(help: "The data set: credit.")
    var dataset: Dataset

    @Option(help: "How many rows.")
    var rows: Int = 10_000

    @Option(help: "The seed; the same seed and rows give the same file.")
    var seed: UInt64 = 42

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more.") }
    }

    func run() throws {
        switch dataset {
        case .credit:
            do {
                try CreditSample(rows: rows, seed: seed).write(toFile: out)
            } catch {
                throw StoreError("cannot write the sample to \(out ?? "standard output"): \(error.localizedDescription)")
            }
        }
    }
}
