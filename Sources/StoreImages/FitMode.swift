/// How an image whose aspect ratio differs from the target's is fitted.
///
/// - `stretch`: resize to the target size, ignoring the aspect ratio
///   (Pillow's `image.resize(size)`).
/// - `crop`: cut the centred region of the target's aspect ratio and resize it
///   (Pillow's `ImageOps.fit(image, size, method)`, fractional crop box included).
/// - `pad`: resize to the largest size with the image's aspect ratio that fits,
///   then centre it on a white canvas of the target size
///   (Pillow's `ImageOps.pad(image, size, method, color="white")`).
public enum FitMode: String, CaseIterable, Sendable, Codable {
    case stretch, crop, pad
}
