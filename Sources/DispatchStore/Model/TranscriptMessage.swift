import Foundation

/// Which way a line of a transcript went.
public enum MessageDirection: String, CaseIterable, Codable, Sendable {
    /// From the resident to the bot.
    case inbound = "in"
    /// From the bot to the resident.
    case outbound = "out"
}

/// A line to add to a conversation's transcript.
public struct TranscriptLine: Hashable, Codable, Sendable {
    /// The conversation it belongs to.
    public var conversationID: Int64
    /// Which way it went.
    public var direction: MessageDirection
    /// What was said.
    public var text: String
    /// The intent the classifier saw, for inbound lines.
    public var intent: String?
    /// The classifier's confidence in that intent, 0…1.
    public var confidence: Double?
    /// When it was said; the store's clock if nil.
    public var at: Date?

    /// Creates a line.
    public init(
        conversationID: Int64, direction: MessageDirection, text: String,
        intent: String? = nil, confidence: Double? = nil, at: Date? = nil
    ) {
        self.conversationID = conversationID
        self.direction = direction
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.at = at
    }
}

/// A stored line of a transcript.
public struct TranscriptMessage: Hashable, Codable, Sendable, Identifiable {
    /// The store-wide id, increasing in insertion order; exports page on it.
    public var id: Int64
    /// The conversation it belongs to.
    public var conversationID: Int64
    /// Its position in the conversation, from 1.
    public var sequence: Int
    /// When it was said.
    public var at: Date
    /// Which way it went.
    public var direction: MessageDirection
    /// What was said.
    public var text: String
    /// The intent the classifier saw, for inbound lines.
    public var intent: String?
    /// The classifier's confidence in that intent.
    public var confidence: Double?

    /// Creates a value with every field given; backends use it when they read storage.
    public init(
        id: Int64,
        conversationID: Int64,
        sequence: Int,
        at: Date,
        direction: MessageDirection,
        text: String,
        intent: String?,
        confidence: Double?
    ) {
        self.id = id
        self.conversationID = conversationID
        self.sequence = sequence
        self.at = at
        self.direction = direction
        self.text = text
        self.intent = intent
        self.confidence = confidence
    }

    /// Maps properties to snake_case columns and JSON keys.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case conversationID = "conversation_id"
        case sequence, at, direction, text, intent, confidence
    }
}
