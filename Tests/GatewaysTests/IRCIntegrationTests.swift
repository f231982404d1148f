import DispatchStore
import Foundation
import Testing
@testable import Gateways

/// Residents, staff and volunteers as plain socket clients in channels of a real ngircd, with
/// the bot bridged in through ``IRCAdapter`` and ``GatewayService``.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: TestIRCServer.shouldRun, Comment(rawValue: TestIRCServer.skipMessage)))
struct IRCIntegrationTests {
    static let rooms = [RoomConfiguration(id: "#baibuting"), RoomConfiguration(id: "#pickup", mentionRequired: false),
                        RoomConfiguration(id: "#staff", role: .staff), RoomConfiguration(id: "#volunteers", role: .volunteers)]

    /// Starts the bot and waits until it is in the observer's channels.
    static func startBot(port: Int, observer: IRCTestClient) async throws -> RunningGateway {
        let configuration = IRCConfiguration(host: "127.0.0.1", port: port, nick: "minhu", rooms: rooms)
        let gateway = try await RunningGateway(adapter: IRCAdapter(configuration: configuration, logger: testLogger), rooms: rooms)
        for room in observer.channels {
            try await observer.waitFor(timeout: .seconds(60)) {
                $0.command == "JOIN" && $0.sourceNick == "minhu" && $0.parameters.first == room
            }
        }
        return gateway
    }

    /// Answers the bot until it states a ticket number; returns everything it said to `resident`.
    static func converse(_ resident: IRCTestClient, in room: String, opening: String) async throws -> [String] {
        var seen = resident.messages(from: "minhu", to: room).count
        try await resident.say(opening, to: room)
        for _ in 0..<6 {
            let said = try await resident.waitForMessages(from: "minhu", to: room, count: seen + 1)
            // Give the rest of a multi-line reply a moment (one line a second per room).
            try await Task.sleep(for: .milliseconds(1500))
            let reply = resident.messages(from: "minhu", to: room).dropFirst(seen).joined(separator: "\n")
            seen = resident.messages(from: "minhu", to: room).count
            if reply.contains("工单号：") { return resident.messages(from: "minhu", to: room) }
            // Follow-ups need no mention: the bot is waiting for this resident's answer.
            try await resident.say(reply.contains("确认") ? "确认" : "502室", to: room)
            _ = said
        }
        Issue.record("no ticket number after six rounds: \(resident.messages(from: "minhu", to: room))")
        return []
    }

    @Test func aResidentOpensATicketInAChannelAndOthersAreLeftAlone() async throws {
        let server = try await TestIRCServer(channels: ["#baibuting", "#pickup", "#staff", "#volunteers"])
        defer { server.stop() }
        let zhang = try await IRCTestClient(nick: "zhang", port: server.port, joining: ["#baibuting"])
        let li = try await IRCTestClient(nick: "li", port: server.port, joining: ["#baibuting"])
        let wang = try await IRCTestClient(nick: "wang", port: server.port, joining: ["#staff"])
        let gateway = try await Self.startBot(port: server.port, observer: zhang)
        defer { gateway.stop() }

        // Neighbours chatting without a mention: the bot stays out of it.
        try await li.say("今天菜场的白菜又涨价了", to: "#baibuting")
        let said = try await Self.converse(zhang, in: "#baibuting", opening: "minhu: 3栋2单元楼道灯坏了，电话13912345678")
        #expect(said.allSatisfy { $0.hasPrefix("zhang: ") }, "every reply mentions the resident: \(said)")
        #expect(!said.joined().contains("白菜"))
        let tickets = try await gateway.store.tickets(matching: TicketFilter())
        #expect(tickets.count == 1)
        let ticket = try #require(tickets.first)
        #expect(ticket.channel == "irc")
        #expect(said.last?.contains("工单号：\(ticket.id)") == true)
        let conversationID = try #require(ticket.conversationID)
        let conversation = try #require(try await gateway.store.conversation(conversationID))
        #expect(conversation.room == "#baibuting" && conversation.user == "zhang")

        // Another resident's 确认 belongs to their own dialogue, not to zhang's.
        try await li.say("minhu, 确认", to: "#baibuting")
        let toLi = try await li.waitFor(timeout: .seconds(60)) {
            $0.command == "PRIVMSG" && $0.sourceNick == "minhu" && $0.parameters.last?.hasPrefix("li: ") == true
        }
        #expect(toLi.parameters.last?.contains("没有需要您确认") == true)
        #expect(try await gateway.store.tickets(matching: TicketFilter()).count == 1)

        // Staff see the new ticket, with the phone masked.
        let staffLines = try await wang.waitForMessages(from: "minhu", to: "#staff", count: 1)
        #expect(staffLines.first?.contains("【新工单】工单号：\(ticket.id)") == true)
        #expect(!staffLines.joined().contains("13912345678"))
        await zhang.close(); await li.close(); await wang.close()
    }

    @Test func updatesReachTheResidentAndExactlyOneVolunteerWinsAClaim() async throws {
        let server = try await TestIRCServer(channels: ["#baibuting", "#pickup", "#staff", "#volunteers"])
        defer { server.stop() }
        let zhang = try await IRCTestClient(nick: "zhang", port: server.port, joining: ["#pickup"])
        let volunteers = [try await IRCTestClient(nick: "vol_a", port: server.port, joining: ["#volunteers", "#staff"]),
                          try await IRCTestClient(nick: "vol_b", port: server.port, joining: ["#volunteers"])]
        let gateway = try await Self.startBot(port: server.port, observer: volunteers[0])
        defer { gateway.stop() }

        // In a pick-up room a clear request needs no mention; small talk gets no answer.
        try await zhang.say("今天天气真不错", to: "#pickup")
        _ = try await Self.converse(zhang, in: "#pickup", opening: "5栋的电梯坏了好几天了，住在5栋1单元1203，电话13800138000")
        let replies = zhang.messages(from: "minhu", to: "#pickup")
        #expect(!replies.isEmpty && !replies.joined().contains("天气"))
        let ticket = try #require(try await gateway.store.tickets(matching: TicketFilter()).first)

        try await gateway.store.apply(.dispatch(unitID: "志愿服务队"), to: ticket.id, by: .staff("wang"))
        let before = zhang.messages(from: "minhu", to: "#pickup").count
        let update = try await zhang.waitForMessages(from: "minhu", to: "#pickup", count: before + 1)
        #expect(update.last?.contains("已派单") == true)

        let posted = try await volunteers[1].waitForMessages(from: "minhu", to: "#volunteers", count: 1)
        #expect(posted.first?.contains("【可抢单】工单号：\(ticket.id)") == true)
        #expect(!posted.joined().contains("13800138000"))
        // Both claim at once: one wins, the other is told it is taken.
        async let first: Void = volunteers[0].say("抢单 \(ticket.id)", to: "#volunteers")
        async let second: Void = volunteers[1].say("抢单 \(ticket.id)", to: "#volunteers")
        _ = try await (first, second)
        let outcome = try await volunteers[0].waitForMessages(from: "minhu", to: "#volunteers", count: 3)
        let wins = outcome.filter { $0.contains("抢单成功") }
        let taken = outcome.filter { $0.contains("已经被") }
        #expect(wins.count == 1 && taken.count == 1, "\(outcome)")
        let claimed = try #require(try await gateway.store.ticket(ticket.id))
        #expect(claimed.state == .claimed)
        let winner = try #require(volunteers.first { wins.first?.hasPrefix("\($0.nick): ") == true })
        #expect(claimed.assignee == "irc:\(winner.nick)")
        // The winner alone gets the address and phone, privately.
        let details = try await winner.waitForMessages(from: "minhu", to: winner.nick, count: 1)
        #expect(details.joined().contains("13800138000"))
        for client in volunteers { await client.close() }
        await zhang.close()
    }

    @Test func theBotReconnectsAfterTheServerRestartsAndTheDialogueContinues() async throws {
        var server = try await TestIRCServer(channels: ["#baibuting", "#staff"])
        let port = server.port
        var zhang = try await IRCTestClient(nick: "zhang", port: port, joining: ["#baibuting", "#staff"])
        let gateway = try await Self.startBot(port: port, observer: zhang)
        defer { gateway.stop() }
        try await zhang.say("minhu: 7栋3单元下水道堵了，电话13700137000", to: "#baibuting")
        _ = try await zhang.waitForMessages(from: "minhu", to: "#baibuting", count: 1)

        server.stop()
        server = try await TestIRCServer(channels: ["#baibuting", "#staff"], port: port)
        defer { server.stop() }
        zhang = try await IRCTestClient(nick: "zhang", port: port, joining: ["#baibuting", "#staff"])
        // Backoff starts at about a second; the bot logs in again and rejoins. zhang sees it join,
        // or, when the bot was back first, finds it among the channel's names on joining.
        try await zhang.waitFor(timeout: .seconds(60)) { message in
            (message.command == "JOIN" && message.sourceNick == "minhu")
                || (message.command == "353" && message.parameters.dropLast().last == "#baibuting"
                    && message.parameters.last?.split(separator: " ")
                        .contains { $0.trimmingPrefix(while: { "~&@%+".contains($0) }) == "minhu" } == true)
        }
        let said = try await Self.converse(zhang, in: "#baibuting", opening: "minhu: 确认")
        #expect(said.last?.contains("工单号：") == true)
        #expect(try await gateway.store.tickets(matching: TicketFilter()).count == 1)
        await zhang.close()
    }

    @Test func aTakenNickGetsAnUnderscoreAndMentionsOfThatNickWork() async throws {
        let server = try await TestIRCServer(channels: ["#baibuting", "#staff"])
        defer { server.stop() }
        let squatter = try await IRCTestClient(nick: "minhu", port: server.port, joining: ["#baibuting"])
        let zhang = try await IRCTestClient(nick: "zhang", port: server.port, joining: ["#baibuting"])
        let configuration = IRCConfiguration(host: "127.0.0.1", port: server.port, nick: "minhu", rooms: Self.rooms)
        let gateway = try await RunningGateway(adapter: IRCAdapter(configuration: configuration, logger: testLogger), rooms: Self.rooms)
        defer { gateway.stop() }
        try await zhang.waitFor(timeout: .seconds(60)) { $0.command == "JOIN" && $0.sourceNick == "minhu_" }
        try await zhang.say("minhu_: 你好", to: "#baibuting")
        let reply = try await zhang.waitForMessages(from: "minhu_", to: "#baibuting", count: 1)
        #expect(reply.first?.hasPrefix("zhang: ") == true)
        await squatter.close(); await zhang.close()
    }
}
