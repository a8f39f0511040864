import ArgumentParser
import StoreCore
import StoreSamples

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic sample data set: credit (a credit-scoring CSV), speech (RAVDESS-named recordings made with espeak-ng) or shapes (a folder per class of PNG and JPEG pictures).")

    enum Dataset: String, ExpressibleByArgument, CaseIterable {
        case credit, speech, shapes
    }

    @Argument(help: "The data set: credit, speech or shapes.")
    var dataset: Dataset

    @Option(help: "How many rows (credit).")
    var rows: Int = 10_000

    @Option(help: "How many actors, 32 recordings each (speech).")
    var actors: Int = 8

    @Option(help: "How many pictures per class (shapes).")
    var perClass: Int = 100

    @Option(help: "The seed; the same seed and rows give the same file.")
    var seed: UInt64 = 42

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (credit; default standard output) or folder (speech, shapes).", valueName: "path"))
    var out: String?

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more.") }
        guard (1...99).contains(actors) else { throw ValidationError("--actors must be 1 to 99.") }
        guard perClass >= 1 else { throw ValidationError("--per-class must be 1 or more.") }
        if dataset != .credit && out == nil {
            throw ValidationError("The \(dataset.rawValue) sample is a folder of files: give it with --out FOLDER.")
        }
    }

    func run() throws {
        switch dataset {
        case .credit:
            do {
                try CreditSample(rows: rows, seed: seed).write(toFile: out)
            } catch {
                throw StoreError("cannot write the sample to \(out ?? "standard output"): \(error.localizedDescription)")
            }
        case .speech:
            let folder = out ?? "."
            let count = try SpeechSample(actors: actors).write(to: folder)
            print("wrote \(count) recordings to \(folder)")
        case .shapes:
            let folder = out ?? "."
            let count = try ShapesSample.write(to: folder, perClass: perClass, seed: seed)
            print("wrote \(count) pictures to \(folder)")
        }
    }
}
