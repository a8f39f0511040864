/// The version of `store`, recorded with every ingest, model and metric it writes.
public enum StoreVersion {
    public static let current = "0.1.0"
}
