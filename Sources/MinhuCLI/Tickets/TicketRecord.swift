import DispatchStore
import Foundation

/// A ticket as `--json` prints it: the canonical number, both names of the state, overdue
/// status, and personal data masked unless revealed.
struct TicketRecord: Encodable {
    /// Printed as `id`.
    let id: String
    /// Printed as `number`.
    let number: Int64
    /// Printed as `category`.
    let category: String
    /// Printed as `subcategory`.
    let subcategory: String?
    /// Printed as `state`.
    let state: String
    /// Printed as `state_name`.
    let stateName: String
    /// Printed as `priority`.
    let priority: String
    /// Printed as `is_emergency`.
    let isEmergency: Bool
    /// Printed as `summary`.
    let summary: String
    /// Printed as `details`.
    let details: String
    /// Printed as `address`.
    let address: String?
    /// Printed as `contact_phone`.
    let contactPhone: String?
    /// Printed as `conversation_id`.
    let conversationID: Int64?
    /// Printed as `channel`.
    let channel: String
    /// Printed as `unit_id`.
    let unitID: String?
    /// Printed as `assignee`.
    let assignee: String?
    /// Printed as `dispatch_due_at`.
    let dispatchDueAt: Date?
    /// Printed as `resolve_due_at`.
    let resolveDueAt: Date?
    /// Printed as `overdue`.
    let overdue: String?
    /// Printed as `reopen_count`.
    let reopenCount: Int
    /// Printed as `duplicate_of`.
    let duplicateOf: String?
    /// Printed as `rating`.
    let rating: Int?
    /// Printed as `rating_comment`.
    let ratingComment: String?
    /// Printed as `created_at`.
    let createdAt: Date
    /// Printed as `updated_at`.
    let updatedAt: Date

    /// The record of `ticket` at `now`, printed with `masking`.
    init(_ ticket: Ticket, masking: Masking, now: Date) {
        let masking = masking.about(ticket)
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

    /// snake_case keys, as the store's own records use.
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
    /// Printed as `sequence`.
    let sequence: Int
    /// Printed as `at`.
    let at: Date
    /// Printed as `actor`.
    let actor: String
    /// Printed as `action`.
    let action: String
    /// Printed as `action_name`.
    let actionName: String
    /// Printed as `from_state`.
    let fromState: String?
    /// Printed as `to_state`.
    let toState: String?
    /// Printed as `unit_id`.
    let unitID: String?
    /// Printed as `reason`.
    let reason: String?
    /// Printed as `visibility`.
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

    /// snake_case keys, as the store's own records use.
    enum CodingKeys: String, CodingKey {
        case sequence, at, actor, action
        case actionName = "action_name"
        case fromState = "from_state"
        case toState = "to_state"
        case unitID = "unit_id"
        case reason, visibility
    }
}
