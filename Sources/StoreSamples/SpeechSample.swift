import Foundation
import StoreCore

/// A small speech-emotion corpus made with the espeak-ng synthesizer, named
/// as RAVDESS names its files, so `store ingest audio --labels ravdess` reads
/// it as it reads the real corpus.
///
/// Each actor is an espeak-ng voice and variant (odd actors male variants,
/// even female, as in RAVDESS); each emotion is a prosody — rate, pitch,
/// pitch range and volume — set through SSML, and "strong" intensity doubles
/// its distance from neutral. Every actor says both RAVDESS statements in
/// every emotion twice (repetition 1 at normal intensity, 2 at strong and a
/// little faster and higher; neutral has no strong form, as in RAVDESS), with a little silence before and after
/// that differs by actor, so trimming has work to do. Files are 16-bit mono
/// WAV at 22,050 Hz, 1.3–4 s long: 32 per actor.
///
/// espeak-ng is deterministic: the same actors give the same files on the
/// same espeak-ng version.
public struct SpeechSample: Sendable {
    /// The voices used as actors, cycled: (voice, variant) with odd positions
    /// male. (espeak-ng 1.51 ignores the variant of "en-gb", hence "en".)
    static let voices = [
        ("en-us", "m1"), ("en-us", "f1"), ("en", "m3"), ("en", "f2"), ("en-gb-scotland", "m2"), ("en-029", "f3"),
        ("en-gb-x-rp", "m4"), ("en-us", "f4"), ("en-gb-x-gbclan", "m6"), ("en", "f5"), ("en-029", "m7"), ("en-gb-x-rp", "f2"),
    ]

    /// Prosody per RAVDESS emotion code: rate %, pitch change %, range %, volume change %.
    static let emotions: [(code: String, rate: Double, pitch: Double, range: Double, volume: Double)] = [
        ("01", 100, 0, 100, 0),      // neutral
        ("02", 85, -10, 70, -20),    // calm
        ("03", 115, 25, 160, 20),    // happy
        ("04", 75, -25, 50, -40),    // sad
        ("05", 120, 10, 180, 80),    // angry
        ("06", 130, 40, 140, -10),   // fearful
        ("07", 85, -15, 120, 10),    // disgust
        ("08", 105, 50, 200, 40),    // surprised
    ]

    static let statements = ["Kids are talking by the door", "Dogs are sitting by the door"]

    public let actors: Int

    public init(actors: Int) {
        self.actors = actors
    }

    /// One file to make: its name and the SSML espeak-ng speaks. (espeak-ng
    /// skips a break with nothing before it, hence the commas around the
    /// statement.)
    struct Utterance: Sendable {
        let name: String
        let voice: String
        let ssml: String
    }

    var utterances: [Utterance] {
        var made: [Utterance] = []
        for (index, voice) in actorVoices.enumerated() {
            let actor = index + 1
            let leading = 100 + 60 * (actor % 4)
            for emotion in Self.emotions {
                for (statementIndex, statement) in Self.statements.enumerated() {
                    for repetition in 1...2 {
                        let strong = repetition == 2 && emotion.code != "01"
                        let scale = strong ? 2.0 : 1.0
                        let rate = (100 + (emotion.rate - 100) * scale) * (repetition == 2 ? 1.06 : 1)
                        let pitch = emotion.pitch * scale + (repetition == 2 ? 4 : 0)
                        let range = 100 + (emotion.range - 100) * scale
                        let volume = emotion.volume * scale
                        let name = String(format: "03-01-%@-%02d-%02d-%02d-%02d.wav", emotion.code, strong ? 2 : 1,
                                          statementIndex + 1, repetition, actor)
                        let ssml = String(format: "<speak>, <break time=\"%dms\"/><prosody rate=\"%.0f%%\" pitch=\"%+.0f%%\" range=\"%.0f%%\" volume=\"%+.0f%%\">%@</prosody>, <break time=\"%dms\"/></speak>",
                                          leading + 40 * repetition, max(40, rate), pitch, max(10, range), max(-90, volume), statement, 250)
                        made.append(Utterance(name: "Actor_\(String(format: "%02d", actor))/" + name, voice: voice, ssml: ssml))
                    }
                }
            }
        }
        return made
    }

    /// Writes the corpus under `directory` (one folder per actor, as RAVDESS
    /// ships it) and returns the number of files. Needs the `espeak-ng`
    /// program (Debian package espeak-ng; scripts/install-deps installs it).
    public func write(to directory: String) throws -> Int {
        guard let program = Self.espeak() else {
            throw StoreError("the speech sample needs the espeak-ng program, which is not installed: run scripts/install-deps (or apt-get install espeak-ng).")
        }
        let all = utterances
        let root = URL(fileURLWithPath: directory)
        for actor in Set(all.map { $0.name.split(separator: "/")[0] }) {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(String(actor)), withIntermediateDirectories: true)
        }
        let failures = Parallel.map(all.count) { index -> String? in
            let utterance = all[index]
            let path = root.appendingPathComponent(utterance.name).path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["-m", "-v", utterance.voice, "-w", path, utterance.ssml]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            do {
                try process.run()
            } catch {
                return "\(path): cannot run \(program): \(error.localizedDescription)"
            }
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                return "\(path): espeak-ng failed (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))"
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw StoreError(failure)
        }
        return all.count
    }

    /// The espeak-ng voice of each actor, in order.
    public var actorVoices: [String] {
        (1...max(1, actors)).map { actor in
            let (voice, variant) = Self.voices[(actor - 1) % Self.voices.count]
            return "\(voice)+\(variant)"
        }
    }

    /// The path of espeak-ng on PATH, if any.
    static func espeak() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/espeak-ng" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
