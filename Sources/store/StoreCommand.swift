import ArgumentParser
import GRDB
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
            TestCommand.self,
            SplitCommand.self,
            SelectCommand.self,
            TrainCommand.self,
            PredictCommand.self,
            ModelsCommand.self,
            ReportCommand.self,
            PlotCommand.self,
            ExportImagesCommand.self,
            SampleCommand.self,
        ])

    /// Runs the command; a SQLite "database is locked" that outlasted
    /// `--wait` becomes a sentence naming the store and what to do.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            guard let options = (command as? OpensStore)?.store else { exit(withError: error) }
            exit(withError: StoreFile.explain(error, path: options.db, wait: options.writeWait))
        } catch {
            exit(withError: error)
        }
    }
}
