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
    /// `coefficients.outputSize` pixels. One and three channels have their
    /// own loops (every tap feeds all channels at once); the sums are the
    /// same integers in any order.
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
                                    switch channels {
                                    case 1:
                                        var sum = half
                                        for tap in 0..<count {
                                            sum += Int(source[first + tap]) * weights[kernel + tap]
                                        }
                                        target[written] = ResampleCoefficients.clip8(sum)
                                    case 3:
                                        var (red, green, blue) = (half, half, half)
                                        var at = first
                                        for tap in 0..<count {
                                            let weight = weights[kernel + tap]
                                            red += Int(source[at]) * weight
                                            green += Int(source[at + 1]) * weight
                                            blue += Int(source[at + 2]) * weight
                                            at += 3
                                        }
                                        target[written] = ResampleCoefficients.clip8(red)
                                        target[written + 1] = ResampleCoefficients.clip8(green)
                                        target[written + 2] = ResampleCoefficients.clip8(blue)
                                    default:
                                        for channel in 0..<channels {
                                            var sum = half
                                            var at = first + channel
                                            for tap in 0..<count {
                                                sum += Int(source[at]) * weights[kernel + tap]
                                                at += channels
                                            }
                                            target[written + channel] = ResampleCoefficients.clip8(sum)
                                        }
                                    }
                                    written += channels
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// The vertical pass: `coefficients.outputSize` rows, each the weighted
    /// sum of rows from `starts[i] − rowOffset` of `pixels`, accumulated a
    /// whole row at a time (the same integer sums as Pillow's per-sample
    /// loop, in an order the compiler can vectorize).
    static func verticalPass(_ pixels: [UInt8], width: Int, channels: Int, rowOffset: Int,
                             coefficients: ResampleCoefficients) -> [UInt8] {
        let rowLength = width * channels
        let kernelSize = coefficients.kernelSize
        var output = [UInt8](repeating: 0, count: coefficients.outputSize * rowLength)
        let half = 1 << (ResampleCoefficients.precisionBits - 1)
        var sums = [Int](repeating: 0, count: rowLength)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                sums.withUnsafeMutableBufferPointer { sums in
                    coefficients.weights.withUnsafeBufferPointer { weights in
                        for row in 0..<coefficients.outputSize {
                            let kernel = row * kernelSize
                            let first = (coefficients.starts[row] - rowOffset) * rowLength
                            for sample in 0..<rowLength {
                                sums[sample] = half
                            }
                            for tap in 0..<coefficients.counts[row] {
                                let weight = weights[kernel + tap]
                                let from = first + tap * rowLength
                                for sample in 0..<rowLength {
                                    sums[sample] += Int(source[from + sample]) * weight
                                }
                            }
                            let written = row * rowLength
                            for sample in 0..<rowLength {
                                target[written + sample] = ResampleCoefficients.clip8(sums[sample])
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}
