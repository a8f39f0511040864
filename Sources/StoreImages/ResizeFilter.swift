/// The resampling filter of a resize, as Pillow's `Image.resize` applies it
/// (support widened by the scale when shrinking, so both filters antialias):
/// `area` is `Image.BOX` (the average of the covered source pixels), `bilinear`
/// is `Image.BILINEAR` (a triangle filter).
public enum ResizeFilter: String, CaseIterable, Sendable, Codable {
    case area, bilinear
}
