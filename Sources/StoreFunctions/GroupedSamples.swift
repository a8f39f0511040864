/// The numbers of each group, in arrival order, for a test that compares
/// groups: one array per group, and per group the count of values that
/// have left a sliding window frame (they leave in the order they came, so
/// the oldest of their group goes).
struct GroupedSamples {
    var groups = GroupIndex()
    private var samples: [[Double]] = []
    private var heads: [Int] = []

    /// Adds `value` to group number `group` (from `groups`).
    mutating func add(_ value: Double, to group: Int) {
        if group == samples.count {
            samples.append([])
            heads.append(0)
        }
        samples[group].append(value)
    }

    /// Removes the oldest value of group number `group`.
    mutating func removeOldest(from group: Int) {
        guard group < samples.count, heads[group] < samples[group].count else { return }
        heads[group] += 1
        // Drop what has left once it is most of the array, so a long sliding
        // window keeps memory in proportion to its frame.
        if heads[group] > 1024 && heads[group] * 2 > samples[group].count {
            samples[group].removeFirst(heads[group])
            heads[group] = 0
        }
    }

    /// The groups that hold values now, in SQLite's ascending order.
    func ordered() -> [Sample] {
        groups.values.indices
            .filter { $0 < samples.count && heads[$0] < samples[$0].count }
            .sorted { GroupValue.before(groups.values[$0], groups.values[$1]) }
            .map { Sample(group: groups.values[$0], values: samples[$0][heads[$0]...]) }
    }

    /// One group's value and its numbers.
    struct Sample {
        let group: GroupValue
        let values: ArraySlice<Double>
    }
}
