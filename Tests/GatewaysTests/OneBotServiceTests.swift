import Dialogue
import DispatchStore
import Foundation
import Logging
import Testing
import Understanding
@testable import Gateways

enum OneBotServiceFixture {

    /// A gateway service over a reverse-mode adapter on a free port and an in-memory store,
    /// running until `body` ends.
    static func withService(policy: RoomPolicy = RoomPolicy(rooms: []),
                            _ body: (_ port: Int, _ store: any DispatchStore, _ service: GatewayService) async throws -> Void)
        async throws {
        let interpreter = await trainedInterpreter()
        let store = try SQLiteDispatchStore.inMemory()
        let configuration = OneBotConfiguration(mode: .reverse, listenHost: "127.0.0.1", listenPort: 0, actionTimeout: 60,
                                                sendInterval: 0)
        let adapter = OneBotAdapter(configuration: configuration, accessToken: "s3cret", logger: Logger(label: "test"))
        let port = try #require(try await adapter.listeningPort())
        let service = GatewayService(adapter: adapter, policy: policy,
                                     engine: ConversationEngine(interpreter: interpreter, store: store),
                                     interpreter: interpreter, store: store, logger: Logger(label: "test"))
        let running = Task { try await service.run() }
        defer { running.cancel() }
        do {
            try await body(port, store, service)
        } catch {
            running.cancel()
            await adapter.shutdown()
            throw error
        }
        running.cancel()
        await adapter.shutdown()
    }
}

extension FakeOneBotPeer {
    /// The text of a `send_group_msg` / `send_private_msg` action, without the mention.
    static func replyText(_ action: [String: Any]) -> String {
        let segments = (action["params"] as? [String: Any])?["message"] as? [[String: Any]] ?? []
        return segments.compactMap { ($0["data"] as? [String: Any])?["text"] as? String }.joined()
    }

    /// Answers the bot's actions like QQ does (ok, with a fresh message id) until one of them
    /// says `words`; returns them all.
    func answerActions(until words: String, timeout: Duration = .seconds(60)) async throws -> [[String: Any]] {
        var actions: [[String: Any]] = []
        while let action = await nextAction(timeout: timeout) {
            actions.append(action)
            try await respond(to: action, data: ["message_id": 90_000 + actions.count])
            if Self.replyText(action).contains(words) { return actions }
        }
        Issue.record("no reply said \(words); got \(actions.map(Self.replyText))")
        return actions
    }
}

@Suite(.serialized) struct OneBotServiceTests {
    typealias Spec = OneBotEventTests

    @Test func aRepairRequestInAGroupBecomesATicketThroughARedeliveryAndAReconnect() async throws {
        try await OneBotServiceFixture.withService { port, store, _ in
            var peer = try await FakeOneBotPeer.connect(port: port, token: "s3cret")
            let request = Spec.groupEvent([Spec.at("10001000"), Spec.text(" 3栋2单元501室楼道灯坏了，电话13912345678")],
                                          messageID: 1001, userID: 20002000, card: "张阿姨")
            try await peer.send(request)
            let question = try await peer.answerActions(until: "确认")
            for action in question {
                #expect(action["action"] as? String == "send_group_msg")
                let params = try #require(action["params"] as? [String: Any])
                #expect(params["group_id"] as? Int == 123456789)
                let first = try #require((params["message"] as? [[String: Any]])?.first)
                #expect(first["type"] as? String == "at")
                #expect((first["data"] as? [String: Any])?["qq"] as? String == "20002000")
            }

            // The QQ client drops the connection, comes back, and replays the request.
            await peer.close()
            peer = try await FakeOneBotPeer.connect(port: port, token: "s3cret")
            try await peer.send(request)
            // The resident answers the question without mentioning the bot.
            try await peer.send(Spec.groupEvent([Spec.text("确认")], messageID: 1002, userID: 20002000, card: "张阿姨"))
            let created = try await peer.answerActions(until: "工单号")
            let questionTexts = Set(question.map(FakeOneBotPeer.replyText))
            #expect(created.allSatisfy { !questionTexts.contains(FakeOneBotPeer.replyText($0)) },
                    "the redelivered request was answered again")

            let tickets = try await store.tickets(matching: TicketFilter())
            #expect(tickets.map(\.address) == ["3栋2单元501室"])
            let transcript = try await store.transcript(of: try #require(tickets.first?.conversationID))
            #expect(transcript.filter { $0.direction == .inbound }.count == 2)
            await peer.close()
        }
    }

    @Test func aReplyBlockedByRiskControlIsReportedToTheStaffRoom() async throws {
        let policy = RoomPolicy(rooms: [RoomConfiguration(id: "987654321", role: .staff)])
        try await OneBotServiceFixture.withService(policy: policy) { port, _, _ in
            let peer = try await FakeOneBotPeer.connect(port: port, token: "s3cret")
            try await peer.send(Spec.groupEvent([Spec.at("10001000"), Spec.text(" 你好")], messageID: 2001,
                                                userID: 20002000))
            let reply = try #require(await peer.nextAction(timeout: .seconds(30)))
            try await peer.respond(to: reply, status: "failed", retcode: 100, wording: "发送失败，请尝试发送其他消息")
            var staffPost: [String: Any]?
            while staffPost == nil, let action = await peer.nextAction(timeout: .seconds(30)) {
                try await peer.respond(to: action, data: ["message_id": 1])
                let group = (action["params"] as? [String: Any])?["group_id"] as? Int
                if group == 987654321 { staffPost = action }
            }
            let text = FakeOneBotPeer.replyText(try #require(staffPost))
            #expect(text.contains("风控") && text.contains("123456789"))
            await peer.close()
        }
    }
}
