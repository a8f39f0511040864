import Foundation
import StoreTestSupport
import XCTest

/// Runs the built `store` binary in a temporary folder.
final class StoreRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let files: TestFolder
    var folder: URL { files.url }

    /// The `store` executable next to the test bundle (both live in .build/<configuration>).
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("store")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("store")
    }

    init() throws {
        files = try TestFolder()
    }

    func path(_ name: String) -> String {
        files.path(name)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try files.write(name, text)
    }

    /// Runs `store ARGUMENTS` in the folder, with `input` on stdin and
    /// `environment` added to a clean environment (no STORE_DB unless given).
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = makeProcess(arguments, environment: environment)
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// A `store` process set to run in the folder with a clean environment.
    private func makeProcess(_ arguments: [String], environment: [String: String] = [:], executable: URL = StoreRunner.executable) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["STORE_DB"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        return process
    }

    /// A `store` command running in the background; its output goes to files
    /// (so it never blocks on a full pipe), read by `finish()`.
    final class Running {
        let process: Process
        let stdoutPath: String
        let stderrPath: String

        init(process: Process, stdoutPath: String, stderrPath: String) {
            self.process = process
            self.stdoutPath = stdoutPath
            self.stderrPath = stderrPath
        }

        /// Waits for the command to exit and returns what it printed.
        func finish() -> Result {
            process.waitUntilExit()
            let out = FileManager.default.contents(atPath: stdoutPath) ?? Data()
            let err = FileManager.default.contents(atPath: stderrPath) ?? Data()
            return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
        }
    }

    /// Starts `store ARGUMENTS` (or another `executable`) in the background;
    /// `label` names its output files.
    func start(_ arguments: [String], label: String, executable: URL = StoreRunner.executable) throws -> Running {
        let process = makeProcess(arguments, executable: executable)
        let stdoutPath = path("\(label).stdout")
        let stderrPath = path("\(label).stderr")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }
}
