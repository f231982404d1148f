import DispatchStore
import Testing

/// Every action by every kind of actor from every state, through the store, driven by the table:
/// legal ones move the ticket and write exactly one event; illegal ones throw and write nothing.
@Suite struct TransitionMatrixTests {
    @Test(arguments: StoreBackend.allCases, TicketState.allCases)
    func everyActionFromThisStateIsAllowedOrRefusedAsTheTableSays(backend: StoreBackend, state: TicketState)
        async throws
    {
        try await backend.withStore { store in
            let original = try await store.createTicket(.lightRepair(summary: "merge target"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for row in Workflow.transitions {
                    for kind in ActorKind.allCases {
                        group.addTask {
                            try await Self.check(row, by: kind, from: state, original: original.id, store)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    private static func check(
        _ row: WorkflowTransition, by kind: ActorKind, from state: TicketState, original: TicketNumber,
        _ store: any DispatchStore
    ) async throws {
        let before = try await store.ticket(in: state)
        let eventsBefore = try await store.events(of: before.id)
        let command = try #require(sampleCommand(for: row.action, original: original))
        // The table is about kinds of actors. Which volunteer may work a ticket (the one who
        // holds it) is ClaimRaceTests' business, so a volunteer here acts as the holder.
        let actor = kind == .volunteer && (row.action == .start || row.action == .resolve)
            ? ActorRef.volunteer(before.assignee ?? Cast.volunteer.id) : Cast.actor(kind)
        let label = "\(row.action) by \(kind) from \(state)"

        if row.from.contains(state), row.actors.contains(kind) {
            let after = try await store.apply(command, to: before.id, by: actor)
            #expect(after.state == row.to, "\(label)")
            let events = try await store.events(of: before.id)
            #expect(events.count == eventsBefore.count + 1, "\(label)")
            let event = try #require(events.last)
            #expect(event.action == row.action && event.fromState == state && event.toState == row.to, "\(label)")
            #expect(event.actor == actor, "\(label)")
            #expect(try await store.ticket(before.id) == after, "\(label)")
            return
        }

        let expected: DispatchStoreError =
            if !row.from.contains(state) {
                (row.action == .claim || row.action == .accept)
                    && [.accepted, .claimed, .inProgress].contains(state)
                    ? .alreadyTaken(ticket: before.id, state: state, assignee: before.assignee)
                    : .illegalTransition(
                        ticket: before.id, state: state, action: row.action,
                        allowed: Workflow.allowedActions(from: state))
            } else {
                .actorNotPermitted(
                    ticket: before.id, action: row.action, actor: kind,
                    permitted: ActorKind.allCases.filter(row.actors.contains))
            }
        await #expect(throws: expected, "\(label)") {
            try await store.apply(command, to: before.id, by: actor)
        }
        #expect(try await store.ticket(before.id) == before, "\(label) changed the ticket")
        #expect(try await store.events(of: before.id) == eventsBefore, "\(label) wrote an event")
    }
}
