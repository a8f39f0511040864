import Foundation

/// `librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80)` in place, in Float32
/// as librosa computes it on a float32 array.
///
/// (1) Each value becomes 10·log10(max(1e-10, value)).
/// (2) Then every value below (largest value − 80) is raised to it.
/// (3) Empty input stays empty.
///
/// `[1, 0.1, 1e-12]` becomes `[0, -10, -80]`.
enum Decibels {
    static func powerToDB(_ values: inout [Float], topDB: Float = 80) {
        if values.isEmpty { return }
        var peak = -Float.infinity
        for index in values.indices {
            let db = 10 * log10f(max(1e-10, values[index]))
            values[index] = db
            peak = max(peak, db)
        }
        let floor = peak - topDB
        for index in values.indices where values[index] < floor {
            values[index] = floor
        }
    }

    /// `librosa.power_to_db(x, ref=1.0, amin=1e-10, top_db=80)` on a float64
    /// array, the form `spectral_contrast` uses for its peaks and valleys.
    static func powerToDB(_ values: inout [Double], topDB: Double = 80) {
        if values.isEmpty { return }
        var peak = -Double.infinity
        for index in values.indices {
            let db = 10 * log10(max(1e-10, values[index]))
            values[index] = db
            peak = max(peak, db)
        }
        let floor = peak - topDB
        for index in values.indices where values[index] < floor {
            values[index] = floor
        }
    }
}
