/// The source region of a resize in fractional pixels, left/top inclusive,
/// right/bottom exclusive, as single-precision floats as Pillow passes them
/// to C.
struct ResampleBox {
    var left: Float
    var top: Float
    var right: Float
    var bottom: Float

    /// The whole of a `width × height` image.
    init(width: Int, height: Int) {
        self.init(left: 0, top: 0, right: Float(width), bottom: Float(height))
    }

    init(left: Float, top: Float, right: Float, bottom: Float) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }
}
