import Foundation

/// An audit entry: a staff member looked at personal data that is masked by default.
public struct PersonalDataReveal: Hashable, Codable, Sendable {
    /// The store's id, increasing; 0 until recorded.
    public var id: Int64
    /// When it was revealed.
    public var at: Date
    /// What kind of party looked (normally staff).
    public var actorKind: ActorKind
    /// Who looked.
    public var actorID: String
    /// Whose data: a ticket number, a conversation id, a phone.
    public var subject: String
    /// What was revealed (`phone`, `address`, `transcript` …).
    public var what: String
    /// Why, if the staff member said.
    public var reason: String?

    /// Creates an entry to record.
    public init(at: Date = Date(), actor: ActorRef, subject: String, what: String, reason: String? = nil) {
        self.id = 0
        self.at = at
        self.actorKind = actor.kind
        self.actorID = actor.id
        self.subject = subject
        self.what = what
        self.reason = reason
    }

    /// Who looked.
    public var actor: ActorRef { ActorRef(kind: actorKind, id: actorID) }

    /// Maps properties to snake_case columns and JSON keys.
    public enum CodingKeys: String, CodingKey {
        case id, at
        case actorKind = "actor_kind"
        case actorID = "actor_id"
        case subject, what, reason
    }
}
