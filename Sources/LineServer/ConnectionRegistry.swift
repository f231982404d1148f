import Dialogue
import NIOCore
import Synchronization

/// The residents connected now, by conversation: where ticket updates go, and whom to say
/// goodbye to on shutdown.
final class ConnectionRegistry: Sendable {
    struct Entry: Sendable {
        let key: ConversationKey
        let channel: any Channel
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    }

    private let byConversation = Mutex<[Int64: Entry]>([:])
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func opened(_ channel: any Channel) {
        channels.withLock { $0[ObjectIdentifier(channel)] = channel }
    }

    func closed(_ channel: any Channel, conversationID: Int64?) {
        channels.withLock { $0[ObjectIdentifier(channel)] = nil }
        if let conversationID { unregister(channel, conversationID: conversationID) }
    }

    /// Stops routing a conversation's updates to a channel (it closed, or resumed another conversation).
    func unregister(_ channel: any Channel, conversationID: Int64) {
        byConversation.withLock { entries in
            if let entry = entries[conversationID], entry.channel === channel { entries[conversationID] = nil }
        }
    }

    func register(_ entry: Entry, conversationID: Int64) {
        byConversation.withLock { $0[conversationID] = entry }
    }

    func entry(forConversation id: Int64) -> Entry? {
        byConversation.withLock { $0[id] }
    }

    var openChannels: [any Channel] { channels.withLock { Array($0.values) } }

    private let shuttingDown = Mutex(false)

    /// Marks the server as shutting down: connections whose input ends now say why.
    func beginShutdown() { shuttingDown.withLock { $0 = true } }

    /// Whether the server is shutting down.
    var isShuttingDown: Bool { shuttingDown.withLock { $0 } }
}
