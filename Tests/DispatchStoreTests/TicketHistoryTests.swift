import DispatchStore
import Foundation
import Testing

/// The append-only history and what each step does to the ticket besides its state.
@Suite struct TicketHistoryTests {
    private struct Entry: Equatable, CustomStringConvertible {
        var sequence: Int, action: TicketAction, from: TicketState?, to: TicketState?
        var actor: ActorRef, unit: String?, reason: String?, visibility: EventVisibility

        init(_ sequence: Int, _ action: TicketAction, _ from: TicketState?, _ to: TicketState?, _ actor: ActorRef,
             unit: String? = nil, reason: String? = nil, _ visibility: EventVisibility = .public) {
            (self.sequence, self.action, self.from, self.to, self.actor) = (sequence, action, from, to, actor)
            (self.unit, self.reason, self.visibility) = (unit, reason, visibility)
        }

        init(_ event: TicketEvent) {
            self.init(event.sequence, event.action, event.fromState, event.toState, event.actor,
                      unit: event.unitID, reason: event.reason, event.visibility)
        }

        var description: String { "#\(sequence) \(action) \(from?.rawValue ?? "-")→\(to?.rawValue ?? "-") by \(actor)" }
    }

    @Test(arguments: StoreBackend.allCases)
    func historyRecordsEveryStepInOrderWithWhoAndWhy(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let id = try await store.createTicket(.lightRepair()).id
            let chengguan = ActorRef.unit("chengguan")
            try await store.apply(.dispatch(unitID: "chengguan"), to: id, by: Cast.staff)
            try await store.apply(.sendBack(reason: "楼道灯归物业管"), to: id, by: chengguan)
            try await store.apply(.dispatch(unitID: "wuye-3"), to: id, by: Cast.staff)
            try await store.apply(.accept, to: id, by: Cast.unit)
            try await store.addNote("住户白天不在家，晚上六点后上门", to: id, by: Cast.unit, visibility: .internal)
            try await store.apply(.start, to: id, by: Cast.unit)
            try await store.apply(.resolve(note: "换了灯泡"), to: id, by: Cast.unit)
            try await store.apply(.verify, to: id, by: Cast.staff)
            try await store.apply(.close(rating: 2, comment: "修得太慢"), to: id, by: Cast.resident)
            try await store.apply(.reopen(reason: "灯又不亮了"), to: id, by: Cast.resident)
            try await store.apply(.claim, to: id, by: Cast.volunteer)

            let history = try await store.events(of: id).map(Entry.init)
            #expect(history == [
                Entry(1, .submit, nil, .submitted, Cast.resident),
                Entry(2, .dispatch, .submitted, .dispatched, Cast.staff, unit: "chengguan"),
                Entry(3, .sendBack, .dispatched, .submitted, chengguan, unit: "chengguan", reason: "楼道灯归物业管"),
                Entry(4, .dispatch, .submitted, .dispatched, Cast.staff, unit: "wuye-3"),
                Entry(5, .accept, .dispatched, .accepted, Cast.unit, unit: "wuye-3"),
                Entry(6, .note, nil, nil, Cast.unit, reason: "住户白天不在家，晚上六点后上门", .internal),
                Entry(7, .start, .accepted, .inProgress, Cast.unit, unit: "wuye-3"),
                Entry(8, .resolve, .inProgress, .resolved, Cast.unit, unit: "wuye-3", reason: "换了灯泡"),
                Entry(9, .verify, .resolved, .verified, Cast.staff, unit: "wuye-3"),
                Entry(10, .close, .verified, .closed, Cast.resident, unit: "wuye-3", reason: "修得太慢"),
                Entry(11, .reopen, .closed, .dispatched, Cast.resident, unit: "wuye-3", reason: "灯又不亮了"),
                Entry(12, .claim, .dispatched, .claimed, Cast.volunteer, unit: "wuye-3"),
            ])
            let events = try await store.events(of: id)
            #expect(events.map(\.at) == events.map(\.at).sorted())

            let ticket = try #require(try await store.ticket(id))
            #expect(ticket.state == .claimed)
            #expect(ticket.reopenCount == 1)
            #expect(ticket.assignee == Cast.volunteer.id)
            #expect(ticket.unitID == "wuye-3")
            #expect(ticket.rating == nil, "a reopened ticket waits for a new rating")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func closingRecordsTheResidentsRating(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .verified)
            let closed = try await store.apply(.close(rating: 4, comment: "挺快的"), to: ticket.id, by: Cast.resident)
            #expect(closed.rating == 4)
            #expect(closed.ratingComment == "挺快的")
            #expect(try await store.ticket(ticket.id)?.rating == 4)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func sendingBackClearsTheUnitSoStaffDispatchAgain(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .dispatched)
            let returned = try await store.apply(.sendBack(reason: "不归我们管"), to: ticket.id, by: Cast.unit)
            #expect(returned.state == .submitted)
            #expect(returned.unitID == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func sendingBackWithoutAReasonWritesNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .dispatched)
            await #expect(throws: DispatchStoreError.reasonRequired(.sendBack)) {
                try await store.apply(.sendBack(reason: ""), to: ticket.id, by: Cast.unit)
            }
            #expect(try await store.ticket(ticket.id) == ticket)
            #expect(try await store.events(of: ticket.id).count == 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func mergingPointsTheDuplicateAtItsOriginal(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let original = try await store.createTicket(.lightRepair())
            let duplicate = try await store.createTicket(.lightRepair(summary: "楼道灯又报了一次"))
            let merged = try await store.apply(.merge(into: original.id), to: duplicate.id, by: Cast.staff)
            #expect(merged.state == .merged)
            #expect(merged.duplicateOf == original.id)
            #expect(try await store.events(of: duplicate.id).last?.reason == "merged into \(original.id)")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aTicketCannotBeMergedIntoItselfOrAMissingOrMergedTicket(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.createTicket(.lightRepair())
            let merged = try await store.ticket(in: .merged)
            for target in [ticket.id, TicketNumber(9999), merged.id] {
                await #expect(throws: DispatchStoreError.invalidMergeTarget(ticket: ticket.id, target: target)) {
                    try await store.apply(.merge(into: target), to: ticket.id, by: Cast.staff)
                }
            }
            #expect(try await store.ticket(ticket.id) == ticket)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func dispatchingToABlankUnitIsRefused(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.createTicket(.lightRepair())
            await #expect(throws: DispatchStoreError.self) {
                try await store.apply(.dispatch(unitID: " "), to: ticket.id, by: Cast.staff)
            }
            #expect(try await store.events(of: ticket.id).count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func actingOnAMissingTicketSaysItIsNotFound(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: DispatchStoreError.ticketNotFound(TicketNumber(42))) {
                try await store.apply(.dispatch(unitID: "wuye-3"), to: TicketNumber(42), by: Cast.staff)
            }
            await #expect(throws: DispatchStoreError.ticketNotFound(TicketNumber(42))) {
                try await store.addNote("hello", to: TicketNumber(42), by: Cast.staff, visibility: .public)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func notesKeepTheStateAndNeedText(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .accepted)
            let note = try await store.addNote("已电话联系住户", to: ticket.id, by: Cast.staff, visibility: .public)
            #expect(note.sequence == 4)
            #expect(note.action == .note)
            #expect(try await store.ticket(ticket.id)?.state == .accepted)
            await #expect(throws: DispatchStoreError.self) {
                try await store.addNote("   ", to: ticket.id, by: Cast.staff, visibility: .internal)
            }
            #expect(try await store.events(of: ticket.id).count == 4)
        }
    }
}
