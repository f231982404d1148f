import Foundation

/// Where a message was posted: a group room, or a direct (private) chat with one user.
public enum GatewayRoom: Hashable, Sendable, CustomStringConvertible {
    /// A group: an IRC channel (`#baibuting`), a QQ group number.
    case group(String)
    /// A private chat with this user.
    case direct(user: String)

    /// The room part of a conversation key: the group's id, or `direct` for private chats.
    public var conversationRoom: String {
        switch self {
        case .group(let id): id
        case .direct: Self.directConversationRoom
        }
    }

    /// The conversation room of every private chat (the user part of the key tells them apart).
    public static let directConversationRoom = "direct"

    /// The room a stored conversation took place in.
    public init(conversationRoom room: String, user: String) {
        self = room == Self.directConversationRoom ? .direct(user: user) : .group(room)
    }

    public var description: String {
        switch self {
        case .group(let id): id
        case .direct(let user): "direct:\(user)"
        }
    }
}

/// One message from a chat system, the same for every platform: what the core needs to decide
/// whether to answer it and to whom.
public struct InboundMessage: Sendable, Equatable {
    /// The platform: `irc`, `onebot` … (the conversation key's channel).
    public var platform: String
    /// The bot's own id on the platform (its nick, its QQ number).
    public var selfID: String
    /// The room it was posted in.
    public var room: GatewayRoom
    /// The sender's stable id (nick, QQ number).
    public var user: String
    /// The sender's display name (group card, nick), for replies.
    public var displayName: String
    /// The platform's message id, when it has one; redelivered copies carry the same id.
    public var messageID: String?
    /// The text, with any mention of the bot already removed.
    public var text: String
    /// Whether the message was addressed to the bot (a mention, a reply to it, a private chat).
    public var isAddressedToBot: Bool

    /// Creates a message.
    public init(platform: String, selfID: String, room: GatewayRoom, user: String, displayName: String,
                messageID: String?, text: String, isAddressedToBot: Bool) {
        self.platform = platform
        self.selfID = selfID
        self.room = room
        self.user = user
        self.displayName = displayName
        self.messageID = messageID
        self.text = text
        self.isAddressedToBot = isAddressedToBot
    }
}

/// One message the bot sends: one chunk, already short enough for the platform.
public struct OutboundMessage: Sendable, Equatable {
    /// Where it goes.
    public var room: GatewayRoom
    /// Whom it answers, mentioned the platform's way (a `nick: ` prefix, an `at` segment); nil
    /// for posts to the room as a whole.
    public var mention: Mention?
    /// The text.
    public var text: String

    /// The user a reply mentions.
    public struct Mention: Sendable, Equatable {
        /// The user's stable id.
        public var user: String
        /// The name shown.
        public var displayName: String

        /// Creates a mention.
        public init(user: String, displayName: String) {
            self.user = user
            self.displayName = displayName
        }
    }

    /// Creates a message.
    public init(room: GatewayRoom, mention: Mention?, text: String) {
        self.room = room
        self.mention = mention
        self.text = text
    }
}
