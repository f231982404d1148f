import DispatchStore
import Foundation
import Testing
@testable import Gateways

/// What a chat-group member can reach through a gateway: their own tickets, never another
/// member's (not even in the same group), and nothing meant for staff or volunteers.
@Suite(.serialized) struct GatewayAccessTests {
    static let rooms = [RoomConfiguration(id: "g1"), RoomConfiguration(id: "staff", role: .staff),
                        RoomConfiguration(id: "vol", role: .volunteers)]

    @Test func aGroupMemberReachesNoOtherMembersTicketAndNothingStaffOnly() async throws {
        let adapter = FakeAdapter(minimumSendInterval: .milliseconds(1))
        let gateway = try await RunningGateway(adapter: adapter, rooms: Self.rooms)
        defer { gateway.stop() }
        #expect(try await eventually { adapter.currentEvents.withLock { $0 != nil } })

        // Alice files a repair in the residents' group.
        try await adapter.say("3栋2单元501室厨房水管漏水，电话13912345678", user: "alice", id: "a1")
        #expect(try await eventually { Self.sent(adapter, to: "alice").contains { $0.contains("确认") } })
        try await adapter.say("确认", user: "alice", id: "a2")
        #expect(try await eventually { Self.sent(adapter, to: "alice").contains { $0.contains("工单号：") } })
        let ticket = try #require(try await gateway.store.tickets(matching: TicketFilter()).first)

        // Mallory, in the same group and in a private chat, asks every way she can think of.
        let attempts = ["我的工单到哪一步了", "查一下\(ticket.id)", "\(ticket.id)进度", "工单号\(ticket.id)处理了吗",
                        "抢单 \(ticket.id)", "/show \(ticket.id)", "/tickets", "/resolve \(ticket.id)", "/reveal-pii",
                        "我电话13912345678，查一下进度", "5分"]
        var index = 0
        for room in [GatewayRoom.group("g1"), .direct(user: "mallory")] {
            for text in attempts {
                index += 1
                try await adapter.say(text, user: "mallory", room: room, id: "m\(index)")
            }
        }
        #expect(try await eventually { Self.sent(adapter, to: "mallory").count >= 2 * attempts.count })

        for reply in Self.sent(adapter, to: "mallory") {
            #expect(!reply.contains("水管") && !reply.contains("501") && !reply.contains("已登记"), "\(reply)")
        }
        // Only Alice's own reply and staff see the ticket; nothing changed it.
        let stored = try #require(try await gateway.store.ticket(ticket.id))
        #expect(stored.state == .submitted && stored.assignee == nil && stored.rating == nil)
        #expect(try await gateway.store.events(of: ticket.id).map(\.action) == [.submit])
        let notices = { adapter.sent.withLock { $0.map(\.1) }.filter { $0.text.contains("【新工单】") } }
        #expect(try await eventually { !notices().isEmpty })
        let staffNotices = notices()
        #expect(staffNotices.allSatisfy { $0.room == .group("staff") })
        #expect(staffNotices.allSatisfy { !$0.text.contains("13912345678") })
    }

    /// Texts sent to `user` (mentioned in a group, or in their private chat).
    static func sent(_ adapter: FakeAdapter, to user: String) -> [String] {
        adapter.sent.withLock { $0.map(\.1) }.filter { $0.mention?.user == user || $0.room == .direct(user: user) }
            .map(\.text)
    }
}
