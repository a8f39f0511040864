/// An error at a line of a CSV source, `path:line: message`. The line is kept
/// apart from the text so a scan of the second half of a file can shift it to
/// the line's number in the whole file.
struct CSVReadError: Error, CustomStringConvertible {
    let path: String
    let line: Int
    let message: String

    var description: String { "\(path):\(line): \(message)" }

    /// The same error, `lines` further down the file.
    func shifted(by lines: Int) -> CSVReadError {
        CSVReadError(path: path, line: line + lines, message: message)
    }
}

/// A reader given a byte range that ends inside a quoted field: the range's
/// end was not a record boundary after all, so a scan split there is invalid.
struct RangeEndsInsideQuotedField: Error {}
