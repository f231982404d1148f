import Foundation

// The storage-independent half of ticket writes: what a new ticket and each workflow step look
// like. Backends only add what needs the database (numbers, event sequences, the merge target)
// and write the ticket and its event in one transaction.

extension Ticket {
    /// A new ticket from a draft: submitted, with its due times counted from `createdAt`.
    public init(number: TicketNumber, draft: TicketDraft, createdAt: Date) {
        self.init(
            id: number, category: draft.category, subcategory: draft.subcategory, state: .submitted,
            priority: draft.priority, isEmergency: draft.isEmergency, summary: draft.summary,
            details: draft.details, address: draft.address, contactPhone: draft.contactPhone,
            conversationID: draft.conversationID, channel: draft.channel, sourceMessageID: draft.sourceMessageID,
            unitID: nil, assignee: nil,
            dispatchDueAt: draft.dispatchWithin.map { createdAt + $0 },
            resolveDueAt: draft.resolveWithin.map { createdAt + $0 },
            reopenCount: 0, duplicateOf: nil, rating: nil, ratingComment: nil,
            createdAt: createdAt, updatedAt: createdAt)
    }

    /// The ticket after a workflow command, and the event recording it.
    ///
    /// - Parameters:
    ///   - command: The step and what it needs.
    ///   - actor: Who takes it; checked against ``Workflow``.
    ///   - now: The time of the step.
    ///   - sequence: The event's position in the ticket's history.
    /// - Throws: The workflow errors of ``Workflow/check(_:on:in:by:assignee:)``,
    ///   ``DispatchStoreError/alreadyTaken(ticket:state:assignee:)`` for a volunteer who starts or
    ///   resolves a ticket someone else holds, ``DispatchStoreError/invalidArgument(_:)`` for a blank unit,
    ///   ``DispatchStoreError/invalidMergeTarget(ticket:target:)`` for a merge into itself.
    public func applying(_ command: TicketCommand, by actor: ActorRef, at now: Date, sequence: Int)
        throws(DispatchStoreError) -> (ticket: Ticket, event: TicketEvent)
    {
        let transition = try Workflow.check(command, on: id, in: state, by: actor.kind, assignee: assignee)
        // A claimed ticket is its volunteer's: another volunteer may not start or resolve it
        // (the claim race would mean nothing). Staff may always act.
        if actor.kind == .volunteer, transition.action == .start || transition.action == .resolve,
           let assignee, assignee != actor.id {
            throw .alreadyTaken(ticket: id, state: state, assignee: assignee)
        }
        var next = self
        var eventUnit = unitID

        switch command {
        case .dispatch(let unit):
            guard !unit.allSatisfy(\.isWhitespace) else { throw .invalidArgument("dispatch needs a unit") }
            next.unitID = unit
            next.assignee = nil
            eventUnit = unit
        case .accept, .claim:
            next.assignee = actor.id
        case .close(let rating, let comment):
            next.rating = rating
            next.ratingComment = comment
        case .sendBack:
            // Misrouted: back to staff unassigned; the event keeps the unit that returned it.
            next.unitID = nil
            next.assignee = nil
        case .reopen:
            // Back to the same unit, for anyone there to take again; the old rating no longer holds.
            next.reopenCount += 1
            next.assignee = nil
            next.rating = nil
            next.ratingComment = nil
        case .merge(let original):
            guard original != id else { throw .invalidMergeTarget(ticket: id, target: original) }
            next.duplicateOf = original
        case .start, .resolve, .verify, .cancel:
            break
        }
        next.state = transition.to
        next.updatedAt = now

        let event = TicketEvent(
            ticketID: id, sequence: sequence, at: now, actor: actor, action: transition.action,
            fromState: state, toState: transition.to, unitID: eventUnit, reason: command.reason,
            visibility: .public)
        return (next, event)
    }
}

extension TicketEvent {
    /// The first event of a ticket's history: its creation by whoever submitted the draft.
    public static func creation(of ticket: Ticket, by actor: ActorRef) -> TicketEvent {
        TicketEvent(
            ticketID: ticket.id, sequence: 1, at: ticket.createdAt, actor: actor, action: .submit,
            fromState: nil, toState: .submitted, unitID: nil, reason: nil, visibility: .public)
    }
}
