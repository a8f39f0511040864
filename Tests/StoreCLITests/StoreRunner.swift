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
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["STORE_DB"] = nil
        env.merge(environment) { $1 }
        process.environment = env
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
}
