import Foundation
import GRDB
import Synchronization

/// How a connection waits when another connection (usually another `store`
/// command) holds the store's write lock: SQLite's busy handler.
///
/// SQLite lets one connection write at a time. In WAL mode readers never wait
/// for the writer, but a second writer gets `SQLITE_BUSY`. With a `WriteWait`
/// it retries for up to `seconds` instead, sleeping between tries as
/// `sqlite3_busy_timeout` does (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then
/// 100 ms), and calls `notice` once per wait that lasts longer than
/// `noticeAfter` seconds, so a terminal can say what it waits for.
///
/// ```swift
/// let wait = WriteWait(seconds: 60) { print($0) }
/// // prints "waiting for another store command to finish writing data/demo.db…"
/// // when the lock stays taken for more than a quarter second.
/// ```
///
/// `seconds` 0 fails at once (SQLite's default).
public struct WriteWait: Sendable {
    /// The longest one wait may last, in seconds (0 ... `longest`); 0 fails at once.
    public let seconds: Double
    /// How long a wait lasts before `notice` is called, in seconds.
    public let noticeAfter: Double
    /// Told, once per wait, what the connection waits for.
    public let notice: (@Sendable (String) -> Void)?

    /// The default `--wait`: a minute.
    public static let defaultSeconds: Double = 60

    /// The longest wait accepted, in seconds: 11.6 days.
    public static let longest: Double = 1_000_000

    /// `seconds` is clamped to 0 ... `longest` (NaN counts as 0).
    public init(seconds: Double = WriteWait.defaultSeconds, noticeAfter: Double = 0.25, notice: (@Sendable (String) -> Void)? = nil) {
        self.seconds = seconds.isNaN ? 0 : min(max(seconds, 0), Self.longest)
        self.noticeAfter = noticeAfter.isNaN ? 0 : min(max(noticeAfter, 0), Self.longest)
        self.notice = notice
    }

    /// The message `notice` receives for the store at `path`.
    public static func message(path: String) -> String {
        "waiting for another store command to finish writing \(path)…"
    }

    /// GRDB's busy mode for a connection to the store at `path` (as the user
    /// gave it, for the notice).
    func busyMode(path: String) -> Database.BusyMode {
        guard seconds > 0 else { return .immediateError }
        let waiter = BusyWaiter(limit: seconds, noticeAfter: noticeAfter, message: Self.message(path: path), notice: notice)
        return .callback { tries in waiter.shouldRetry(tries: tries) }
    }
}

/// The state of one connection's busy handler: when the current wait began
/// and whether it was announced. SQLite calls the handler with `tries` 0 at
/// the start of each wait.
private final class BusyWaiter: Sendable {
    private struct Wait {
        var started: ContinuousClock.Instant
        var announced: Bool
    }

    /// sqlite3_busy_timeout's delays, in milliseconds (sqlite3.c, sqliteDefaultBusyCallback).
    private static let delays: [Int] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

    private let limit: Duration
    private let noticeAfter: Duration
    private let message: String
    private let notice: (@Sendable (String) -> Void)?
    private let wait = Mutex(Wait(started: .now, announced: false))

    init(limit: Double, noticeAfter: Double, message: String, notice: (@Sendable (String) -> Void)?) {
        self.limit = .milliseconds(Int64(limit * 1000))
        self.noticeAfter = .milliseconds(Int64(noticeAfter * 1000))
        self.message = message
        self.notice = notice
    }

    /// Sleeps a little and returns true while the wait has time left.
    func shouldRetry(tries: Int) -> Bool {
        let now = ContinuousClock.now
        let (elapsed, announce) = wait.withLock { wait -> (Duration, Bool) in
            if tries == 0 { wait = Wait(started: now, announced: false) }
            let elapsed = now - wait.started
            let announce = !wait.announced && elapsed >= noticeAfter
            if announce { wait.announced = true }
            return (elapsed, announce)
        }
        guard elapsed < limit else { return false }
        if announce { notice?(message) }
        let delay = Duration.milliseconds(Self.delays[min(tries, Self.delays.count - 1)])
        Thread.sleep(forTimeInterval: Self.seconds(min(delay, limit - elapsed)))
        return true
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
