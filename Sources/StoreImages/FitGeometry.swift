/// Where the source goes in the output for each `FitMode`: the source box to
/// resample, the size it is resampled to, and its offset on the output canvas.
/// The arithmetic is Pillow's, in the same order and precision, so the pixels
/// match `ImageOps.fit` and `ImageOps.pad`.
struct FitGeometry {
    /// The source region, in fractional source pixels.
    let box: ResampleBox
    /// The size the region is resampled to.
    let resized: (width: Int, height: Int)
    /// Where the resampled region is placed on the canvas (nonzero only for `pad`).
    let offset: (x: Int, y: Int)

    /// The geometry that fits a `width × height` source into `target`.
    ///
    /// - stretch: the whole source to the whole target.
    /// - crop: `ImageOps.fit(image, size, method)`: the centred box of the
    ///   target's aspect ratio, with fractional edges.
    /// - pad: `ImageOps.contain` then `ImageOps.pad`: the whole source resized
    ///   to keep its aspect ratio, the free side rounded half to even as
    ///   Python's `round`, and centred (offset rounded half to even too). A
    ///   side that would round to 0 pixels is kept at 1 (Pillow returns an
    ///   empty image there).
    init(width: Int, height: Int, target: (width: Int, height: Int), fit: FitMode) {
        let whole = ResampleBox(width: width, height: height)
        switch fit {
        case .stretch:
            self.init(box: whole, resized: target, offset: (0, 0))
        case .crop:
            let sourceWidth = Double(width)
            let sourceHeight = Double(height)
            let sourceRatio = sourceWidth / sourceHeight
            let targetRatio = Double(target.width) / Double(target.height)
            var cropWidth = sourceWidth
            var cropHeight = sourceHeight
            if sourceRatio != targetRatio {
                if sourceRatio >= targetRatio {
                    cropWidth = targetRatio * sourceHeight
                } else {
                    cropHeight = sourceWidth / targetRatio
                }
            }
            let left = (sourceWidth - cropWidth) * 0.5
            let top = (sourceHeight - cropHeight) * 0.5
            let box = ResampleBox(left: Float(left), top: Float(top),
                                  right: Float(left + cropWidth), bottom: Float(top + cropHeight))
            self.init(box: box, resized: target, offset: (0, 0))
        case .pad:
            let sourceRatio = Double(width) / Double(height)
            let targetRatio = Double(target.width) / Double(target.height)
            var size = target
            if sourceRatio > targetRatio {
                size.height = max(1, Int((Double(height) / Double(width) * Double(target.width)).rounded(.toNearestOrEven)))
            } else if sourceRatio < targetRatio {
                size.width = max(1, Int((Double(width) / Double(height) * Double(target.height)).rounded(.toNearestOrEven)))
            }
            let x = Int((Double(target.width - size.width) * 0.5).rounded(.toNearestOrEven))
            let y = Int((Double(target.height - size.height) * 0.5).rounded(.toNearestOrEven))
            self.init(box: whole, resized: size, offset: (x, y))
        }
    }

    private init(box: ResampleBox, resized: (width: Int, height: Int), offset: (x: Int, y: Int)) {
        self.box = box
        self.resized = resized
        self.offset = offset
    }
}
