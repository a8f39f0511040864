import Foundation
import StoreTestSupport
import XCTest

/// Several `store` commands on one store at once (docs/concurrency.md): a
/// read during a long ingest answers at once with the committed state; a
/// second writer waits for the first, says so on a terminal, and both land;
/// a train that finishes during an ingest lands after it.
///
/// Nothing sleeps for a fixed time. The long ingest (a generated CSV) is
/// caught mid-write, seen as its WAL file growing past `midWriteBytes` (its
/// one transaction spills pages there long before it commits), and is then
/// stopped with SIGSTOP, so it holds its open transaction and the write lock
/// for as long as the test needs, however slow the machine; SIGCONT lets it
/// commit. A command that must wait runs under script(1), which gives it a
/// terminal, and the test waits for its "waiting for …" notice.
final class ConcurrentCommandsTests: XCTestCase {
    var store: StoreRunner!

    /// Rows in the long ingest.
    static let longRows = 250_000
    /// A WAL this large means the ingest is writing: a fresh store's WAL
    /// holds two 16 KiB pages; the ingest's first spill adds about 2 MB.
    static let midWriteBytes: UInt64 = 256 * 1024

    override func setUpWithError() throws {
        store = try StoreRunner()
        try store.write("small.csv", "x,y\n1,a\n2,b\n3,c\n")
        XCTAssertEqual(try store.run(["ingest", "csv", "small.csv", "--table", "g"]).status, 0)
        var text = "x,y\n"
        text.reserveCapacity(Self.longRows * 24)
        for index in 0..<Self.longRows {
            text += "\(index),label number \(index % 1000)\n"
        }
        try store.write("long.csv", text)
    }

    /// Waits until `ingest` is writing (the store's WAL has grown past
    /// `midWriteBytes`), then stops it there. Fails when the ingest ends
    /// first or a minute passes.
    func stopMidWrite(_ ingest: StoreRunner.Running, file: StaticString = #filePath, line: UInt = #line) throws {
        let wal = store.path("store.db-wal")
        try waitFor("the ingest to write", file: file, line: line) {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? UInt64) ?? 0
            guard size > Self.midWriteBytes else {
                guard ingest.process.isRunning else { throw StoreTestFailure("the ingest ended before it was seen writing: \(ingest.finish())") }
                return false
            }
            XCTAssertEqual(kill(ingest.process.processIdentifier, SIGSTOP), 0, file: file, line: line)
            return true
        }
    }

    /// Lets a stopped ingest go on.
    func resume(_ ingest: StoreRunner.Running) {
        kill(ingest.process.processIdentifier, SIGCONT)
    }

    /// Polls `done` every 20 ms for up to a minute.
    func waitFor(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ done: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try done() { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw StoreTestFailure("waited a minute for \(what)")
    }

    /// Starts `store ARGUMENTS` under script(1), so that its standard error
    /// is a terminal; what it prints lands in `label`.stdout.
    func startOnATerminal(_ arguments: [String], label: String) throws -> StoreRunner.Running {
        let command = ([StoreRunner.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try store.start(["-qfec", command, "/dev/null"], label: label, executable: URL(fileURLWithPath: "/usr/bin/script"))
    }

    /// Waits until the command started by `startOnATerminal` says it waits.
    func waitForNotice(_ running: StoreRunner.Running) throws {
        try waitFor("the waiting notice") {
            let printed = String(decoding: FileManager.default.contents(atPath: running.stdoutPath) ?? Data(), as: UTF8.self)
            if printed.contains("waiting for another store command to finish writing store.db…") { return true }
            guard running.process.isRunning else { throw StoreTestFailure("the command ended without waiting: \(running.finish())") }
            return false
        }
    }

    /// Runs `store ARGUMENTS` and returns its result and how long it took.
    func timed(_ arguments: [String]) throws -> (StoreRunner.Result, Duration) {
        let started = ContinuousClock.now
        let result = try store.run(arguments)
        return (result, ContinuousClock.now - started)
    }

    func testAReadDuringALongIngestAnswersAtOnceWithTheCommittedRows() throws {
        let ingest = try store.start(["ingest", "csv", "long.csv", "--table", "g", "--append"], label: "ingest")
        defer { resume(ingest) }
        try stopMidWrite(ingest)
        let (count, countTime) = try timed(["sql", "SELECT count(*) AS n FROM g"])
        let (tables, tablesTime) = try timed(["tables", "--format", "csv"])
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.stdout, "n\n3\n", "the read sees the rows committed before the ingest")
        XCTAssertEqual(tables.status, 0, tables.stderr)
        XCTAssertTrue(tables.stdout.contains("\ng,table,3\n"), tables.stdout)
        XCTAssertLessThan(countTime, .seconds(5), "the read did not wait for the ingest")
        XCTAssertLessThan(tablesTime, .seconds(5), "store tables did not wait for the ingest")
        resume(ingest)
        let finished = ingest.finish()
        XCTAssertEqual(finished.status, 0, finished.stderr)
        XCTAssertEqual(try store.run(["sql", "SELECT count(*) AS n FROM g"]).stdout, "n\n\(3 + Self.longRows)\n")
    }

    func testASecondIngestWaitsForTheFirstAndBothLand() throws {
        let first = try store.start(["ingest", "csv", "long.csv", "--table", "long"], label: "first")
        defer { resume(first) }
        try stopMidWrite(first)
        let second = try startOnATerminal(["ingest", "csv", "small.csv", "--table", "other"], label: "second")
        let (impatient, impatientTime) = try timed(["ingest", "csv", "small.csv", "--table", "third", "--wait", "0"])
        XCTAssertEqual(impatient.status, 1)
        XCTAssertEqual(impatient.stderr, "Error: the store store.db is locked: another store command is writing it and holds it (--wait 0 fails at once). Run this again when that command has finished, or give --wait SECONDS to wait longer.\n")
        XCTAssertLessThan(impatientTime, .seconds(5), "--wait 0 fails at once")
        try waitForNotice(second)
        resume(first)
        let firstDone = first.finish()
        let secondDone = second.finish()
        XCTAssertEqual(firstDone.status, 0, firstDone.stderr)
        XCTAssertEqual(secondDone.status, 0, secondDone.stdout)
        XCTAssertTrue(secondDone.stdout.contains("other: 3 rows, 2 columns"), secondDone.stdout)
        let landed = try store.run(["sql", "SELECT (SELECT count(*) FROM long) AS long, (SELECT count(*) FROM other) AS other, (SELECT group_concat(dataset, ' ') FROM (SELECT dataset FROM ingests ORDER BY id)) AS ingests"])
        XCTAssertEqual(landed.stdout, "long,other,ingests\n\(Self.longRows),3,g long other\n", "the impatient ingest wrote nothing")
    }

    func testATrainFinishingDuringAnIngestLandsAfterIt() throws {
        let rows = (1...40).map { "\($0),\($0 % 7),\($0 > 20 ? 1 : 0),\($0 % 4 == 0 ? "test" : "train")" }
        try store.write("d.csv", "x,noise,y,split\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(try store.run(["ingest", "csv", "d.csv", "--table", "d"]).status, 0)
        let ingest = try store.start(["ingest", "csv", "long.csv", "--table", "long"], label: "ingest")
        defer { resume(ingest) }
        try stopMidWrite(ingest)
        let train = try startOnATerminal(["train", "--view", "d", "--target", "y"], label: "train")
        try waitForNotice(train)
        resume(ingest)
        let trained = train.finish()
        XCTAssertEqual(trained.status, 0, trained.stdout)
        XCTAssertTrue(trained.stdout.contains("d_logistic_regression version 1: "), trained.stdout)
        let finished = ingest.finish()
        XCTAssertEqual(finished.status, 0, finished.stderr)
        let landed = try store.run(["sql", "SELECT (SELECT count(*) FROM long) AS long, (SELECT count(*) FROM models) AS models, (SELECT count(*) FROM predictions) AS predictions"])
        XCTAssertEqual(landed.stdout, "long,models,predictions\n\(Self.longRows),1,40\n")
    }
}

/// A test step that could not go on, with what went wrong.
struct StoreTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
