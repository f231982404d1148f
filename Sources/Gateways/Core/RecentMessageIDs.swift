/// The last N message ids seen, to drop redelivered copies. Bounded by count, not by time: a
/// chat client that replays its backlog after an hour offline still gets de-duplicated, and
/// memory never grows past the capacity.
public struct RecentMessageIDs: Sendable {
    private var order: [String?]
    private var members: Set<String> = []
    private var next = 0

    /// Creates a cache holding up to `capacity` ids.
    public init(capacity: Int = 10_000) {
        precondition(capacity > 0)
        order = Array(repeating: nil, count: capacity)
    }

    /// Records an id; returns false if it was already among the recent ones (a duplicate).
    public mutating func insert(_ id: String) -> Bool {
        guard !members.contains(id) else { return false }
        if let evicted = order[next] { members.remove(evicted) }
        order[next] = id
        members.insert(id)
        next = (next + 1) % order.count
        return true
    }

    /// How many ids are held.
    public var count: Int { members.count }
}
