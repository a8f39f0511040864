import Foundation
import GRDB

/// One row of `ingests`: an ingest that changed the store (see schema/0001).
public struct IngestRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ingests"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var dataset: String
    public var kind: String
    public var mode: String
    public var sourcePath: String
    public var sourceSha256: String
    public var sourceBytes: Int64
    public var options: String
    public var rowsStored: Int64
    public var rowsRejected: Int64
    public var startedAt: String
    public var finishedAt: String
    public var toolVersion: String

    public init(
        dataset: String, kind: String, mode: String, sourcePath: String, sourceSha256: String,
        sourceBytes: Int64, options: String, rowsStored: Int64 = 0, rowsRejected: Int64 = 0,
        startedAt: String, finishedAt: String, toolVersion: String = StoreVersion.current
    ) {
        self.dataset = dataset
        self.kind = kind
        self.mode = mode
        self.sourcePath = sourcePath
        self.sourceSha256 = sourceSha256
        self.sourceBytes = sourceBytes
        self.options = options
        self.rowsStored = rowsStored
        self.rowsRejected = rowsRejected
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One row of `ingest_columns`: how one source column was named and typed.
public struct IngestColumnRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ingest_columns"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var ingestId: Int64
    public var position: Int
    public var sourceName: String
    public var storedName: String
    public var type: String
    public var typeSource: String
    public var nullValues: Int64
    public var integerValues: Int64
    public var realValues: Int64
    public var booleanValues: Int64
    public var textValues: Int64
    public var leadingZeroValues: Int64
    public var firstTextLine: Int64?
    public var firstTextValue: String?

    public init(
        ingestId: Int64, position: Int, sourceName: String, storedName: String, type: String,
        typeSource: String, nullValues: Int64, integerValues: Int64, realValues: Int64,
        booleanValues: Int64, textValues: Int64, leadingZeroValues: Int64,
        firstTextLine: Int64?, firstTextValue: String?
    ) {
        self.ingestId = ingestId
        self.position = position
        self.sourceName = sourceName
        self.storedName = storedName
        self.type = type
        self.typeSource = typeSource
        self.nullValues = nullValues
        self.integerValues = integerValues
        self.realValues = realValues
        self.booleanValues = booleanValues
        self.textValues = textValues
        self.leadingZeroValues = leadingZeroValues
        self.firstTextLine = firstTextLine
        self.firstTextValue = firstTextValue
    }
}

/// Reading and writing the catalog tables of schema/0001.
public enum Catalog {
    /// Every ingest into `dataset`, oldest first.
    public static func ingests(of dataset: String, in db: Database) throws -> [IngestRecord] {
        try IngestRecord
            .filter(Column("dataset") == dataset)
            .order(Column("id"))
            .fetchAll(db)
    }

    /// The ingests whose rows make up `dataset` now: the latest 'create' or
    /// 'replace' and the appends after it, oldest first. Empty when the table was
    /// never ingested.
    public static func currentIngests(of dataset: String, in db: Database) throws -> [IngestRecord] {
        let all = try ingests(of: dataset, in: db)
        guard let start = all.lastIndex(where: { $0.mode != "append" }) else { return all }
        return Array(all[start...])
    }

    /// The columns recorded for one ingest, in source order.
    public static func columns(ofIngest id: Int64, in db: Database) throws -> [IngestColumnRecord] {
        try IngestColumnRecord
            .filter(Column("ingest_id") == id)
            .order(Column("position"))
            .fetchAll(db)
    }

    /// The current time as the catalog writes it: UTC, ISO 8601, milliseconds.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
