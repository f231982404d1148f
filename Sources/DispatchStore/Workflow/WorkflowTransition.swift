/// One row of the workflow table: an action, where it may start, where it ends, who may take it.
public struct WorkflowTransition: Hashable, Sendable {
    /// The action this row describes.
    public let action: TicketAction
    /// The states the action may be taken from.
    public let from: Set<TicketState>
    /// The state the ticket is in afterwards.
    public let to: TicketState
    /// The kinds of actor allowed to take it.
    public let actors: Set<ActorKind>
    /// Whether it must come with a non-empty reason.
    public let requiresReason: Bool

    /// Creates a row of the table.
    public init(
        _ action: TicketAction, from: Set<TicketState>, to: TicketState,
        by actors: Set<ActorKind>, requiresReason: Bool = false
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.actors = actors
        self.requiresReason = requiresReason
    }
}
