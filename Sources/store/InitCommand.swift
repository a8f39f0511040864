import ArgumentParser
import StoreCore

struct InitCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store file (or bring an existing one up to date) and say where it is.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let file = try store.open()
        if file.schemaVersionBefore == 0 {
            print("Created the store \(file.path) (schema version \(file.schemaVersion)).")
        } else if file.schemaVersionBefore < file.schemaVersion {
            print("Updated the store \(file.path) from schema version \(file.schemaVersionBefore) to \(file.schemaVersion).")
        } else {
            print("The store \(file.path) exists and is up to date (schema version \(file.schemaVersion)).")
        }
    }
}
