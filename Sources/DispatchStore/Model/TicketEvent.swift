import Foundation

/// Who may read an event: residents see public events, staff see everything.
public enum EventVisibility: String, CaseIterable, Codable, Sendable {
    /// Shown to the resident when they ask where their ticket stands.
    case `public`
    /// A note for staff and units only.
    case `internal`
}

/// One entry of a ticket's append-only history: never updated, never deleted.
public struct TicketEvent: Hashable, Codable, Sendable {
    /// The ticket it belongs to.
    public var ticketID: TicketNumber
    /// Its position in the ticket's history, from 1 (the creation).
    public var sequence: Int
    /// When it happened.
    public var at: Date
    /// What kind of party acted.
    public var actorKind: ActorKind
    /// Which one.
    public var actorID: String
    /// What happened.
    public var action: TicketAction
    /// The state before, for transitions.
    public var fromState: TicketState?
    /// The state after, for transitions and the creation.
    public var toState: TicketState?
    /// The unit involved: the one dispatched to, or the one acting.
    public var unitID: String?
    /// Why: the reason for a return, reopen or cancel, the text of a note, a rating comment.
    public var reason: String?
    /// Who may read it.
    public var visibility: EventVisibility

    /// Creates an event; the store assigns sequence numbers, so callers rarely need this.
    public init(
        ticketID: TicketNumber, sequence: Int, at: Date, actor: ActorRef, action: TicketAction,
        fromState: TicketState?, toState: TicketState?, unitID: String?, reason: String?,
        visibility: EventVisibility
    ) {
        self.ticketID = ticketID
        self.sequence = sequence
        self.at = at
        self.actorKind = actor.kind
        self.actorID = actor.id
        self.action = action
        self.fromState = fromState
        self.toState = toState
        self.unitID = unitID
        self.reason = reason
        self.visibility = visibility
    }

    /// Who acted.
    public var actor: ActorRef { ActorRef(kind: actorKind, id: actorID) }

    /// Maps properties to snake_case columns and JSON keys.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case ticketID = "ticket_id"
        case sequence, at
        case actorKind = "actor_kind"
        case actorID = "actor_id"
        case action
        case fromState = "from_state"
        case toState = "to_state"
        case unitID = "unit_id"
        case reason, visibility
    }
}
