import Foundation

/// A dialogue between the bot and one resident on one channel.
public struct Conversation: Hashable, Codable, Sendable, Identifiable {
    /// The store's id.
    public var id: Int64
    /// The channel (`line`, `irc`, `onebot` …).
    public var channel: String
    /// The room on that channel (an IRC channel, a QQ group); empty for direct chats.
    public var room: String
    /// The resident's handle on that channel.
    public var user: String
    /// The conversation engine's own state, opaque here, so a restart or another node continues the dialogue.
    public var dialogueState: Data?
    /// Whether the resident asked for a human (转人工) or the bot gave up; staff review these first.
    public var isFlaggedForHuman: Bool
    /// When it started.
    public var createdAt: Date
    /// When something last happened in it.
    public var updatedAt: Date

    /// Creates a value with every field given; backends use it when they read storage.
    public init(
        id: Int64,
        channel: String,
        room: String,
        user: String,
        dialogueState: Data?,
        isFlaggedForHuman: Bool,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.channel = channel
        self.room = room
        self.user = user
        self.dialogueState = dialogueState
        self.isFlaggedForHuman = isFlaggedForHuman
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Maps properties to snake_case columns and JSON keys.
    public enum CodingKeys: String, CodingKey {
        case id, channel, room, user
        case dialogueState = "dialogue_state"
        case isFlaggedForHuman = "is_flagged_for_human"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
