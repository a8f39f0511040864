import Foundation
import GRDB
import StoreCore

/// Labels read from audio file names: the naming schemes of the public
/// speech-emotion corpora, or any regular expression with named groups.
///
/// Emotions from every preset use one vocabulary, RAVDESS's: neutral, calm,
/// happy, sad, angry, fearful, disgust, surprised (TESS's "fear" is fearful,
/// "ps" is surprised; CREMA-D's and SAVEE's codes likewise), so corpora can
/// be combined in one table.
///
/// | preset  | file name                  | columns |
/// |---------|----------------------------|---------|
/// | ravdess | `03-01-05-01-02-01-12.wav` | modality, vocal_channel, emotion, intensity, statement, repetition, actor, sex |
/// | tess    | `OAF_back_angry.wav`       | speaker, word, emotion |
/// | crema   | `1001_DFA_ANG_XX.wav`      | actor, sentence, emotion, intensity |
/// | savee   | `a01.wav`, `DC_sa01.wav`   | speaker (the prefix, else the parent folder), emotion, sentence |
/// | folder  | `angry/clip1.wav`          | label (the first folder level under the ingested folder) |
///
/// A regular expression (ICU syntax) must match the whole file name without
/// its extension; each named group `(?<name>…)` becomes a TEXT column. A name
/// that does not fit the scheme is a rejection that says what was expected.
public enum FileLabels: Sendable, Equatable {
    case ravdess, tess, crema, savee, folder
    case pattern(LabelPattern)

    /// `ravdess`, `tess`, `crema`, `savee`, `folder`, or a regular expression with at
    /// least one named group.
    public init(_ text: String) throws {
        switch text.lowercased() {
        case "ravdess": self = .ravdess
        case "tess": self = .tess
        case "crema", "crema-d", "crema_d": self = .crema
        case "savee": self = .savee
        case "folder": self = .folder
        default:
            self = .pattern(try LabelPattern(text))
        }
    }

    /// What the catalog records: the preset's name or the expression.
    public var text: String {
        switch self {
        case .ravdess: "ravdess"
        case .tess: "tess"
        case .crema: "crema"
        case .savee: "savee"
        case .folder: "folder"
        case .pattern(let pattern): pattern.text
        }
    }

    /// The label columns, in order, with their SQL types.
    public var columns: [FolderColumn] {
        switch self {
        case .ravdess:
            [FolderColumn("modality", "TEXT"), FolderColumn("vocal_channel", "TEXT"), FolderColumn("emotion", "TEXT"),
             FolderColumn("intensity", "TEXT"), FolderColumn("statement", "TEXT"), FolderColumn("repetition", "INTEGER"),
             FolderColumn("actor", "INTEGER"), FolderColumn("sex", "TEXT")]
        case .tess:
            [FolderColumn("speaker", "TEXT"), FolderColumn("word", "TEXT"), FolderColumn("emotion", "TEXT")]
        case .crema:
            [FolderColumn("actor", "INTEGER"), FolderColumn("sentence", "TEXT"), FolderColumn("emotion", "TEXT"),
             FolderColumn("intensity", "TEXT")]
        case .savee:
            [FolderColumn("speaker", "TEXT"), FolderColumn("emotion", "TEXT"), FolderColumn("sentence", "INTEGER")]
        case .folder:
            [FolderColumn("label", "TEXT")]
        case .pattern(let pattern):
            pattern.groups.map { FolderColumn($0, "TEXT") }
        }
    }

    /// The label values of the file at `relativePath`, in the order of `columns`.
    public func values(for relativePath: String) throws(FileRejection) -> [DatabaseValue] {
        let parts = relativePath.split(separator: "/").map(String.init)
        let name = ((parts.last ?? relativePath) as NSString).deletingPathExtension
        switch self {
        case .ravdess: return try Self.ravdess(name)
        case .tess: return try Self.tess(name)
        case .crema: return try Self.crema(name)
        case .savee: return try Self.savee(name, folder: parts.count > 1 ? parts[parts.count - 2] : nil)
        case .folder:
            guard parts.count > 1 else {
                throw FileRejection("it is not in a folder, so --labels folder has no label for it; put each class in its own folder under the one ingested")
            }
            return [parts[0].databaseValue]
        case .pattern(let pattern): return try pattern.values(for: name)
        }
    }

    // MARK: - RAVDESS

    static let ravdessEmotions = ["01": "neutral", "02": "calm", "03": "happy", "04": "sad",
                                  "05": "angry", "06": "fearful", "07": "disgust", "08": "surprised"]

    /// `modality-vocal channel-emotion-intensity-statement-repetition-actor`,
    /// seven two-digit codes (the RAVDESS README); odd actors are male.
    static func ravdess(_ name: String) throws(FileRejection) -> [DatabaseValue] {
        let fields = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let expected = "a RAVDESS name has seven two-digit codes like 03-01-05-01-02-01-12 (modality-channel-emotion-intensity-statement-repetition-actor)"
        guard fields.count == 7, fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else {
            throw FileRejection("the name '\(name)' does not fit --labels ravdess: \(expected)")
        }
        let modality = ["01": "audio-video", "02": "video", "03": "audio"]
        let channel = ["01": "speech", "02": "song"]
        let intensity = ["01": "normal", "02": "strong"]
        let statement = ["01": "Kids are talking by the door", "02": "Dogs are sitting by the door"]
        func code(_ table: [String: String], _ index: Int, _ what: String) throws(FileRejection) -> String {
            guard let value = table[fields[index]] else {
                throw FileRejection("the name '\(name)' does not fit --labels ravdess: \(what) code \(fields[index]) is not one of \(table.keys.sorted().joined(separator: ", "))")
            }
            return value
        }
        let repetition = Int(fields[5]) ?? 0
        let actor = Int(fields[6]) ?? 0
        guard (1...2).contains(repetition), (1...24).contains(actor) else {
            throw FileRejection("the name '\(name)' does not fit --labels ravdess: repetition must be 01 or 02 and actor 01 to 24")
        }
        return [
            try code(modality, 0, "modality").databaseValue,
            try code(channel, 1, "vocal channel").databaseValue,
            try code(ravdessEmotions, 2, "emotion").databaseValue,
            try code(intensity, 3, "intensity").databaseValue,
            try code(statement, 4, "statement").databaseValue,
            repetition.databaseValue,
            actor.databaseValue,
            (actor % 2 == 1 ? "male" : "female").databaseValue,
        ]
    }

    // MARK: - TESS

    static let tessEmotions = ["angry": "angry", "disgust": "disgust", "fear": "fearful", "happy": "happy",
                               "neutral": "neutral", "ps": "surprised", "pleasant_surprise": "surprised",
                               "pleasant_surprised": "surprised", "sad": "sad"]

    /// `SPEAKER_word_emotion` (OAF or YAF, the target word, the emotion;
    /// "ps" is the pleasant surprise).
    static func tess(_ name: String) throws(FileRejection) -> [DatabaseValue] {
        let fields = name.split(separator: "_", maxSplits: 2).map(String.init)
        guard fields.count == 3, ["OAF", "YAF"].contains(fields[0].uppercased()),
              let emotion = tessEmotions[fields[2].lowercased()] else {
            throw FileRejection("the name '\(name)' does not fit --labels tess: a TESS name is SPEAKER_word_emotion like OAF_back_angry, with speaker OAF or YAF and emotion one of \(tessEmotions.keys.sorted().joined(separator: ", "))")
        }
        return [fields[0].uppercased().databaseValue, fields[1].lowercased().databaseValue, emotion.databaseValue]
    }

    // MARK: - CREMA-D

    static let cremaEmotions = ["ANG": "angry", "DIS": "disgust", "FEA": "fearful", "HAP": "happy", "NEU": "neutral", "SAD": "sad"]
    static let cremaIntensities = ["LO": "low", "MD": "medium", "HI": "high", "XX": "unspecified"]

    /// `actor_sentence_emotion_intensity` like 1001_DFA_ANG_XX (the CREMA-D README).
    static func crema(_ name: String) throws(FileRejection) -> [DatabaseValue] {
        let fields = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, let actor = Int(fields[0]), (1001...1091).contains(actor), fields[1].count == 3,
              let emotion = cremaEmotions[fields[2].uppercased()], let intensity = cremaIntensities[fields[3].uppercased()] else {
            throw FileRejection("the name '\(name)' does not fit --labels crema: a CREMA-D name is ACTOR_SENTENCE_EMOTION_LEVEL like 1001_DFA_ANG_XX, with actor 1001 to 1091, emotion one of \(cremaEmotions.keys.sorted().joined(separator: ", ")) and level one of \(cremaIntensities.keys.sorted().joined(separator: ", "))")
        }
        return [actor.databaseValue, fields[1].uppercased().databaseValue, emotion.databaseValue, intensity.databaseValue]
    }

    // MARK: - SAVEE

    static let saveeEmotions = ["a": "angry", "d": "disgust", "f": "fearful", "h": "happy", "n": "neutral", "sa": "sad", "su": "surprised"]

    /// `[SPEAKER_]code number` like a01, sa15 or DC_su03; without a prefix the
    /// speaker is the parent folder's name (the corpus ships DC/, JE/, JK/, KL/).
    static func savee(_ name: String, folder: String?) throws(FileRejection) -> [DatabaseValue] {
        var speaker = folder
        var rest = Substring(name)
        if let underscore = name.firstIndex(of: "_") {
            speaker = String(name[..<underscore])
            rest = name[name.index(after: underscore)...]
        }
        let letters = rest.prefix { $0.isLetter }.lowercased()
        let digits = rest.dropFirst(letters.count)
        guard let emotion = saveeEmotions[letters], !digits.isEmpty, let sentence = Int(digits), digits.allSatisfy(\.isASCII) else {
            throw FileRejection("the name '\(name)' does not fit --labels savee: a SAVEE name is an emotion code and a number like a01, sa15 or DC_su03, with code one of \(saveeEmotions.keys.sorted().joined(separator: ", "))")
        }
        return [speaker.map { $0.uppercased().databaseValue } ?? .null, emotion.databaseValue, sentence.databaseValue]
    }
}

/// A `--labels` regular expression, compiled once for every file: it must
/// match a whole file name without its extension, and each named group
/// `(?<name>…)` is a TEXT column.
public struct LabelPattern: Sendable, Equatable {
    /// The expression as given.
    public let text: String
    /// The named groups, in order of appearance.
    public let groups: [String]
    private let expression: NSRegularExpression

    public init(_ text: String) throws {
        guard let expression = try? NSRegularExpression(pattern: "^(?:" + text + ")$") else {
            throw StoreError("--labels '\(text)' is not a preset (ravdess, tess, crema, savee, folder) nor a valid regular expression.")
        }
        let groups = Self.groupNames(in: text)
        guard !groups.isEmpty, expression.numberOfCaptureGroups > 0 else {
            throw StoreError("--labels '\(text)' has no named group; name each label with (?<name>…), e.g. '(?<speaker>[a-z]+)_(?<emotion>[a-z]+)'.")
        }
        self.text = text
        self.groups = groups
        self.expression = expression
    }

    public static func == (left: LabelPattern, right: LabelPattern) -> Bool {
        left.text == right.text
    }

    /// The names of the named groups of `pattern`, in order of appearance.
    static func groupNames(in pattern: String) -> [String] {
        guard let finder = try? NSRegularExpression(pattern: #"\(\?<([A-Za-z][A-Za-z0-9_]*)>"#) else { return [] }
        let range = NSRange(pattern.startIndex..., in: pattern)
        return finder.matches(in: pattern, range: range).compactMap { match in
            Range(match.range(at: 1), in: pattern).map { String(pattern[$0]) }
        }
    }

    /// The groups' values in `name`, NULL for a group that took no part.
    func values(for name: String) throws(FileRejection) -> [DatabaseValue] {
        let range = NSRange(name.startIndex..., in: name)
        guard let found = expression.firstMatch(in: name, range: range) else {
            throw FileRejection("the name '\(name)' does not match --labels '\(text)'")
        }
        return groups.map { group in
            Range(found.range(withName: group), in: name).map { String(name[$0]).databaseValue } ?? .null
        }
    }
}
