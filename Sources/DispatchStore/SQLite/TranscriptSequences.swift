/// The next transcript sequence of conversations this store appended to, so that an append
/// is one plain INSERT instead of a lookup of the conversation's last line first.
///
/// A remembered value is only a guess, checked by the table itself: sequences of a
/// conversation run 1, 2, 3 … without gaps (each is the last one plus one, and lines are
/// never deleted), so if another connection appended since, the guess is already taken and
/// the unique key (conversation, sequence) refuses it; the append then asks the table. What
/// the guess cannot see is a rollback of lines it counted: the group committer calls
/// ``forgetAll()`` after every rollback, so no sequence is skipped.
final class TranscriptSequences: Sendable {
    /// Enough for every conversation active at once; past it everything is forgotten, so a
    /// long-running server does not remember every conversation it ever had.
    private static let capacity = 50_000
    private let next = Locked<[Int64: Int]>([:])

    /// The sequence the next line of `conversationID` should get, if known.
    func guess(for conversationID: Int64) -> Int? {
        next.withLock { $0[conversationID] }
    }

    /// Notes that `sequence` was just given to a line of `conversationID`.
    func noteAppended(_ sequence: Int, to conversationID: Int64) {
        next.withLock { next in
            if next.count >= Self.capacity, next[conversationID] == nil { next.removeAll(keepingCapacity: true) }
            next[conversationID] = sequence + 1
        }
    }

    /// Drops the guess for one conversation (it proved stale).
    func forget(_ conversationID: Int64) {
        _ = next.withLock { $0.removeValue(forKey: conversationID) }
    }

    /// Drops every guess: after a rollback, some may count lines that are no longer there.
    func forgetAll() {
        next.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
