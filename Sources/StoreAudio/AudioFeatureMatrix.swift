/// One feature of one recording: `rows × frames` Float32 values, row-major
/// (all frames of row 0, then row 1, …), the layout of librosa's `(rows, frames)` arrays.
public struct AudioFeatureMatrix: Sendable, Equatable {
    public let kind: AudioFeatureKind
    public let rows: Int
    public let frames: Int
    public let values: [Float]

    public init(kind: AudioFeatureKind, rows: Int, frames: Int, values: [Float]) {
        precondition(values.count == rows * frames, "values must hold rows × frames numbers")
        self.kind = kind
        self.rows = rows
        self.frames = frames
        self.values = values
    }

    /// The value at `row`, `frame`.
    public subscript(row: Int, frame: Int) -> Float {
        values[row * frames + frame]
    }

    /// The matrix with exactly `count` frames: extra frames are dropped from the
    /// right, missing ones are zeros added on the right (numpy's
    /// `np.pad(m, ((0, 0), (0, count - m.shape[1])))` or `m[:, :count]`).
    ///
    /// A 2 × 3 matrix fitted to 4 frames gains a zero column; fitted to 1 frame it keeps column 0.
    public func fitted(toFrames count: Int) -> AudioFeatureMatrix {
        if count == frames { return self }
        var out = [Float](repeating: 0, count: rows * count)
        let kept = min(count, frames)
        for row in 0..<rows {
            for frame in 0..<kept {
                out[row * count + frame] = values[row * frames + frame]
            }
        }
        return AudioFeatureMatrix(kind: kind, rows: rows, frames: count, values: out)
    }
}
