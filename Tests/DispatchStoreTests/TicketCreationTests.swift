import DispatchStore
import Foundation
import Testing

/// Creating tickets: numbering, idempotency, deadlines, and group commit keeping each draft apart.
@Suite struct TicketCreationTests {
    @Test(arguments: StoreBackend.allCases)
    func aNewTicketIsSubmittedNumberedAndHasItsCreationEvent(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.createTicket(.lightRepair())
            let second = try await store.createTicket(.lightRepair())
            #expect(first.id.description == "MH-000001")
            #expect(second.id == TicketNumber(2))
            #expect(first.state == .submitted)
            #expect(first.reopenCount == 0)
            #expect(try await store.ticket(first.id) == first)
            let events = try await store.events(of: first.id)
            #expect(events.count == 1)
            #expect(events.first?.action == .submit)
            #expect(events.first?.actor == Cast.resident)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theSameChannelMessageTwiceReturnsTheFirstTicket(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.createTicket(.lightRepair(source: "msg-1"))
            let again = try await store.createTicket(.lightRepair(source: "msg-1", summary: "resent by the gateway"))
            #expect(again == first)
            #expect(try await store.events(of: first.id).count == 1)
            let otherChannel = try await store.createTicket(.lightRepair(source: "msg-1", channel: "irc"))
            #expect(otherChannel.id != first.id)
            let noSource = try await store.createTicket(.lightRepair())
            #expect(noSource.id != first.id)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentRetriesOfOneMessageCreateOneTicket(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = try await withThrowingTaskGroup(of: TicketNumber.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.createTicket(.lightRepair(source: "qq-778899")).id }
                }
                return try await group.reduce(into: Set<TicketNumber>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await store.tickets(matching: TicketFilter(limit: nil)).count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aFailingDraftDoesNotFailTheDraftsCommittedWithIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // Drafts naming a conversation that does not exist fail inside the write transaction,
            // among valid drafts sent at the same moment and so likely sharing that transaction.
            let outcomes = await withTaskGroup(of: (Int, Result<Ticket, any Error>).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let draft = TicketDraft.lightRepair(
                            source: "m\(index)", conversationID: index % 3 == 0 ? 424_242 : nil)
                        do { return (index, .success(try await store.createTicket(draft))) }
                        catch { return (index, .failure(error)) }
                    }
                }
                return await group.reduce(into: [Int: Result<Ticket, any Error>]()) { $0[$1.0] = $1.1 }
            }
            for (index, outcome) in outcomes {
                switch outcome {
                case .success(let ticket):
                    #expect(index % 3 != 0)
                    let stored = try await store.ticket(ticket.id)
                    #expect(stored == ticket)
                case .failure(let error):
                    #expect(index % 3 == 0)
                    #expect(error as? DispatchStoreError == .conversationNotFound(424_242))
                }
            }
            let stored = try await store.tickets(matching: TicketFilter(limit: nil))
            #expect(stored.count == 40)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func draftsWithoutSummaryCategoryOrChannelAreRefused(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var drafts = [TicketDraft.lightRepair(summary: " "), .lightRepair(category: ""), .lightRepair(channel: "")]
            drafts.append(.lightRepair(dispatchWithin: -60))
            for draft in drafts {
                await #expect(throws: DispatchStoreError.self) { try await store.createTicket(draft) }
            }
            let stored = try await store.tickets(matching: TicketFilter())
            #expect(stored.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func timeLimitsBecomeDueTimes(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.createTicket(.lightRepair(dispatchWithin: 2 * 3600, resolveWithin: 48 * 3600))
            let dispatchDue = try #require(ticket.dispatchDueAt)
            let resolveDue = try #require(ticket.resolveDueAt)
            #expect(abs(dispatchDue.timeIntervalSince(ticket.createdAt) - 2 * 3600) < 0.01)
            #expect(abs(resolveDue.timeIntervalSince(ticket.createdAt) - 48 * 3600) < 0.01)
            let stored = try #require(try await store.ticket(ticket.id))
            #expect(abs(try #require(stored.dispatchDueAt).timeIntervalSince(dispatchDue)) < 0.01)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func overdueMeansNotDispatchedOrNotResolvedInTime(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let now = Date()
            let hour: TimeInterval = 3600
            _ = try await store.createTicket(.lightRepair(summary: "waiting", dispatchWithin: hour, resolveWithin: 24 * hour))
            let working = try await store.createTicket(.lightRepair(summary: "working", dispatchWithin: hour, resolveWithin: 24 * hour))
            try await store.apply(.dispatch(unitID: "wuye-3"), to: working.id, by: Cast.staff)
            let done = try await store.createTicket(.lightRepair(summary: "done", dispatchWithin: hour, resolveWithin: 24 * hour))
            for (command, actor) in [(TicketCommand.dispatch(unitID: "wuye-3"), Cast.staff), (.accept, Cast.unit),
                                     (.start, Cast.unit), (.resolve(), Cast.unit)] {
                try await store.apply(command, to: done.id, by: actor)
            }
            let cancelled = try await store.createTicket(.lightRepair(summary: "cancelled", dispatchWithin: hour))
            try await store.apply(.cancel(), to: cancelled.id, by: Cast.resident)
            _ = try await store.createTicket(.lightRepair(summary: "no limits"))

            #expect(try await store.overdueTickets(at: now).isEmpty)
            let afterTwoHours = try await store.overdueTickets(at: now + 2 * hour)
            #expect(afterTwoHours.map(\.summary) == ["waiting"])
            #expect(afterTwoHours.first?.overdue(at: now + 2 * hour) == .dispatch)
            let afterTwoDays = try await store.overdueTickets(at: now + 48 * hour)
            #expect(afterTwoDays.map(\.summary) == ["working", "waiting"])
            #expect(try await store.ticket(working.id)?.overdue(at: now + 48 * hour) == .resolve)
            #expect(try await store.ticket(done.id)?.overdue(at: now + 48 * hour) == nil)
        }
    }
}
