import Foundation
import GRDB

/// Writes result rows in one of the output formats.
///
/// - `table`: for people. Columns aligned, numbers right-aligned and on the
///   decimal point, REALs as pandas shows them with `precision` digits after
///   the point (`0.76125`, `1.094184`, `1.234568e+07`), NULL an empty cell, a
///   BLOB `<blob N bytes>`, newlines in text `\n` (`TableColumnText` has the
///   rules). Rows are held until `end()` to measure the columns.
/// - `csv`: a header row, then one line per row ending in `\n`; a field is
///   quoted when it holds a comma, a double quote, CR or LF, and its quotes are
///   doubled (RFC 4180). NULL is an empty field; a BLOB is written in base64.
/// - `json`: an array of objects keyed by column name, streamed; NULL is `null`,
///   integers are JSON integers, reals use the shortest text that reads back to
///   the same double (infinities are `null`, JSON has no infinity), BLOBs are
///   base64 strings.
///
/// csv and json keep every digit; `precision` only changes the table.
///
/// Each result set (one per statement that returns rows) is written whole:
/// `begin`, `row` for each row, `end`.
public struct ResultWriter<Output: TextOutputStream> {
    public let format: OutputFormat
    public var output: Output
    /// Digits after the decimal point of a REAL in the table format, as pandas'
    /// `display.precision` (6 by default, as pandas).
    public let precision: Int

    private var columns: [String] = []
    private var tableRows: [[DatabaseValue]] = []
    private var rowsWritten = 0
    private var resultSets = 0

    public init(format: OutputFormat, output: Output, precision: Int = 6) {
        self.format = format
        self.output = output
        self.precision = precision
    }

    /// Starts a result set with these column names.
    public mutating func begin(columns: [String]) {
        self.columns = columns
        tableRows = []
        rowsWritten = 0
        if resultSets > 0 && format != .json {
            output.write("\n")
        }
        resultSets += 1
        switch format {
        case .table:
            break
        case .csv:
            output.write(columns.map { CellText.csvField($0) }.joined(separator: ",") + "\n")
        case .json:
            output.write("[")
        }
    }

    /// Writes one row; `values` has one value per column given to `begin`.
    public mutating func row(_ values: [DatabaseValue]) {
        switch format {
        case .table:
            tableRows.append(values)
        case .csv:
            output.write(values.map { CellText.csvField(CellText.csvText($0)) }.joined(separator: ",") + "\n")
        case .json:
            var line = rowsWritten == 0 ? "\n  {" : ",\n  {"
            for (index, value) in values.enumerated() {
                if index > 0 { line += ", " }
                line += CellText.jsonString(index < columns.count ? columns[index] : "") + ": " + CellText.jsonValue(value)
            }
            line += "}"
            output.write(line)
        }
        rowsWritten += 1
    }

    /// Ends the result set, writing the table when the format is `table`.
    public mutating func end() {
        switch format {
        case .table:
            writeTable()
        case .csv:
            break
        case .json:
            output.write(rowsWritten == 0 ? "]\n" : "\n]\n")
        }
    }

    /// Writes a whole result set.
    public mutating func write(columns: [String], rows: [[DatabaseValue]]) {
        begin(columns: columns)
        for values in rows { row(values) }
        end()
    }

    private mutating func writeTable() {
        let formatted = columns.indices.map { index in
            TableColumnText.cells(tableRows.map { index < $0.count ? $0[index] : .null }, precision: precision)
        }
        let rightAligned = formatted.map(\.numeric)
        var widths = columns.map(\.count)
        for (index, column) in formatted.enumerated() {
            widths[index] = column.texts.reduce(widths[index]) { max($0, $1.count) }
        }
        let cells = tableRows.indices.map { row in formatted.map { $0.texts[row] } }
        func line(_ texts: [String]) -> String {
            var parts: [String] = []
            for (index, text) in texts.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[index] - text.count))
                let isLast = index == texts.count - 1
                parts.append(rightAligned[index] ? pad + text : (isLast ? text : text + pad))
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        output.write(line(columns))
        output.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        for row in cells {
            output.write(line(row))
        }
    }
}

/// Standard output, buffered in 64 KiB pieces, for `ResultWriter`; what is
/// still buffered is written when the last copy goes away or on `flush()`.
public final class StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []

    public init() {
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        flush()
    }
}
