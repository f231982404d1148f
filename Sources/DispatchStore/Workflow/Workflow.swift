/// The ticket workflow as one table, so the rules can be read, printed and tested in one place.
///
/// ```
/// submitted ─dispatch→ dispatched ─accept→ accepted ─┐
///                                └─claim──→ claimed ──┴─start→ in_progress ─resolve→ resolved
///                                                          resolved ─verify→ verified ─close→ closed
///                                                          resolved ─close (rated)──────────→ closed
/// sendBack: dispatched → submitted    reopen: resolved, verified, closed → dispatched
/// cancel: before work starts          merge: any state before the work is done
/// ```
public enum Workflow {
    /// Every transition; an action absent from a state's rows is illegal in that state.
    public static let transitions: [WorkflowTransition] = [
        WorkflowTransition(.dispatch, from: [.submitted], to: .dispatched, by: [.staff, .system]),
        WorkflowTransition(.accept, from: [.dispatched], to: .accepted, by: [.unit]),
        WorkflowTransition(.claim, from: [.dispatched], to: .claimed, by: [.volunteer]),
        WorkflowTransition(.start, from: [.accepted, .claimed], to: .inProgress, by: [.unit, .volunteer]),
        WorkflowTransition(.resolve, from: [.inProgress], to: .resolved, by: [.unit, .volunteer]),
        WorkflowTransition(.verify, from: [.resolved], to: .verified, by: [.staff]),
        // 评单: the resident rates as soon as the work is reported done (the bot asks on
        // resolve), before or after staff verify it; staff may record a rating given by phone.
        WorkflowTransition(.close, from: [.resolved, .verified], to: .closed, by: [.resident, .staff]),
        WorkflowTransition(.sendBack, from: [.dispatched], to: .submitted, by: [.unit, .staff], requiresReason: true),
        WorkflowTransition(
            .reopen, from: [.resolved, .verified, .closed], to: .dispatched, by: [.resident, .staff],
            requiresReason: true),
        // Staff cancel for residents who phone the office instead of chatting.
        WorkflowTransition(
            .cancel, from: [.submitted, .dispatched, .accepted, .claimed], to: .cancelled, by: [.resident, .staff]),
        WorkflowTransition(
            .merge, from: [.submitted, .dispatched, .accepted, .claimed, .inProgress], to: .merged,
            by: [.staff, .system]),
    ]

    /// The row for an action, nil for actions that are not transitions (submit, note).
    public static func transition(for action: TicketAction) -> WorkflowTransition? {
        transitions.first { $0.action == action }
    }

    /// The actions any actor may take from a state, in table order.
    public static func allowedActions(from state: TicketState) -> [TicketAction] {
        transitions.filter { $0.from.contains(state) }.map(\.action)
    }

    /// The actions an actor of this kind may take from a state, in table order.
    public static func allowedActions(from state: TicketState, by actor: ActorKind) -> [TicketAction] {
        transitions.filter { $0.from.contains(state) && $0.actors.contains(actor) }.map(\.action)
    }

    /// Checks a command against the table and returns its row, or throws the error a caller can act on.
    ///
    /// The state is checked before the actor, so that a volunteer who lost a claim race hears
    /// "already taken", not "not permitted".
    public static func check(
        _ command: TicketCommand, on ticket: TicketNumber, in state: TicketState, by actor: ActorKind,
        assignee: String? = nil
    ) throws(DispatchStoreError) -> WorkflowTransition {
        let action = command.action
        guard let row = transition(for: action) else {
            throw .illegalTransition(ticket: ticket, state: state, action: action, allowed: allowedActions(from: state))
        }
        guard row.from.contains(state) else {
            if action == .claim || action == .accept, Self.takenStates.contains(state) {
                throw .alreadyTaken(ticket: ticket, state: state, assignee: assignee)
            }
            throw .illegalTransition(ticket: ticket, state: state, action: action, allowed: allowedActions(from: state))
        }
        guard row.actors.contains(actor) else {
            throw .actorNotPermitted(
                ticket: ticket, action: action, actor: actor,
                permitted: ActorKind.allCases.filter(row.actors.contains))
        }
        if row.requiresReason, (command.reason ?? "").allSatisfy(\.isWhitespace) {
            throw .reasonRequired(action)
        }
        // Residents' words were cleaned where they came in; a person at the CLI is told.
        if let reason = command.reason, [.staff, .unit, .volunteer].contains(actor) {
            try StoreSQL.validateStaffText(reason, what: "a reason or note")
        }
        if case .close(let rating, _) = command, !(1...5).contains(rating) {
            throw .invalidRating(rating)
        }
        return row
    }

    /// States in which someone has taken the ticket, so a late claim or accept lost the race.
    /// (Not once it is resolved or closed: "already taken" would then mislead; QA.)
    static let takenStates: Set<TicketState> = [.accepted, .claimed, .inProgress]
}
