import ArgumentParser
import Synchronization
import StoreCore
import StoreLearn

extension ModelKind: ExpressibleByArgument {}
extension TrainingTask: ExpressibleByArgument {}
extension ImputeStrategy: ExpressibleByArgument {}
extension EncodeStrategy: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a view and write it, with every row's prediction, to the models and predictions tables.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The table or view to train on.", valueName: "view"))
    var view: String

    @Option(help: ArgumentHelp("The column to predict.", valueName: "column"))
    var target: String

    @Option(help: "The kind of model (default: logistic_regression for a class, linear_regression for a number).")
    var model: ModelKind?

    @Option(help: "The model's name (default: VIEW_MODEL); training a name again adds a version.")
    var name: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A model setting, e.g. C=0.5 (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The view's column of 'train'/'validation'/'test'; without it a stratified split is made.", valueName: "column"))
    var splitColumn: String = "split"

    @Option(help: "The test share of the split made when the view has no split column.")
    var testSize: Double = 0.2

    @Option(help: "The seed: the split and every random choice of the model.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("The column that identifies a row.", valueName: "column"))
    var key: String = "row_id"

    @Option(help: "Fill missing feature values with the training median, mean or most_frequent value.")
    var impute: ImputeStrategy?

    @Option(help: "Encode text features: onehot or label (codes fitted on training rows).")
    var encode: EncodeStrategy?

    @Option(help: "classification or regression (default: read from the target).")
    var task: TrainingTask?

    @Option(help: ArgumentHelp("balanced: weight classes by n / (classes · n_class).", valueName: "balanced"))
    var classWeight: String?

    @Option(help: ArgumentHelp("smote: add SMOTE rows (k = 5) to the training rows of every class but the largest.", valueName: "smote"))
    var oversample: String?

    @Option(help: ArgumentHelp("Stacking: base models besides the random forest, e.g. knn,naive_bayes.", valueName: "kinds"))
    var base: String?

    @Option(help: ArgumentHelp("Cross-validate with K stratified folds (scores in cv_scores).", valueName: "K"))
    var cv: Int?

    @Option(help: ArgumentHelp("Grid-search a setting over values, e.g. max_depth=4,8,none (repeatable; results in search_results).", valueName: "key=v1,v2"))
    var search: [String] = []

    @Option(help: ArgumentHelp("The measure --search ranks by (default: accuracy, or r2 for numbers).", valueName: "metric"))
    var scoring: String?

    func validate() throws {
        if let cv, cv < 2 { throw ValidationError("--cv takes at least 2 folds.") }
        if base != nil && model != .stacking { throw ValidationError("--base is for --model stacking.") }
        if let oversample, oversample != "smote" {
            throw ValidationError("--oversample takes 'smote', not '\(oversample)'.")
        }
        guard testSize > 0, testSize < 1 else { throw ValidationError("--test-size must be between 0 and 1.") }
        if let classWeight, classWeight != "balanced" {
            throw ValidationError("--class-weight takes 'balanced', not '\(classWeight)'.")
        }
    }

    func run() throws {
        let file = try store.open()
        var options = TrainingOptions(view: view, target: target, kind: model ?? .logisticRegression)
        options.name = name
        do {
            options.settings = try ModelSettings(parameters + (base.map { ["base=\($0)"] } ?? []))
        } catch {
            throw StoreError("\(error)")
        }
        options.folds = cv
        options.search = search
        options.scoring = scoring
        options.splitColumn = splitColumn
        options.testShare = testSize
        options.seed = seed
        options.key = key
        options.impute = impute
        options.encode = encode
        options.task = task
        options.balancedClasses = classWeight == "balanced"
        options.smote = oversample == "smote"
        if model == nil {
            options.kind = try file.queue.read { db in try Trainer.defaultKind(view: view, target: target, task: task, in: db) }
        }
        let bar = Mutex(ProgressBar(label: view))
        options.progress = { stage, done, total in bar.withLock { $0.update(done: done, total: total, unit: stage) } }
        let report: TrainingReport
        do {
            report = try Trainer.train(options, in: file)
            bar.withLock { $0.finish() }
        } catch {
            bar.withLock { $0.finish() }
            throw error
        }
        let rows = TrainingData.Split.allCases.compactMap { split in report.rows[split].map { "\(ProgressBar.grouped($0)) \(split.rawValue)" } }
        print("\(report.name) version \(report.version): \(options.kind.rawValue), \(report.task.rawValue), rows \(rows.joined(separator: ", ")), fit \(String(format: "%.2f", report.fitSeconds)) s, \(String(format: "%.2f", report.seconds)) s in all. See models and predictions (model_id \(report.modelID)).")
        if let chosen = report.chosen {
            print("search chose \(chosen.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")). See search_results.")
        }
        for split in report.headlines.map(\.split).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let figures = report.headlines.filter { $0.split == split }.map { "\($0.metric) \(String(format: "%.4f", $0.value))" }
            print("\(split): \(figures.joined(separator: ", ")). See \(split == "cv" ? "cv_scores" : "metrics and confusion").")
        }
    }
}
