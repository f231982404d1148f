import DispatchStore
import Foundation

/// The dialogue states this process saved last, by conversation, so that the next turn skips
/// decoding the JSON it wrote itself (a tenth of a turn's CPU).
///
/// The store stays the truth: a cached state is used only when the conversation read from the
/// store holds exactly the bytes it was saved as. A state saved by another node, or changed
/// in any way, is decoded as usual.
final class DialogueStateCache: Sendable {
    private let entries = Locked<[Int64: (saved: Data, state: DialogueState)]>([:])
    private let capacity: Int

    /// - Parameter capacity: Entries kept before the cache starts over (a miss costs one decode).
    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The conversation's dialogue state, as decoded from what the store holds.
    func state(of conversation: Conversation) -> DialogueState {
        guard let stored = conversation.dialogueState else { return DialogueState() }
        if let entry = entries.withLock({ $0[conversation.id] }), entry.saved == stored { return entry.state }
        return DialogueState.decode(stored)
    }

    /// Notes the state just saved for a conversation, with the bytes it was saved as.
    func remember(_ state: DialogueState, savedAs saved: Data, for conversationID: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[conversationID] = (saved, state)
        }
    }
}
