import Foundation
import StoreCore

/// Random changes made to training rows as each batch is made, fresh every
/// epoch; validation, test and scored rows are never changed.
///
///     try Augmentation("flip,rotate=15,zoom=0.1,shift=0.1")   // pictures
///     try Augmentation("time_shift=0.1,noise=0.005,freq_mask=8,time_mask=20")   // MFCC matrices
///
/// Pictures, as Keras's `ImageDataGenerator(rotation_range=15,
/// zoom_range=0.1, width_shift_range=0.1, height_shift_range=0.1,
/// horizontal_flip=True)` with its default `fill_mode="nearest"` and
/// bilinear sampling (`interpolation_order=1`):
/// (1) `rotate=D`: an angle drawn uniformly from [−D, D] degrees.
/// (2) `zoom=Z`: row and column zoom drawn independently from [1−Z, 1+Z];
///     above 1 the picture shrinks (a wider area is sampled), as in Keras.
/// (3) `shift=S`: vertical and horizontal shifts drawn from [−S, S] times
///     the height and the width.
/// (4) The rotation, shift and zoom form one affine map about the centre
///     (Keras's order: rotation · shift · zoom); each output pixel samples
///     the source bilinearly, and points outside repeat the nearest edge.
/// (5) `flip`: the picture is mirrored left–right with probability ½, after
///     the affine map.
///
/// Sequences of feature vectors (MFCC matrices), in the standardized units
/// the network reads, inside each row's true length:
/// (6) `time_shift=F`: the frames are rotated by a whole number of frames
///     drawn from [−F·n, F·n] for a row of n frames.
/// (7) `noise=σ`: Gaussian noise of standard deviation σ is added.
/// (8) `freq_mask=F` and `time_mask=T` (SpecAugment): a band of 0…F
///     consecutive coefficients and a run of 0…T consecutive frames (widths
///     and starts drawn uniformly) are set to 0, the training mean.
public struct Augmentation: Equatable, Sendable {
    public var flip = false
    public var rotate = 0.0
    public var zoom = 0.0
    public var shift = 0.0
    public var timeShift = 0.0
    public var noise = 0.0
    public var frequencyMask = 0
    public var timeMask = 0

    /// Reads `--augment` text: comma-separated `name` or `name=value`.
    public init(_ text: String) throws(StoreNetworkError) {
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            let value = parts.count == 2 ? parts[1] : nil
            func number(_ range: ClosedRange<Double>, example: String) throws(StoreNetworkError) -> Double {
                guard let value, let number = Double(value), range.contains(number) else {
                    throw StoreNetworkError("--augment \(item): \(name) takes a number from \(range.lowerBound) to \(range.upperBound), e.g. \(example).")
                }
                return number
            }
            func count(example: String) throws(StoreNetworkError) -> Int {
                guard let value, let number = Int(value), number >= 0 else {
                    throw StoreNetworkError("--augment \(item): \(name) takes a whole number of 0 or more, e.g. \(example).")
                }
                return number
            }
            switch name {
            case "flip":
                guard value == nil else { throw StoreNetworkError("--augment \(item): flip takes no value; write flip.") }
                flip = true
            case "rotate": rotate = try number(0...180, example: "rotate=15")
            case "zoom": zoom = try number(0...0.9, example: "zoom=0.1")
            case "shift": shift = try number(0...1, example: "shift=0.1")
            case "time_shift": timeShift = try number(0...1, example: "time_shift=0.1")
            case "noise": noise = try number(0...10, example: "noise=0.005")
            case "freq_mask": frequencyMask = try count(example: "freq_mask=8")
            case "time_mask": timeMask = try count(example: "time_mask=20")
            default:
                throw StoreNetworkError("--augment: '\(name)' is not an augmentation; pictures take flip, rotate=D, zoom=Z, shift=S; MFCC matrices take time_shift=F, noise=σ, freq_mask=F, time_mask=T.")
            }
        }
    }

    /// Whether the augmentation changes pictures (rules 1–5).
    public var changesPictures: Bool { flip || rotate > 0 || zoom > 0 || shift > 0 }

    /// Whether it changes feature sequences (rules 6–8).
    public var changesSequences: Bool { timeShift > 0 || noise > 0 || frequencyMask > 0 || timeMask > 0 }

    /// The text `--augment` takes, with every setting in use.
    public var description: String {
        var items: [String] = []
        if flip { items.append("flip") }
        if rotate > 0 { items.append("rotate=\(rotate)") }
        if zoom > 0 { items.append("zoom=\(zoom)") }
        if shift > 0 { items.append("shift=\(shift)") }
        if timeShift > 0 { items.append("time_shift=\(timeShift)") }
        if noise > 0 { items.append("noise=\(noise)") }
        if frequencyMask > 0 { items.append("freq_mask=\(frequencyMask)") }
        if timeMask > 0 { items.append("time_mask=\(timeMask)") }
        return items.joined(separator: ",")
    }

    /// Changes row `slot` of `batch` in place: a picture when `picture`,
    /// else a feature sequence of `length` true steps. `scratch` is reused
    /// between calls.
    public func apply(to batch: inout NetworkBatch, slot: Int, length: Int, shape: NetworkInputShape, picture: Bool,
                      random: inout SeededRandom, scratch: inout [Float]) {
        let steps = batch.steps
        batch.withRow(slot) { row in
            if picture, case .image(let channels, let height, let width) = shape {
                transformPicture(&row, channels: channels, height: height, width: width, random: &random, scratch: &scratch)
            } else {
                let layout: (features: Int, stepStride: Int, featureStride: Int) = switch shape {
                case .image(let c, let h, _): (c * h, 1, steps)
                case .sequence(_, let f): (f, f, 1)
                case .flat(let f): (f, 0, 1)
                }
                changeSequence(&row, length: length, features: layout.features, stepStride: layout.stepStride,
                               featureStride: layout.featureStride, random: &random, scratch: &scratch)
            }
        }
    }

    /// One picture's draw of rules (1)–(5).
    struct PictureTransform: Equatable {
        var angle = 0.0
        var rowShift = 0.0
        var columnShift = 0.0
        var rowZoom = 1.0
        var columnZoom = 1.0
        var mirrored = false
    }

    func drawPictureTransform(_ random: inout SeededRandom, height: Int, width: Int) -> PictureTransform {
        func draw(_ limit: Double) -> Double { limit > 0 ? (random.uniform() * 2 - 1) * limit : 0 }
        var transform = PictureTransform()
        transform.angle = draw(rotate) * .pi / 180
        transform.rowShift = draw(shift) * Double(height)
        transform.columnShift = draw(shift) * Double(width)
        transform.rowZoom = zoom > 0 ? 1 + draw(zoom) : 1
        transform.columnZoom = zoom > 0 ? 1 + draw(zoom) : 1
        transform.mirrored = flip && random.uniform() < 0.5
        return transform
    }

    private func transformPicture(_ row: inout UnsafeMutableBufferPointer<Float>, channels: Int, height: Int, width: Int,
                                  random: inout SeededRandom, scratch: inout [Float]) {
        let transform = drawPictureTransform(&random, height: height, width: width)
        Self.apply(transform, to: &row, channels: channels, height: height, width: width, scratch: &scratch)
    }

    /// Rule (4) and (5) for one drawn transform, in place on a
    /// channels × height × width picture.
    static func apply(_ transform: PictureTransform, to row: inout UnsafeMutableBufferPointer<Float>, channels: Int, height: Int,
                      width: Int, scratch: inout [Float]) {
        let plane = height * width
        if scratch.count < row.count { scratch = [Float](repeating: 0, count: row.count) }
        for index in 0..<row.count { scratch[index] = row[index] }
        let (cosine, sine) = (cos(transform.angle), sin(transform.angle))
        let centerRow = Double(height - 1) / 2
        let centerColumn = Double(width - 1) / 2
        scratch.withUnsafeBufferPointer { source in
            for outRow in 0..<height {
                for outColumn in 0..<width {
                    // Keras maps output to input: rotation · shift · zoom, about the centre.
                    let zoomedRow = (Double(outRow) - centerRow) * transform.rowZoom + transform.rowShift
                    let zoomedColumn = (Double(outColumn) - centerColumn) * transform.columnZoom + transform.columnShift
                    let y = min(max(cosine * zoomedRow - sine * zoomedColumn + centerRow, 0), Double(height - 1))
                    let x = min(max(sine * zoomedRow + cosine * zoomedColumn + centerColumn, 0), Double(width - 1))
                    let y0 = Int(y), x0 = Int(x)
                    let y1 = min(y0 + 1, height - 1), x1 = min(x0 + 1, width - 1)
                    let fy = Float(y - Double(y0)), fx = Float(x - Double(x0))
                    let target = outRow * width + (transform.mirrored ? width - 1 - outColumn : outColumn)
                    for channel in 0..<channels {
                        let base = channel * plane
                        let top = source[base + y0 * width + x0] * (1 - fx) + source[base + y0 * width + x1] * fx
                        let bottom = source[base + y1 * width + x0] * (1 - fx) + source[base + y1 * width + x1] * fx
                        row[base + target] = top * (1 - fy) + bottom * fy
                    }
                }
            }
        }
    }

    private func changeSequence(_ row: inout UnsafeMutableBufferPointer<Float>, length: Int, features: Int, stepStride: Int,
                                featureStride: Int, random: inout SeededRandom, scratch: inout [Float]) {
        guard length > 0 else { return }
        func whole(upTo limit: Int) -> Int { min(Int(random.uniform() * Double(limit + 1)), limit) }
        if timeShift > 0 {
            let most = Int((timeShift * Double(length)).rounded())
            let by = whole(upTo: 2 * most) - most
            if by != 0 {
                if scratch.count < length { scratch = [Float](repeating: 0, count: length) }
                for feature in 0..<features {
                    let base = feature * featureStride
                    for step in 0..<length { scratch[step] = row[base + step * stepStride] }
                    for step in 0..<length {
                        row[base + ((step + by) % length + length) % length * stepStride] = scratch[step]
                    }
                }
            }
        }
        if noise > 0 {
            for step in 0..<length {
                for feature in 0..<features {
                    row[step * stepStride + feature * featureStride] += Float(random.normal() * noise)
                }
            }
        }
        if frequencyMask > 0 {
            let band = whole(upTo: min(frequencyMask, features))
            let start = whole(upTo: features - band)
            for feature in start..<(start + band) {
                for step in 0..<length { row[step * stepStride + feature * featureStride] = 0 }
            }
        }
        if timeMask > 0 {
            let run = whole(upTo: min(timeMask, length))
            let start = whole(upTo: length - run)
            for step in start..<(start + run) {
                for feature in 0..<features { row[step * stepStride + feature * featureStride] = 0 }
            }
        }
    }
}
