import ArgumentParser
import StoreCore
import StoreIngest

struct ExportImagesCommand: ParsableCommand, OpensStore {
    static let configuration = CommandConfiguration(
        commandName: "export-images",
        abstract: "Write the images a query returns as PNG files.",
        discussion: """
            The image is the column named image (else the first tensor column); each file is named after \
            the row's other values, e.g. SELECT row_id, label, predicted, image … gives 17_cat_dog.png.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "The query that selects the images.")
    var sql: String

    @Option(help: ArgumentHelp("The folder to write the PNG files into (created when missing).", valueName: "folder"))
    var to: String

    func run() throws {
        let result = try ImageExport.run(sql: sql, in: try store.open(), to: to)
        let skipped = result.skipped > 0 ? " (\(result.skipped) rows with no image skipped)" : ""
        print("wrote \(ProgressBar.grouped(result.written)) PNG file\(result.written == 1 ? "" : "s") to \(to)\(skipped)")
    }
}
