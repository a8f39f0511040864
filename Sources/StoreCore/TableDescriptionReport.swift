import Foundation
import GRDB

extension TableDescription {
    /// Writes the description: in `table` format a title line, the columns, and
    /// the ingests (or the view's SQL, and what `store select` dropped); in
    /// `csv` the columns only; in `json` one object with `name`, `kind`,
    /// `rows`, `columns`, `ingests`, `selection` and `sql`. `precision` is
    /// the digits of REALs in the table format (`ResultWriter`).
    public func write<Output: TextOutputStream>(format: OutputFormat, precision: Int = 6, to output: inout Output) {
        let columnNames = ["column", "type", "nulls", "source", "note"]
        let columnRows: [[DatabaseValue]] = columns.map {
            [$0.name.databaseValue, $0.type.databaseValue, $0.nulls.databaseValue,
             ($0.sourceName ?? "").databaseValue, $0.note.databaseValue]
        }
        let ingestNames = ["ingest", "mode", "source", "sha256", "rows", "rejected", "options", "finished", "version"]
        let ingestRows: [[DatabaseValue]] = ingests.map {
            [($0.id ?? 0).databaseValue, $0.mode.databaseValue, $0.sourcePath.databaseValue,
             $0.sourceSha256.databaseValue, $0.rowsStored.databaseValue, $0.rowsRejected.databaseValue,
             $0.options.databaseValue, $0.finishedAt.databaseValue, $0.toolVersion.databaseValue]
        }
        switch format {
        case .table:
            output.write("\(name): \(kind.rawValue), \(ProgressBar.grouped(rows)) rows\n\n")
            var writer = ResultWriter(format: .table, output: output, precision: precision)
            writer.write(columns: columnNames, rows: columnRows)
            output = writer.output
            if let viewSQL {
                output.write("\n" + viewSQL + "\n")
            }
            let dropped = selection.filter { !$0.kept }
            if let first = selection.first {
                output.write("\nstore select kept \(selection.count - dropped.count) of the \(selection.count) columns of \(first.source) (|\(first.method) r| with \(first.target) at least \(first.threshold)), \(first.createdAt)")
                if dropped.isEmpty {
                    output.write("; it dropped none.\n")
                } else {
                    output.write("; it dropped:\n")
                    var droppedWriter = ResultWriter(format: .table, output: output, precision: precision)
                    droppedWriter.write(columns: ["column", "why"], rows: dropped.map { [$0.columnName.databaseValue, $0.reason.databaseValue] })
                    output = droppedWriter.output
                }
            }
            if !ingestRows.isEmpty {
                output.write("\ningested from:\n")
                var ingestWriter = ResultWriter(format: .table, output: output, precision: precision)
                ingestWriter.write(columns: ingestNames, rows: ingestRows)
                output = ingestWriter.output
            }
        case .csv:
            var writer = ResultWriter(format: .csv, output: output)
            writer.write(columns: columnNames, rows: columnRows)
            output = writer.output
        case .json:
            func objects(_ names: [String], _ rows: [[DatabaseValue]]) -> String {
                let items = rows.map { row in
                    "{" + zip(names, row).map { CellText.jsonString($0) + ": " + CellText.jsonValue($1) }.joined(separator: ", ") + "}"
                }
                return items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
            }
            output.write("{\n")
            output.write("  \"name\": \(CellText.jsonString(name)),\n")
            output.write("  \"kind\": \(CellText.jsonString(kind.rawValue)),\n")
            output.write("  \"rows\": \(rows),\n")
            output.write("  \"columns\": \(objects(columnNames, columnRows)),\n")
            output.write("  \"ingests\": \(objects(ingestNames, ingestRows)),\n")
            let selectionNames = ["column", "method", "correlation", "threshold", "kept", "rows", "fitted_on", "note"]
            let selectionRows: [[DatabaseValue]] = selection.map {
                [$0.columnName.databaseValue, $0.method.databaseValue, $0.correlation.databaseValue, $0.threshold.databaseValue,
                 $0.kept.databaseValue, $0.rowsUsed.databaseValue, $0.fittedOn.databaseValue, $0.note.databaseValue]
            }
            output.write("  \"selection\": \(objects(selectionNames, selectionRows)),\n")
            output.write("  \"sql\": \(viewSQL.map(CellText.jsonString) ?? "null")\n")
            output.write("}\n")
        }
    }
}
