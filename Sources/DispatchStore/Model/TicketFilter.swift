import Foundation

/// Which tickets a list should show; every set field narrows it. Lists are newest first.
public struct TicketFilter: Hashable, Sendable {
    /// Only tickets in one of these states; all states if empty.
    public var states: Set<TicketState>
    /// Only this category.
    public var category: String?
    /// Only tickets dispatched to this unit.
    public var unitID: String?
    /// Only tickets that are overdue at this time.
    public var overdueAt: Date?
    /// Only tickets created at or after this time.
    public var since: Date?
    /// Only tickets changed after this time (the line server's update feed).
    public var updatedSince: Date?
    /// Only tickets whose summary or details contain this text.
    public var text: String?
    /// Only tickets from this conversation.
    public var conversationID: Int64?
    /// Only tickets with this contact phone.
    public var contactPhone: String?
    /// At most this many tickets; nil for no limit.
    public var limit: Int?

    /// Creates a filter; with no arguments it lists the 100 newest tickets.
    public init(
        states: Set<TicketState> = [], category: String? = nil, unitID: String? = nil,
        overdueAt: Date? = nil, since: Date? = nil, text: String? = nil,
        conversationID: Int64? = nil, contactPhone: String? = nil, limit: Int? = 100, updatedSince: Date? = nil
    ) {
        self.updatedSince = updatedSince
        self.states = states
        self.category = category
        self.unitID = unitID
        self.overdueAt = overdueAt
        self.since = since
        self.text = text
        self.conversationID = conversationID
        self.contactPhone = contactPhone
        self.limit = limit
    }
}
