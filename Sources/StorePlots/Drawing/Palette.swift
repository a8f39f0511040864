/// The colours given to groups, curves and classes: Okabe and Ito's
/// colour-blind-safe palette ("Color Universal Design", 2008), in the order
/// blue, orange, bluish green, vermillion, reddish purple, sky blue,
/// yellow, black, so the first two (two classes, train and validation) are
/// told apart by everyone, in print and in grey.
public enum Palette {
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0xF0E442), Color(hex: 0x000000),
    ]

    /// The most groups a plot colours apart.
    public static var count: Int { okabeIto.count }

    /// The colour of group `index` (0-based); wraps past the last.
    public static func color(_ index: Int) -> Color {
        okabeIto[index % okabeIto.count]
    }
}
