/// How a command prints rows: an aligned `table` for people, `csv` (RFC 4180)
/// or `json` (an array of objects) for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json
}
