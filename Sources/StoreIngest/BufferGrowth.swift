extension UnsafeMutablePointer {
    /// A new allocation of `capacity` elements holding the first `count`
    /// elements of this one, which is deallocated. For the growable buffers
    /// of the ingest's hot loops, which hold trivial values only.
    func grown(keeping count: Int, to capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let larger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        larger.moveInitialize(from: self, count: count)
        deallocate()
        return larger
    }
}
