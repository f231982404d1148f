/// Everything that can go wrong in the dispatch store, with what a caller needs to act on it.
public enum DispatchStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No ticket has this number.
    case ticketNotFound(TicketNumber)
    /// No conversation has this id.
    case conversationNotFound(Int64)
    /// The action cannot be taken in the ticket's current state; `allowed` lists what can.
    case illegalTransition(ticket: TicketNumber, state: TicketState, action: TicketAction, allowed: [TicketAction])
    /// This kind of actor may not take this action; `permitted` lists who may.
    case actorNotPermitted(ticket: TicketNumber, action: TicketAction, actor: ActorKind, permitted: [ActorKind])
    /// Someone else claimed or accepted the ticket first (抢单 lost).
    case alreadyTaken(ticket: TicketNumber, state: TicketState, assignee: String?)
    /// The action needs a reason and none was given.
    case reasonRequired(TicketAction)
    /// A rating must be 1 to 5.
    case invalidRating(Int)
    /// The ticket cannot be merged into that one (itself, a missing, merged or cancelled ticket).
    case invalidMergeTarget(ticket: TicketNumber, target: TicketNumber)
    /// A draft or query argument is unusable.
    case invalidArgument(String)
    /// The storage engine failed; the message is the engine's.
    case storage(String)

    /// A sentence for staff logs and the CLI.
    public var description: String {
        switch self {
        case .ticketNotFound(let number):
            "ticket \(number) not found"
        case .conversationNotFound(let id):
            "conversation \(id) not found"
        case .illegalTransition(let ticket, let state, let action, let allowed):
            "cannot \(action.rawValue) (\(action.chineseName)) ticket \(ticket) in state \(state.rawValue) (\(state.chineseName)); "
                + (allowed.isEmpty ? "no further action is possible"
                   : "possible: " + allowed.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", "))
        case .actorNotPermitted(let ticket, let action, let actor, let permitted):
            "\(actor.rawValue) may not \(action.rawValue) ticket \(ticket); only "
                + permitted.map(\.rawValue).joined(separator: ", ") + " may"
        case .alreadyTaken(let ticket, let state, let assignee):
            "ticket \(ticket) is already taken (\(state.chineseName)"
                + (assignee.map { " by \($0)" } ?? "") + ")"
        case .reasonRequired(let action):
            "\(action.rawValue) (\(action.chineseName)) needs a reason"
        case .invalidRating(let rating):
            "rating \(rating) is not between 1 and 5"
        case .invalidMergeTarget(let ticket, let target):
            "ticket \(ticket) cannot be merged into \(target)"
        case .invalidArgument(let message):
            message
        case .storage(let message):
            "storage failure: \(message)"
        }
    }
}
