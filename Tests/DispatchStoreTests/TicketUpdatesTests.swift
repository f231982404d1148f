import DispatchStore
import Foundation
import Testing

/// The update feed the line server pushes to residents from: polling on SQLite, notifications
/// on PostgreSQL, the same promise on both.
@Suite struct TicketUpdatesTests {
    @Test(arguments: StoreBackend.allCases)
    func aWorkflowStepAfterTheFeedStartsIsReported(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.createTicket(.lightRepair())
            let updates = store.ticketUpdates(every: .milliseconds(100)) { error in Issue.record("\(error)") }
            let dispatched = try await store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: Cast.staff)
            let seen = try await Self.first(in: updates, within: .seconds(10)) { $0.id == ticket.id && $0.state == .dispatched }
            #expect(seen == dispatched)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aNoteIsReportedWithTheTicketAsItStands(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .accepted)
            let updates = store.ticketUpdates(every: .milliseconds(100)) { error in Issue.record("\(error)") }
            try await Task.sleep(for: .milliseconds(20))
            let note = try await store.addNote("师傅下午到", to: ticket.id, by: Cast.unit, visibility: .public)
            let seen = try await Self.first(in: updates, within: .seconds(10)) { $0.id == ticket.id && $0.updatedAt >= note.at }
            #expect(seen?.state == .accepted)
        }
    }

    /// The first reported ticket matching `predicate`, or nil when none comes in time.
    static func first(
        in updates: TicketUpdates, within limit: Duration, where predicate: @escaping @Sendable (Ticket) -> Bool
    ) async throws -> Ticket? {
        let search = Task { () async throws -> Ticket? in
            for try await batch in updates {
                if let match = batch.first(where: predicate) { return match }
            }
            return nil
        }
        let timer = Task {
            try await Task.sleep(for: limit)
            search.cancel()
        }
        defer { timer.cancel() }
        return try await search.value
    }
}
