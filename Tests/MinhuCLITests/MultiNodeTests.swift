import DispatchStore
import DispatchStorePostgres
import Foundation
import MinhuTestSupport
import Testing

/// Several `minhu serve` nodes (the built binary) on one PostgreSQL database, as behind a TCP
/// load balancer: a resident may land on any node, and staff work from the CLI.
@Suite(.serialized) struct MultiNodeTests {
    @Test func aConversationStartedOnOneNodeIsFinishedOnAnotherAndStaffUpdatesReachItThere() async throws {
        try await TestPostgres.withStore { store in
            try await store.saveUnit(ServiceUnit(id: "wuye-3", name: "3栋物业", kind: .propertyManagement, categories: ["repair"]))
            let url = try TestPostgres.url(schema: store.configuration.schema)
            async let startingA = ServeNode.start(db: url)
            async let startingB = ServeNode.start(db: url)
            let (nodeA, nodeB) = try await (startingA, startingB)
            defer {
                nodeA.stop()
                nodeB.stop()
            }

            // Node A: the request; the bot reads it back and asks for confirmation.
            let onA = try await LineTestClient(port: nodeA.port)
            let code = try #require(Self.sessionCode(in: try await onA.readReply()))
            try await onA.send("3栋2单元501室楼道灯坏了，电话13912345678")
            #expect(try await onA.readReply().contains("没问题请回复“确认”"))
            await onA.close()

            // Node B: the resident comes back with the code and confirms.
            let onB = try await LineTestClient(port: nodeB.port)
            _ = try await onB.readReply()
            try await onB.send("/resume \(code)")
            #expect(try await onB.readReply().contains("接着刚才的话说"))
            try await onB.send("确认")
            let confirmation = try await onB.readReply()
            let number = try #require(ticketNumber(in: confirmation), "\(confirmation)")
            let ticket = try #require(try await store.ticket(number))
            #expect(ticket.contactPhone == "13912345678")
            #expect(ticket.address == "3栋2单元501室")
            #expect(ticket.channel == "line")

            // Staff dispatch from the CLI: the resident's live connection on node B hears of it.
            let dispatch = try runMinhu(
                ["tickets", "dispatch", number.description, "--unit", "wuye-3", "--actor", "wangfang", "--db", url]
                    + intentsOption)
            #expect(dispatch.exitCode == 0, "\(dispatch.stderr)")
            let update = try await onB.readReply(timeout: .seconds(15))
            #expect(update.contains("工单进度更新"), "\(update)")
            #expect(update.contains(number.description), "\(update)")
            await onB.close()
        }
    }

    @Test func ofVolunteersClaimingFromSeparateProcessesExactlyOneWins() async throws {
        try await TestPostgres.withStore { store in
            let ticket = try await store.createTicket(TicketDraft(
                category: "repair", summary: "3栋2单元楼道灯不亮", channel: "cli", submittedBy: .staff("wangfang")))
            try await store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
            for index in 0..<8 {
                try await store.saveUnit(ServiceUnit(id: "vol-\(index)", name: "志愿者\(index)", kind: .volunteer, categories: ["repair"]))
            }
            let url = try TestPostgres.url(schema: store.configuration.schema)
            // Separate processes, each with its own connections: as far apart as two nodes.
            let outputs = try await withThrowingTaskGroup(of: (String, CommandOutput).self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let volunteer = "vol-\(index)"
                        return (volunteer, try runMinhu(
                            ["tickets", "claim", ticket.id.description, "--by", volunteer, "--actor", volunteer, "--db", url]))
                    }
                }
                return try await group.reduce(into: [(String, CommandOutput)]()) { $0.append($1) }
            }
            let winners = outputs.filter { $0.1.exitCode == 0 }.map(\.0)
            try #require(winners.count == 1, "\(outputs.map { ($0.0, $0.1.exitCode, $0.1.stderr) })")
            let stored = try #require(try await store.ticket(ticket.id))
            #expect(stored.state == .claimed)
            #expect(stored.assignee == winners[0])
            #expect(try await store.events(of: ticket.id).filter { $0.action == .claim }.map(\.actorID) == winners)
        }
    }

    static func sessionCode(in greeting: String) -> String? {
        guard let range = greeting.range(of: "/resume ") else { return nil }
        return String(greeting[range.upperBound...].prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" }))
    }
}
