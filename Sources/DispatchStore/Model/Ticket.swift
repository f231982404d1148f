import Foundation

/// A resident's request as the dispatch store keeps it; changed only through workflow commands.
public struct Ticket: Hashable, Codable, Sendable, Identifiable {
    /// The number printed to residents, `MH-000123`.
    public var id: TicketNumber
    /// The intent that produced it (`repair`, `complaint`, `health` …).
    public var category: String
    /// A finer category from routing (`water`, `lift`, `noise` …).
    public var subcategory: String?
    /// Where it stands in the workflow.
    public var state: TicketState
    /// How urgently it should be handled.
    public var priority: TicketPriority
    /// Whether it is an emergency (the bot already told the resident to call 120/110/119).
    public var isEmergency: Bool
    /// One line for lists.
    public var summary: String
    /// Everything the resident said that matters.
    public var details: String
    /// Where the work is (栋/单元/室), if known.
    public var address: String?
    /// The resident's phone, if given; masked in logs and exports.
    public var contactPhone: String?
    /// The conversation it came from, if any.
    public var conversationID: Int64?
    /// The channel it came through (`line`, `irc`, `onebot`, `cli` …).
    public var channel: String
    /// The channel's id of the message that created it; with `channel`, makes creation idempotent.
    public var sourceMessageID: String?
    /// The directory id of the responsible unit, once dispatched.
    public var unitID: String?
    /// Who in the unit, or which volunteer, took it.
    public var assignee: String?
    /// When it must be dispatched by, if its category sets a limit.
    public var dispatchDueAt: Date?
    /// When it must be resolved by, if its category sets a limit.
    public var resolveDueAt: Date?
    /// How many times it was reopened (重办).
    public var reopenCount: Int
    /// The original ticket, when this one was merged into it.
    public var duplicateOf: TicketNumber?
    /// The resident's rating, 1 to 5, once closed.
    public var rating: Int?
    /// The resident's words with the rating.
    public var ratingComment: String?
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a value with every field given; backends use it when they read storage.
    public init(
        id: TicketNumber,
        category: String,
        subcategory: String?,
        state: TicketState,
        priority: TicketPriority,
        isEmergency: Bool,
        summary: String,
        details: String,
        address: String?,
        contactPhone: String?,
        conversationID: Int64?,
        channel: String,
        sourceMessageID: String?,
        unitID: String?,
        assignee: String?,
        dispatchDueAt: Date?,
        resolveDueAt: Date?,
        reopenCount: Int,
        duplicateOf: TicketNumber?,
        rating: Int?,
        ratingComment: String?,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.category = category
        self.subcategory = subcategory
        self.state = state
        self.priority = priority
        self.isEmergency = isEmergency
        self.summary = summary
        self.details = details
        self.address = address
        self.contactPhone = contactPhone
        self.conversationID = conversationID
        self.channel = channel
        self.sourceMessageID = sourceMessageID
        self.unitID = unitID
        self.assignee = assignee
        self.dispatchDueAt = dispatchDueAt
        self.resolveDueAt = resolveDueAt
        self.reopenCount = reopenCount
        self.duplicateOf = duplicateOf
        self.rating = rating
        self.ratingComment = ratingComment
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Maps properties to snake_case columns and JSON keys.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, category, subcategory, state, priority
        case isEmergency = "is_emergency"
        case summary, details, address
        case contactPhone = "contact_phone"
        case conversationID = "conversation_id"
        case channel
        case sourceMessageID = "source_message_id"
        case unitID = "unit_id"
        case assignee
        case dispatchDueAt = "dispatch_due_at"
        case resolveDueAt = "resolve_due_at"
        case reopenCount = "reopen_count"
        case duplicateOf = "duplicate_of"
        case rating
        case ratingComment = "rating_comment"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Which deadline a ticket has missed.
    public enum Overdue: String, Sendable, Codable {
        /// Not dispatched past its dispatch deadline.
        case dispatch
        /// Not resolved past its resolve deadline.
        case resolve
    }

    /// The deadline this ticket has missed at `now`, or nil if it is on time or finished.
    ///
    /// A missed dispatch deadline wins: it is the one staff can act on right away.
    public func overdue(at now: Date) -> Overdue? {
        if state == .submitted, let due = dispatchDueAt, due < now { return .dispatch }
        if state.awaitsResolution, let due = resolveDueAt, due < now { return .resolve }
        return nil
    }
}
