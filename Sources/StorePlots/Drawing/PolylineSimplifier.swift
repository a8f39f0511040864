/// Fewer points for a long line that looks the same: the Ramer–Douglas–
/// Peucker algorithm keeps the points that lie more than `tolerance` pixels
/// from the line through the points kept around them. A precision–recall
/// curve of 20,000 thresholds drawn 500 pixels wide keeps a few hundred
/// points, and its SVG shrinks as much. (Iterative, with an explicit stack,
/// so long curves cannot exhaust the call stack; cairo itself draws every
/// point it is given.)
public enum PolylineSimplifier {
    /// The kept points, in order; the first and last are always kept.
    public static func simplify(_ points: [Point], tolerance: Double = 0.25) -> [Point] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var farthest = first
            var distance = 0.0
            for index in (first + 1)..<last {
                let d = Self.distance(points[index], from: points[first], to: points[last])
                if d > distance {
                    distance = d
                    farthest = index
                }
            }
            if distance > tolerance {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// The distance from `p` to the segment from `a` to `b`.
    static func distance(_ p: Point, from a: Point, to b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot() }
        let t = min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length, 0), 1)
        let x = a.x + t * dx - p.x, y = a.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }
}
