import Synchronization

/// The ids of the bot's latest messages, so that a resident who quotes one (a `reply`
/// segment) addresses the bot. Kept by the adapter, not the link: QQ message ids outlive a
/// reconnect of the client.
final class OneBotSentMessages: Sendable {
    private let capacity: Int
    private let state = Mutex<(ids: Set<String>, order: [String])>(([], []))

    init(capacity: Int = 2000) {
        self.capacity = capacity
    }

    /// Records a message the client accepted.
    func insert(_ id: String) {
        state.withLock { state in
            guard state.ids.insert(id).inserted else { return }
            state.order.append(id)
            if state.order.count > capacity { state.ids.remove(state.order.removeFirst()) }
        }
    }

    /// Whether the bot sent the message with this id lately.
    func contains(_ id: String) -> Bool {
        state.withLock { $0.ids.contains(id) }
    }
}
