import Foundation

/// Which conversations a list should show; every set field narrows it. Lists are most recently active first.
public struct ConversationFilter: Hashable, Sendable {
    /// Only conversations active at or after this time.
    public var since: Date?
    /// Only this channel.
    public var channel: String?
    /// Only this user of the channel (a line conversation's is the hash of its session code).
    public var user: String?
    /// Only conversations flagged (or not flagged) for a human.
    public var isFlaggedForHuman: Bool?
    /// Only conversations with an inbound line classified as this intent.
    public var intent: String?
    /// Only conversations with a line containing this text.
    public var text: String?
    /// At most this many conversations; nil for no limit.
    public var limit: Int?

    /// Creates a filter; with no arguments it lists the 100 most recent conversations.
    public init(
        since: Date? = nil, channel: String? = nil, user: String? = nil, isFlaggedForHuman: Bool? = nil,
        intent: String? = nil, text: String? = nil, limit: Int? = 100
    ) {
        self.since = since
        self.channel = channel
        self.user = user
        self.isFlaggedForHuman = isFlaggedForHuman
        self.intent = intent
        self.text = text
        self.limit = limit
    }
}
