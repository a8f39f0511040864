import ArgumentParser

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a plot of a table or a model to a PNG or SVG file: hist, box, scatter, bar, heatmap, confusion, roc, pr, importance, learning, calibration.",
        discussion: "The data comes from a table or view, from --sql \"SELECT …\", or from a model's tables. The file's extension (.png or .svg) chooses the format. Nothing is written when there is an error.",
        subcommands: [
            PlotHistCommand.self,
            PlotBoxCommand.self,
            PlotScatterCommand.self,
            PlotBarCommand.self,
            PlotHeatmapCommand.self,
            PlotConfusionCommand.self,
            PlotROCCommand.self,
            PlotPRCommand.self,
            PlotImportanceCommand.self,
            PlotLearningCommand.self,
            PlotCalibrationCommand.self,
        ])
}
