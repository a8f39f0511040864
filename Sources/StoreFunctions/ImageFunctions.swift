import Foundation
import StoreCore
import StoreImages

/// Image functions, for audits and features of the image tensors `store
/// ingest images` writes (uint8, height × width × channels).
///
/// `image_mean(t)`, `image_std(t)`, `image_png(t)`.
///
/// (1) A NULL argument gives NULL.
/// (2) An image is a tensor of shape height × width × channels (1 gray,
///     2 gray + alpha, 3 RGB, 4 RGBA) or height × width (gray); anything else
///     is an error that names the function and the shape.
/// (3) The summaries are per channel over all pixels, in double precision:
///     numpy `img.mean(axis=(0, 1))` and `img.std(axis=(0, 1))` (ddof = 0),
///     returned as a float64 tensor of one value per channel. An image with
///     no pixels gives NULL.
///
/// Example: `SELECT tensor_json(image_mean(image)) FROM shapes LIMIT 1` → `[231.4,229.8,240.1]`.
enum ImageFunctions {
    static let all = [mean, std, png]

    /// `image_mean(t)` → the mean of each channel. Rule (3).
    static let mean = ScalarFunction("image_mean", arguments: 1) { arguments in
        try channelSummary("image_mean", arguments, by: TensorAxes.mean)
    }

    /// `image_std(t)` → the population standard deviation of each channel. Rule (3).
    static let std = ScalarFunction("image_std", arguments: 1) { arguments in
        try channelSummary("image_std", arguments, by: TensorAxes.standardDeviation)
    }

    /// `image_png(t)` → the image as a PNG file's bytes (8-bit, the tensor's
    /// channels), so any SQLite client can write out the picture of a row:
    /// `sqlite3 store.db "SELECT writefile('x.png', image_png(image)) FROM shapes WHERE row_id = 7"`.
    /// The tensor must be uint8: float tensors are refused with a hint.
    static let png = ScalarFunction("image_png", arguments: 1) { arguments in
        guard let tensor = try Tensors.view("image_png", arguments) else { return .null }
        let (height, width, channels) = try geometry("image_png", tensor)
        guard tensor.dtype == .uint8 else {
            throw SQLFunctionError("image_png(): the tensor is \(tensor.dtype.name); an image must be uint8 (0 to 255)")
        }
        guard height > 0, width > 0 else {
            throw SQLFunctionError("image_png(): the image of shape \(tensor.shapeJSON) has no pixels")
        }
        do {
            return .blob(try PNGEncoder.encode(width: width, height: height, channels: channels, pixels: Array(tensor.data)))
        } catch {
            throw SQLFunctionError("image_png(): \(error)")
        }
    }

    /// Height, width and channels of an image tensor (rule 2).
    static func geometry(_ function: String, _ tensor: TensorView) throws -> (Int, Int, Int) {
        switch tensor.shape.count {
        case 2:
            return (tensor.shape[0], tensor.shape[1], 1)
        case 3 where (1...4).contains(tensor.shape[2]):
            return (tensor.shape[0], tensor.shape[1], tensor.shape[2])
        default:
            throw SQLFunctionError("\(function)(): the tensor has shape \(tensor.shapeJSON); an image is height × width × channels (1 to 4) or height × width")
        }
    }

    static func channelSummary(_ function: String, _ arguments: SQLArguments, by summary: ([Double]) -> Double) throws -> SQLResult {
        guard let tensor = try Tensors.view(function, arguments) else { return .null }
        let (height, width, channels) = try geometry(function, tensor)
        let pixels = height * width
        guard pixels > 0 else { return .null }
        var result: [Double] = []
        var values = [Double](repeating: 0, count: pixels)
        for channel in 0..<channels {
            for pixel in 0..<pixels { values[pixel] = tensor.value(at: pixel * channels + channel) }
            result.append(summary(values))
        }
        return .blob(try Tensor(shape: [channels], float64: result).blob)
    }
}
