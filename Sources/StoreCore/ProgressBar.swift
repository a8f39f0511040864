import Foundation

/// A one-line progress display on standard error, redrawn in place, for long
/// work (ingests, training). It draws only when standard error is a
/// terminal, and at most ten times a second; otherwise every call is a no-op.
///
/// ```
/// credit  [##########----------]  48%  480,000 rows  61.2 MB/s  ETA 1s
/// ```
public struct ProgressBar {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A bar titled `label`; `enabled` defaults to whether stderr is a terminal.
    public init(label: String, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws with `done` of `total` bytes, `count` items of `unit`
    /// processed so far, and the rate in MB/s.
    public mutating func update(done: Int64, total: Int64, count: Int, unit: String) {
        draw(done: Double(done), total: Double(total)) { elapsed in
            let rate = elapsed > 0 ? Double(done) / elapsed / 1_000_000 : 0
            return "\(Self.grouped(count)) \(unit)  \(String(format: "%.1f", rate)) MB/s"
        }
    }

    /// Redraws with `done` of `total` items of `unit` (trees, folds, files)
    /// and the rate in items per second.
    public mutating func update(done: Int, total: Int, unit: String) {
        draw(done: Double(done), total: Double(total)) { elapsed in
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            return "\(Self.grouped(done))/\(Self.grouped(total)) \(unit)  \(String(format: "%.1f", rate)) \(unit)/s"
        }
    }

    private mutating func draw(done: Double, total: Double, detail: (_ elapsed: Double) -> String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done >= total else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let fraction = total > 0 ? min(1, done / total) : 0
        let filled = Int(fraction * 20)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let line = "\(label)  [\(bar)] \(String(format: "%3d", Int(fraction * 100)))%  \(detail(elapsed))  ETA \(Int(eta.rounded()))s"
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the line so the summary that follows starts clean.
    public mutating func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    /// `1234567` as `1,234,567`.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return number < 0 ? "-" + result : result
    }
}
