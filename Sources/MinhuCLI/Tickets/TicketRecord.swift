import DispatchStore
import Foundation

/// A ticket as `--json` prints it: the canonical number, both names of the state, overdue
/// status, and personal data masked unless revealed.
struct TicketRecord: Encodable {
    let id: String
    let number: Int64
    let category: String
    let subcategory: String?
    let state: String
    let stateName: String
    let priority: String
    let isEmergency: Bool
    let summary: String
    let details: String
    let address: String?
    let contactPhone: String?
    let conversationID: Int64?
    let channel: String
    let unitID: String?
    let assignee: String?
    let dispatchDueAt: Date?
    let resolveDueAt: Date?
    let overdue: String?
    let reopenCount: Int
    let duplicateOf: String?
    let rating: Int?
    let ratingComment: String?
    let createdAt: Date
    let updatedAt: Date

    /// The record of `ticket` at `now`, printed with `masking`.
    init(_ ticket: Ticket, masking: Masking, now: Date) {
        id = ticket.id.description
        number = ticket.id.sequence
        category = ticket.category
        subcategory = ticket.subcategory
        state = ticket.state.rawValue
        stateName = ticket.state.chineseName
        priority = ticket.priority.rawValue
        isEmergency = ticket.isEmergency
        summary = masking.text(ticket.summary)
        details = masking.text(ticket.details)
        address = ticket.address.map(masking.address)
        contactPhone = ticket.contactPhone.map(masking.phone)
        conversationID = ticket.conversationID
        channel = ticket.channel
        unitID = ticket.unitID
        assignee = ticket.assignee
        dispatchDueAt = ticket.dispatchDueAt
        resolveDueAt = ticket.resolveDueAt
        overdue = ticket.overdue(at: now)?.rawValue
        reopenCount = ticket.reopenCount
        duplicateOf = ticket.duplicateOf?.description
        rating = ticket.rating
        ratingComment = ticket.ratingComment.map(masking.text)
        createdAt = ticket.createdAt
        updatedAt = ticket.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, number, category, subcategory, state
        case stateName = "state_name"
        case priority
        case isEmergency = "is_emergency"
        case summary, details, address
        case contactPhone = "contact_phone"
        case conversationID = "conversation_id"
        case channel
        case unitID = "unit_id"
        case assignee
        case dispatchDueAt = "dispatch_due_at"
        case resolveDueAt = "resolve_due_at"
        case overdue
        case reopenCount = "reopen_count"
        case duplicateOf = "duplicate_of"
        case rating
        case ratingComment = "rating_comment"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A history event as `--json` prints it.
struct TicketEventRecord: Encodable {
    let sequence: Int
    let at: Date
    let actor: String
    let action: String
    let actionName: String
    let fromState: String?
    let toState: String?
    let unitID: String?
    let reason: String?
    let visibility: String

    /// The record of `event`, its reason masked with `masking` (notes quote residents).
    init(_ event: TicketEvent, masking: Masking) {
        sequence = event.sequence
        at = event.at
        actor = event.actor.description
        action = event.action.rawValue
        actionName = event.action.chineseName
        fromState = event.fromState?.rawValue
        toState = event.toState?.rawValue
        unitID = event.unitID
        reason = event.reason.map(masking.text)
        visibility = event.visibility.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case sequence, at, actor, action
        case actionName = "action_name"
        case fromState = "from_state"
        case toState = "to_state"
        case unitID = "unit_id"
        case reason, visibility
    }
}
