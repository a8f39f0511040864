import GRDB
import StoreCore
import StoreLearn

/// A trained model as the model plots need it: its row in `models` and its
/// classes in the model's order.
public struct ModelReference: Sendable {
    public let name: String
    public let id: Int64
    public let version: Int
    public let kind: String
    public let task: String
    /// The class values (classification), as stored in `models.classes`.
    public let classes: [DatabaseValue]

    /// Labels of the classes, as the tables print them.
    public var classLabels: [String] { classes.map(CellText.plainText) }

    /// `name` at `version` (the latest when nil); a `StoreError` listing
    /// the models when there is none.
    public static func find(_ name: String, version: Int? = nil, in db: Database) throws -> ModelReference {
        let found = try ModelCatalog.find(name, version: version, in: db)
        let kind = try String.fetchOne(db, sql: "SELECT kind FROM models WHERE id = ?", arguments: [found.id]) ?? ""
        let classes = try DatabaseValue.fetchAll(db, sql: """
            SELECT value FROM json_each((SELECT classes FROM models WHERE id = ?)) ORDER BY key
            """, arguments: [found.id])
        return ModelReference(name: name, id: found.id, version: found.version, kind: kind, task: found.task, classes: classes)
    }

    /// Throws unless the model is a classifier.
    public func requireClassifier(for plot: String) throws {
        guard task == "classification" else {
            throw StoreError("'\(name)' is a regression model (\(kind)); \(plot) needs a classifier.")
        }
    }

    /// Throws unless `table` has rows of this model for `split`, saying
    /// which splits it has.
    func requireRows(in table: String, split: String, what: String, in db: Database) throws {
        let splits = try String.fetchAll(db, sql: "SELECT DISTINCT split FROM \(SQLIdentifier.quoted(table)) WHERE model_id = ? ORDER BY split",
                                         arguments: [id])
        guard splits.contains(split) else {
            let known = splits.isEmpty ? "none at all" : "only for \(splits.map { "'\($0)'" }.joined(separator: ", "))"
            throw StoreError("'\(name)' version \(version) has no \(what) for split '\(split)' (\(table) has rows \(known)). Choose one with --split.")
        }
    }

    /// The index of a stored class value in `classes`.
    func classIndex(_ value: DatabaseValue) -> Int? {
        classes.firstIndex(of: value)
    }
}
