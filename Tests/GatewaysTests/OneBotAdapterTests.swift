import Foundation
import Logging
import Synchronization
import Testing
@testable import Gateways

/// What the adapter hands to the core, recorded for a test.
final class OneBotEventRecorder: Sendable {
    let messages = OneBotTestQueue<InboundMessage>()
    let activity = OneBotTestQueue<Int>()

    var events: GatewayEvents {
        GatewayEvents(onMessage: { self.messages.push($0) }, onActivity: { self.activity.push(1) })
    }
}

/// A reverse-mode adapter on a free port, shut down after `body`.
func withReverseOneBotAdapter(token: String? = "s3cret", actionTimeout: Double = 60, heartbeatInterval: Double = 30,
                        _ body: (OneBotAdapter, Int) async throws -> Void) async throws {
    let configuration = OneBotConfiguration(mode: .reverse, listenHost: "127.0.0.1", listenPort: 0,
                                            heartbeatInterval: heartbeatInterval, actionTimeout: actionTimeout,
                                            sendInterval: 0.01)
    let adapter = OneBotAdapter(configuration: configuration, accessToken: token, logger: Logger(label: "test"))
    let port = try #require(try await adapter.listeningPort())
    do {
        try await body(adapter, port)
    } catch {
        await adapter.shutdown()
        throw error
    }
    await adapter.shutdown()
}

/// Connects a fake QQ client and returns it with the link the adapter made of it.
func linkFakeClient(_ adapter: OneBotAdapter, port: Int, recorder: OneBotEventRecorder, token: String? = "s3cret")
    async throws -> (FakeOneBotPeer, any GatewayLink) {
    async let linked = adapter.connect(events: recorder.events)
    let peer = try await FakeOneBotPeer.connect(port: port, token: token)
    return (peer, try await linked)
}

@Suite struct OneBotAdapterTests {
    typealias Spec = OneBotEventTests

    @Test func aGroupMessageWithAnAtReachesTheCoreAddressedAndOneWithoutDoesNot() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (peer, link) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            #expect(link.selfID == "10001000")
            try await peer.send(Spec.groupEvent([Spec.at("10001000"), Spec.text(" 3栋楼道灯坏了")], messageID: 1))
            let addressed = try #require(await recorder.messages.next())
            #expect(addressed == InboundMessage(platform: "onebot", selfID: "10001000", room: .group("123456789"),
                                               user: "123456789", displayName: "群名片", messageID: "1",
                                               text: "3栋楼道灯坏了", isAddressedToBot: true))
            try await peer.send(Spec.groupEvent([Spec.text("今天谁在家")], messageID: 2))
            let chatter = try #require(await recorder.messages.next())
            #expect(chatter.messageID == "2" && !chatter.isAddressedToBot)
            await link.close()
        }
    }

    @Test func aHeartbeatCountsAsActivity() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (peer, link) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            while await recorder.activity.next(timeout: .milliseconds(200)) != nil {}
            try await peer.send(Spec.json(["time": 1, "self_id": 10001000, "post_type": "meta_event",
                                           "meta_event_type": "heartbeat", "status": ["online": true],
                                           "interval": 15000]))
            #expect(await recorder.activity.next() != nil)
            #expect(await recorder.messages.next(timeout: .milliseconds(300)) == nil)
            await link.close()
        }
    }

    @Test func aQuietClientIsPingedAndItsPongsCountAsActivity() async throws {
        try await withReverseOneBotAdapter(heartbeatInterval: 0.2) { adapter, port in
            let recorder = OneBotEventRecorder()
            let (_, link) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            // The fake client sends nothing of its own: only its answers to the adapter's pings.
            #expect(await recorder.activity.next(timeout: .seconds(60)) != nil)
            #expect(await recorder.activity.next(timeout: .seconds(60)) != nil)
            await link.close()
        }
    }

    @Test func aWrongOrMissingTokenIsClosedWith1008AndTheQueryTokenIsAccepted() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            async let linked = adapter.connect(events: recorder.events)
            let wrong = try await FakeOneBotPeer.connect(port: port, token: "guess")
            #expect(await wrong.closeCode() == 1008)
            let missing = try await FakeOneBotPeer.connect(port: port, token: nil)
            #expect(await missing.closeCode() == 1008)
            let viaQuery = try await FakeOneBotPeer.connect(port: port, path: "/onebot/v11/ws?access_token=s3cret", token: nil)
            let link = try await linked
            try await viaQuery.send(Spec.groupEvent([Spec.at("10001000"), Spec.text("你好")]))
            #expect(await recorder.messages.next()?.text == "你好")
            await link.close()
            #expect(await viaQuery.closeCode() == 1000)
        }
    }

    @Test func aSplitAPIOrEventClientIsRefusedWith1008() async throws {
        try await withReverseOneBotAdapter { _, port in
            let api = try await FakeOneBotPeer.connect(port: port, token: "s3cret", role: "API")
            #expect(await api.closeCode() == 1008)
        }
    }

    @Test func aTakenPortIsTriedAgainOnTheNextConnect() async throws {
        try await withReverseOneBotAdapter { first, port in
            let configuration = OneBotConfiguration(mode: .reverse, listenHost: "127.0.0.1", listenPort: port)
            let second = OneBotAdapter(configuration: configuration, accessToken: nil, logger: Logger(label: "test"))
            await #expect(throws: (any Error).self) { _ = try await second.listeningPort() }
            await first.shutdown()
            let rebound = try await second.listeningPort()
            #expect(rebound == port)
            await second.shutdown()
        }
    }

    @Test func answersAreMatchedByEchoInWhateverOrderTheyComeAndRefusalsAreTold() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let (peer, link) = try await linkFakeClient(adapter, port: port, recorder: OneBotEventRecorder())
            let mention = OutboundMessage.Mention(user: "123456789", displayName: "群名片")
            let first = Task { try await link.send(OutboundMessage(room: .group("111"), mention: mention, text: "一")) }
            let firstAction = try #require(await peer.nextAction())
            let second = Task { try await link.send(OutboundMessage(room: .group("222"), mention: mention, text: "二")) }
            let secondAction = try #require(await peer.nextAction())
            let third = Task { try await link.send(OutboundMessage(room: .direct(user: "123456789"), mention: nil, text: "三")) }
            let thirdAction = try #require(await peer.nextAction())
            #expect(firstAction["action"] as? String == "send_group_msg")
            let params = try #require(firstAction["params"] as? [String: Any])
            #expect(params["group_id"] as? Int == 111)
            let segments = try #require(params["message"] as? [[String: Any]])
            #expect(segments.map { $0["type"] as? String } == ["at", "text"])
            #expect((segments[0]["data"] as? [String: Any])?["qq"] as? String == "123456789")
            #expect((segments[1]["data"] as? [String: Any])?["text"] as? String == " 一")
            #expect(thirdAction["action"] as? String == "send_private_msg")
            let echoes = [firstAction, secondAction, thirdAction].compactMap { $0["echo"] as? String }
            #expect(Set(echoes).count == 3)
            // Answered last first: each answer still finds its own action.
            try await peer.respond(to: thirdAction, status: "failed", retcode: 1404, wording: "好友不存在")
            try await peer.respond(to: secondAction, data: ["message_id": 2002])
            try await peer.respond(to: firstAction, status: "failed", retcode: 100, wording: "消息被风控")
            await #expect(throws: GatewaySendError.rejected(code: 1404, detail: "好友不存在")) { try await third.value }
            try await second.value
            await #expect(throws: GatewaySendError.riskControl(detail: "消息被风控")) { try await first.value }
            await link.close()
        }
    }

    @Test func anUnansweredActionTimesOut() async throws {
        try await withReverseOneBotAdapter(actionTimeout: 0.3) { adapter, port in
            let (peer, link) = try await linkFakeClient(adapter, port: port, recorder: OneBotEventRecorder())
            let started = ContinuousClock.now
            await #expect(throws: GatewaySendError.timedOut) {
                try await link.send(OutboundMessage(room: .group("111"), mention: nil, text: "有人吗"))
            }
            #expect(ContinuousClock.now - started >= .milliseconds(300), "it waited for the answer before giving up")
            #expect(await peer.nextAction() != nil)
            await link.close()
        }
    }

    @Test func aReplyQuotingTheBotsOwnMessageIsAddressedEvenAfterAReconnect() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (first, firstLink) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            let sent = Task { try await firstLink.send(OutboundMessage(room: .group("123456789"), mention: nil, text: "请问地址？")) }
            try await first.respond(to: try #require(await first.nextAction()), data: ["message_id": 5555])
            try await sent.value
            let quote: [String: Any] = ["type": "reply", "data": ["id": "5555"]]
            try await first.send(Spec.groupEvent([quote, Spec.text("3栋2单元")], messageID: 7))
            #expect(await recorder.messages.next()?.isAddressedToBot == true)
            // QQ message ids outlive the client's reconnect.
            await first.close()
            await firstLink.waitUntilClosed()
            let (second, secondLink) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            try await second.send(Spec.groupEvent([quote, Spec.text("501室")], messageID: 8))
            #expect(await recorder.messages.next()?.isAddressedToBot == true)
            let otherQuote: [String: Any] = ["type": "reply", "data": ["id": "4444"]]
            try await second.send(Spec.groupEvent([otherQuote, Spec.text("我也是")], messageID: 9))
            #expect(await recorder.messages.next()?.isAddressedToBot == false)
            await secondLink.close()
        }
    }

    @Test func whenTheClientReconnectsTheNextConnectGetsTheNewConnection() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (first, firstLink) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            let waiting = Task { try await firstLink.send(OutboundMessage(room: .group("1"), mention: nil, text: "在吗")) }
            #expect(await first.nextAction() != nil)
            await first.close()
            await firstLink.waitUntilClosed()
            // Not a refusal: the core keeps the message for the next link.
            await #expect(throws: OneBotError.linkClosed) { try await waiting.value }
            let (second, secondLink) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            #expect(secondLink !== firstLink)
            try await second.send(Spec.groupEvent([Spec.at("10001000"), Spec.text("又连上了")]))
            #expect(await recorder.messages.next()?.text == "又连上了")
            await secondLink.close()
        }
    }

    @Test func aNewerConnectionReplacesAnOlderOne() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (first, firstLink) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            let second = try await FakeOneBotPeer.connect(port: port, token: "s3cret")
            #expect(await first.closeCode() == 1000)
            await firstLink.waitUntilClosed()
            let secondLink = try await adapter.connect(events: recorder.events)
            try await second.send(Spec.groupEvent([Spec.at("10001000"), Spec.text("新连接")]))
            #expect(await recorder.messages.next()?.text == "新连接")
            await secondLink.close()
        }
    }

    @Test func pingsAreAnsweredAndFragmentedMessagesAreJoined() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (peer, link) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            try await peer.ping()
            #expect(await peer.frames.next() == .pong)
            try await peer.sendFragmented(Spec.groupEvent([Spec.at("10001000"), Spec.text("分成几段发的消息")]), pieces: 5)
            #expect(await recorder.messages.next()?.text == "分成几段发的消息")
            await link.close()
        }
    }

    @Test func anOverLongMessageClosesTheConnectionWith1009() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let (peer, _) = try await linkFakeClient(adapter, port: port, recorder: OneBotEventRecorder())
            let huge = Spec.groupEvent([Spec.text(String(repeating: "长", count: 400_000))])
            try await peer.sendFragmented(huge, pieces: 4)
            #expect(await peer.closeCode() == 1009)
        }
    }

    @Test func forwardModeConnectsWithTheBearerTokenAndLearnsItsQQNumber() async throws {
        let server = try await FakeOneBotServer.start(token: "s3cret")
        defer { Task { await server.stop() } }
        let configuration = OneBotConfiguration(mode: .forward, url: "ws://127.0.0.1:\(server.port)/", actionTimeout: 60)
        let adapter = OneBotAdapter(configuration: configuration, accessToken: "s3cret", logger: Logger(label: "test"))
        let recorder = OneBotEventRecorder()
        async let linked = adapter.connect(events: recorder.events)
        let peer = try #require(await server.connections.next())
        #expect(await server.authorizations.next() == "Bearer s3cret")
        let login = try #require(await peer.nextAction())
        #expect(login["action"] as? String == "get_login_info")
        try await peer.respond(to: login, data: ["user_id": 10001000, "nickname": "民呼"])
        let link = try await linked
        #expect(link.selfID == "10001000")
        try await peer.send(Spec.groupEvent([Spec.at("10001000"), Spec.text("正向连接")]))
        #expect(await recorder.messages.next()?.isAddressedToBot == true)
        let sent = Task { try await link.send(OutboundMessage(room: .group("9"), mention: nil, text: "收到")) }
        let action = try #require(await peer.nextAction())
        #expect(action["action"] as? String == "send_group_msg")
        try await peer.respond(to: action, data: ["message_id": 1])
        try await sent.value
        await link.close()
    }

    @Test func forwardModeWithAWrongTokenIsRefused() async throws {
        let server = try await FakeOneBotServer.start(token: "s3cret")
        defer { Task { await server.stop() } }
        let configuration = OneBotConfiguration(mode: .forward, url: "ws://127.0.0.1:\(server.port)/", selfID: "10001000")
        let adapter = OneBotAdapter(configuration: configuration, accessToken: "guess", logger: Logger(label: "test"))
        await #expect(throws: OneBotError.refused(status: 403)) { _ = try await adapter.connect(events: OneBotEventRecorder().events) }
    }
}
