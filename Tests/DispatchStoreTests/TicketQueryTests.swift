import DispatchStore
import Foundation
import Testing

/// The lists and counts the staff CLI shows.
@Suite struct TicketQueryTests {
    /// Three tickets: a repair dispatched to wuye-3, a noise complaint, a health consultation.
    private func seed(_ store: any DispatchStore) async throws -> (repair: Ticket, noise: Ticket, health: Ticket) {
        let repair = try await store.createTicket(.lightRepair(phone: "13800000001", summary: "楼道灯不亮"))
        try await store.apply(.dispatch(unitID: "wuye-3"), to: repair.id, by: Cast.staff)
        let noise = try await store.createTicket(.lightRepair(
            phone: "13800000002", summary: "楼下广场舞太吵", details: "每晚十点后还在跳，100% 影响休息",
            category: "complaint"))
        let health = try await store.createTicket(.lightRepair(
            phone: "13800000001", summary: "血压高想请医生上门", details: "", category: "health"))
        return (repair, noise, health)
    }

    @Test(arguments: StoreBackend.allCases)
    func listsAreNewestFirstAndLimited(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (repair, noise, health) = try await seed(store)
            #expect(try await store.tickets(matching: TicketFilter()).map(\.id) == [health.id, noise.id, repair.id])
            #expect(try await store.tickets(matching: TicketFilter(limit: 2)).map(\.id) == [health.id, noise.id])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func filtersNarrowByStateCategoryUnitPhoneAndText(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (repair, noise, health) = try await seed(store)
            func ids(_ filter: TicketFilter) async throws -> [TicketNumber] {
                try await store.tickets(matching: filter).map(\.id)
            }
            #expect(try await ids(TicketFilter(states: [.dispatched])) == [repair.id])
            #expect(try await ids(TicketFilter(states: [.submitted, .dispatched])) == [health.id, noise.id, repair.id])
            #expect(try await ids(TicketFilter(category: "complaint")) == [noise.id])
            #expect(try await ids(TicketFilter(unitID: "wuye-3")) == [repair.id])
            #expect(try await store.tickets(forPhone: "13800000001").map(\.id) == [health.id, repair.id])
            #expect(try await ids(TicketFilter(text: "广场舞")) == [noise.id])
            #expect(try await ids(TicketFilter(text: "十点后")) == [noise.id], "searches details too")
            #expect(try await ids(TicketFilter(text: "100%")) == [noise.id], "% is literal")
            #expect(try await ids(TicketFilter(text: "0%")) == [noise.id])
            #expect(try await ids(TicketFilter(text: "%")) == [noise.id])
            #expect(try await ids(TicketFilter(category: "repair", text: "广场舞")).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func sinceKeepsOnlyTicketsCreatedFromThen(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let old = try await store.createTicket(.lightRepair(summary: "old"))
            try await Task.sleep(for: .milliseconds(20))
            let cutoff = Date()
            let new = try await store.createTicket(.lightRepair(summary: "new"))
            #expect(try await store.tickets(matching: TicketFilter(since: cutoff)).map(\.id) == [new.id])
            #expect(try await store.tickets(matching: TicketFilter(since: cutoff - 3600)).map(\.id) == [new.id, old.id])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func ticketsOfAConversationAreFoundFromIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let conversation = try await store.openConversation(channel: "line", room: "", user: "zhang")
            let mine = try await store.createTicket(.lightRepair(conversationID: conversation.id))
            _ = try await store.createTicket(.lightRepair())
            #expect(try await store.tickets(forConversation: conversation.id).map(\.id) == [mine.id])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func statsCountByStateCategoryAndUnitAndTimeTheSteps(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await seed(store)
            let closed = try await store.ticket(in: .closed)  // rated 5 on the way
            let verified = try await store.ticket(in: .verified)
            try await store.apply(.close(rating: 2), to: verified.id, by: Cast.resident)

            let stats = try await store.stats(since: nil)
            #expect(stats.total == 5)
            #expect(stats.byState == [.submitted: 2, .dispatched: 1, .closed: 2])
            #expect(stats.byCategory == ["repair": 3, "complaint": 1, "health": 1])
            #expect(stats.byUnit == ["wuye-3": 3])
            #expect(stats.ratedCount == 2)
            #expect(stats.averageRating == 3.5)
            let timings = Dictionary(uniqueKeysWithValues: stats.stepTimings.map { ("\($0.from)→\($0.to)", $0) })
            #expect(timings["submit→dispatch"]?.count == 3)
            #expect(timings["dispatch→accept"]?.count == 2)
            #expect(timings["dispatch→claim"]?.count == 0)
            #expect(timings["dispatch→claim"]?.averageSeconds == nil)
            #expect(timings["submit→close"]?.count == 2)
            let average = try #require(timings["submit→close"]?.averageSeconds)
            #expect(average >= 0 && average < 60)
            #expect(closed.rating == 5)

            #expect(try await store.stats(since: Date() + 60).total == 0)
        }
    }
}
