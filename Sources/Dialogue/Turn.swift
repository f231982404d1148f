import Foundation

/// Who is talking, on which channel: (channel, room, user). Two residents in one group room
/// have different keys, so they never share a dialogue.
public struct ConversationKey: Hashable, Sendable, CustomStringConvertible {
    /// line, irc, onebot …
    public var channel: String
    /// The room or group; for the line server, the connection's address.
    public var room: String
    /// The resident within the room.
    public var user: String

    /// Creates a key.
    public init(channel: String, room: String, user: String) {
        self.channel = channel
        self.room = room
        self.user = user
    }

    public var description: String { "\(channel)/\(room)/\(user)" }
}

/// One thing a resident said.
public struct Turn: Sendable {
    /// Who said it.
    public var key: ConversationKey
    /// What they said (one line).
    public var text: String
    /// When.
    public var time: Date
    /// The chat system's message id, when it has one (gateways): a redelivered message never
    /// opens a second ticket.
    public var messageID: String?

    /// Creates a turn.
    public init(key: ConversationKey, text: String, time: Date = Date(), messageID: String? = nil) {
        self.key = key
        self.text = text
        self.time = time
        self.messageID = messageID
    }
}

/// What the bot answers to a turn.
public struct Reply: Sendable, Equatable {
    /// The lines to send, in order.
    public var lines: [String]
    /// True after /quit: the transport should say the lines and close.
    public var endsConversation: Bool
    /// The conversation's id in the store.
    public var conversationID: Int64
    /// True when the bot asked something (a missing detail, a confirmation, a choice, a
    /// rating): in a group chat the resident's next line is the answer even without a mention.
    public var awaitsAnswer = false
    /// The intent the line was classified as (nil for a command or no line), for metrics.
    public var intent: String?
    /// How many tickets the turn opened, for metrics.
    public var ticketsCreated = 0

    /// The lines joined with newlines.
    public var text: String { lines.joined(separator: "\n") }
}
