/// Resizes 8-bit interleaved images exactly as Pillow's `Image.resize` does
/// for modes "L" and "RGB" (`ImagingResampleInner` in libImaging/Resample.c).
///
///     Resampler.resize(pixels, width: 4, height: 4, channels: 1,
///                      to: (2, 2), filter: .area, box: ResampleBox(width: 4, height: 4))
///
/// (1) Separable: a horizontal pass over only the rows the vertical pass
///     reads, rounded to bytes, then a vertical pass. Pillow 13 swaps the
///     order when the height shrinks by more than twice as many pixels as
///     the width (`inHeight − outHeight > 2 × (inWidth − outWidth)`, height
///     shrinking); this rule was measured against Pillow 13.0.0 (its pull
///     request 9549), as the order changes the rounding.
/// (2) A pass is skipped when its axis keeps its size and the box spans the
///     whole axis; with both skipped the result is a copy.
/// (3) Every output sample starts from half a unit (2²¹) so the final shift
///     rounds, and is clamped to 0…255 (see `ResampleCoefficients`).
/// (4) `box` selects a source region in fractional pixels, as Pillow's
///     `resize(size, box=…)`; the region is resized to the output size.
enum Resampler {
    static func resize(_ pixels: [UInt8], width: Int, height: Int, channels: Int,
                       to size: (width: Int, height: Int), filter: ResizeFilter, box: ResampleBox) -> [UInt8] {
        let needsHorizontal = size.width != width || box.left != 0 || box.right != Float(size.width)
        let needsVertical = size.height != height || box.top != 0 || box.bottom != Float(size.height)
        let horizontal = ResampleCoefficients(inputSize: width, start: box.left, end: box.right,
                                              outputSize: size.width, filter: filter)
        let vertical = ResampleCoefficients(inputSize: height, start: box.top, end: box.bottom,
                                            outputSize: size.height, filter: filter)
        if needsHorizontal, needsVertical, size.height < height, height - size.height > 2 * (width - size.width) {
            let shrunk = verticalPass(pixels, width: width, channels: channels, rowOffset: 0, coefficients: vertical)
            return horizontalPass(shrunk, width: width, channels: channels, rows: 0..<size.height, coefficients: horizontal)
        }
        let firstRow = vertical.starts[0]
        let lastRow = vertical.starts[size.height - 1] + vertical.counts[size.height - 1]
        var image = pixels
        var imageWidth = width
        var rowOffset = 0
        if needsHorizontal {
            image = horizontalPass(pixels, width: width, channels: channels, rows: firstRow..<max(lastRow, firstRow),
                                   coefficients: horizontal)
            imageWidth = size.width
            rowOffset = firstRow
        }
        if needsVertical {
            image = verticalPass(image, width: imageWidth, channels: channels, rowOffset: rowOffset, coefficients: vertical)
        }
        return image
    }

    /// The horizontal pass over `rows` of the source: `rows.count` rows of
    /// `coefficients.outputSize` pixels.
    static func horizontalPass(_ pixels: [UInt8], width: Int, channels: Int, rows: Range<Int>,
                               coefficients: ResampleCoefficients) -> [UInt8] {
        let outputWidth = coefficients.outputSize
        let kernelSize = coefficients.kernelSize
        var output = [UInt8](repeating: 0, count: rows.count * outputWidth * channels)
        let half = 1 << (ResampleCoefficients.precisionBits - 1)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                coefficients.weights.withUnsafeBufferPointer { weights in
                    coefficients.starts.withUnsafeBufferPointer { starts in
                        coefficients.counts.withUnsafeBufferPointer { counts in
                            var written = 0
                            for row in rows {
                                let rowStart = row * width * channels
                                for column in 0..<outputWidth {
                                    let kernel = column * kernelSize
                                    let count = counts[column]
                                    let first = rowStart + starts[column] * channels
                                    for channel in 0..<channels {
                                        var sum = half
                                        var at = first + channel
                                        for tap in 0..<count {
                                            sum += Int(source[at]) * weights[kernel + tap]
                                            at += channels
                                        }
                                        target[written] = ResampleCoefficients.clip8(sum)
                                        written += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// The vertical pass: `coefficients.outputSize` rows, each reading rows
    /// from `starts[i] − rowOffset` of `pixels`.
    static func verticalPass(_ pixels: [UInt8], width: Int, channels: Int, rowOffset: Int,
                             coefficients: ResampleCoefficients) -> [UInt8] {
        let rowLength = width * channels
        let kernelSize = coefficients.kernelSize
        var output = [UInt8](repeating: 0, count: coefficients.outputSize * rowLength)
        let half = 1 << (ResampleCoefficients.precisionBits - 1)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                coefficients.weights.withUnsafeBufferPointer { weights in
                    for row in 0..<coefficients.outputSize {
                        let kernel = row * kernelSize
                        let count = coefficients.counts[row]
                        let first = (coefficients.starts[row] - rowOffset) * rowLength
                        let written = row * rowLength
                        for sample in 0..<rowLength {
                            var sum = half
                            var at = first + sample
                            for tap in 0..<count {
                                sum += Int(source[at]) * weights[kernel + tap]
                                at += rowLength
                            }
                            target[written + sample] = ResampleCoefficients.clip8(sum)
                        }
                    }
                }
            }
        }
        return output
    }
}
