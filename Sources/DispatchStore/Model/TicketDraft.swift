import Foundation

/// What the conversation engine (or staff) knows when a request becomes a ticket.
public struct TicketDraft: Hashable, Codable, Sendable {
    /// The intent (`repair`, `complaint` …).
    public var category: String
    /// A finer category from routing.
    public var subcategory: String?
    /// How urgently it should be handled.
    public var priority: TicketPriority
    /// Whether it is an emergency.
    public var isEmergency: Bool
    /// One line for lists.
    public var summary: String
    /// Everything the resident said that matters.
    public var details: String
    /// Where the work is.
    public var address: String?
    /// The resident's phone.
    public var contactPhone: String?
    /// The conversation it comes from.
    public var conversationID: Int64?
    /// The channel it comes through.
    public var channel: String
    /// The channel's message id; a second draft with the same channel and id returns the first ticket.
    public var sourceMessageID: String?
    /// The category's dispatch time limit, from the intent's routing.
    public var dispatchWithin: TimeInterval?
    /// The category's resolve time limit, from the intent's routing.
    public var resolveWithin: TimeInterval?
    /// Who asked; recorded on the creation event.
    public var submittedBy: ActorRef

    /// Creates a draft; only what every ticket needs is required.
    public init(
        category: String,
        subcategory: String? = nil,
        priority: TicketPriority = .normal,
        isEmergency: Bool = false,
        summary: String,
        details: String = "",
        address: String? = nil,
        contactPhone: String? = nil,
        conversationID: Int64? = nil,
        channel: String,
        sourceMessageID: String? = nil,
        dispatchWithin: TimeInterval? = nil,
        resolveWithin: TimeInterval? = nil,
        submittedBy: ActorRef
    ) {
        self.category = category
        self.subcategory = subcategory
        self.priority = priority
        self.isEmergency = isEmergency
        self.summary = summary
        self.details = details
        self.address = address
        self.contactPhone = contactPhone
        self.conversationID = conversationID
        self.channel = channel
        self.sourceMessageID = sourceMessageID
        self.dispatchWithin = dispatchWithin
        self.resolveWithin = resolveWithin
        self.submittedBy = submittedBy
    }
}
