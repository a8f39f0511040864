import ArgumentParser
import StoreCore

@main
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "An embedded analytics store: raw data, features, models and metrics in one SQLite file.",
        discussion: "Every command works on the store file given by --db (default: $STORE_DB, else store.db in the current folder).",
        version: StoreVersion.current,
        subcommands: [
            InitCommand.self,
            IngestCommand.self,
            TablesCommand.self,
            DescribeCommand.self,
            SQLCommand.self,
            StatsCommand.self,
            SplitCommand.self,
            TrainCommand.self,
            PredictCommand.self,
            ModelsCommand.self,
            ReportCommand.self,
            PlotCommand.self,
            ExportImagesCommand.self,
            SampleCommand.self,
        ])
}
