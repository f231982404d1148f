import DispatchStore
import Foundation
import MinhuTestSupport
import Synchronization
import Testing
import Understanding
@testable import Gateways

@Suite struct ReplySplitterTests {
    @Test func chunksFitTheBudgetAndKeepEveryCharacter() {
        let sentence = "您好，您报的3栋2单元楼道灯坏了的事情已经登记，工作人员会尽快处理。"
        let text = String(repeating: sentence, count: 20)
        for budget in [40, 100, 301] {
            let chunks = ReplySplitter.split(text, maximumBytes: budget)
            #expect(chunks.count > 1)
            #expect(chunks.allSatisfy { $0.utf8.count <= budget })
            #expect(chunks.joined() == text)
        }
    }

    @Test func cutsAfterPunctuationWhenItCan() {
        let chunks = ReplySplitter.split("第一句话说完了。第二句话也说完了。", maximumBytes: 36)
        #expect(chunks.first == "第一句话说完了。")
    }

    @Test func linesBecomeMessagesAndAnEmojiLongerThanTheBudgetIsCutBetweenScalars() {
        #expect(ReplySplitter.split("一\n\n二", maximumBytes: 100) == ["一", "二"])
        let family = "👨‍👩‍👧‍👦" // 25 bytes in one character
        let chunks = ReplySplitter.split(family, maximumBytes: 10)
        #expect(chunks.allSatisfy { $0.utf8.count <= 10 && !$0.isEmpty })
        #expect(chunks.joined() == family)
    }
}

@Suite struct RecentMessageIDsTests {
    @Test func remembersTheLastNAndForgetsTheOldest() {
        var recent = RecentMessageIDs(capacity: 3)
        let outcomes = ["a", "b", "c", "a", "d"].map { recent.insert($0) }
        #expect(outcomes == [true, true, true, false, true])
        #expect(recent.count == 3)
        let again = (recent.insert("a"), recent.insert("d"))
        #expect(again == (true, false), "the oldest id is forgotten once the cache is full, the newest kept")
    }
}

@Suite struct ReconnectBackoffTests {
    @Test func growsByOnePointSevenFiveUpToTenMinutes() {
        var backoff = ReconnectBackoff()
        backoff.jitter = 0
        var random = SeededGenerator(seed: 1)
        let delays = (0..<20).map { _ in backoff.nextDelay(using: &random) }
        #expect(delays[0] == .seconds(1))
        #expect(delays[1] == .milliseconds(1750))
        #expect(delays[2] == .milliseconds(3063))
        #expect(delays.last == .seconds(600))
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 <= $1 })
        backoff.reset()
        #expect(backoff.nextDelay(using: &random) == .seconds(1))
    }

    @Test func jitterSpreadsEachDelayOverItsLastFifth() {
        var random = SeededGenerator(seed: 7)
        let firsts = (0..<200).map { _ in
            var backoff = ReconnectBackoff()
            return backoff.nextDelay(using: &random)
        }
        #expect(firsts.allSatisfy { $0 >= .milliseconds(800) && $0 <= .seconds(1) })
        #expect(Set(firsts).count > 50, "bots cut off together do not all come back together")
    }
}

@Suite struct MessageTriageTests {
    static func message(_ text: String, addressed: Bool = false, room: GatewayRoom = .group("#b")) -> InboundMessage {
        InboundMessage(platform: "irc", selfID: "minhu", room: room, user: "zhang", displayName: "zhang",
                       messageID: nil, text: text, isAddressedToBot: addressed)
    }

    let triage = MessageTriage()

    func decide(_ text: String, addressed: Bool = false, room: RoomConfiguration = RoomConfiguration(id: "#b"),
                awaits: Bool = false, at: GatewayRoom = .group("#b")) -> MessageTriage.Decision {
        triage.decide(Self.message(text, addressed: addressed, room: at), in: room, awaitsAnswer: awaits,
                      prediction: sharedInterpreter.classifier.classify(text))
    }

    @Test func aMentionIsNeededUnlessTheRoomPicksUpClearRequests() {
        let request = "3栋2单元的楼道灯坏了好几天了，麻烦派人来修一下"
        #expect(decide(request) == .ignore)
        #expect(decide(request, addressed: true) == .answer)
        let pickup = RoomConfiguration(id: "#b", mentionRequired: false)
        #expect(decide(request, room: pickup) == .answer)
        #expect(decide("今天天气真不错啊", room: pickup) == .ignore)
        #expect(decide("哈哈哈", room: pickup) == .ignore)
    }

    @Test func anAnswerToTheBotsQuestionAndAPrivateChatNeedNoMention() {
        #expect(decide("502室", awaits: true) == .answer)
        #expect(decide("你好", at: .direct(user: "zhang")) == .answer)
    }

    @Test func aRoomOnlyHandlesTheIntentsItEnables() {
        let repairsOnly = RoomConfiguration(id: "#b", intents: ["repair"])
        guard case .notHandledHere(let text) = decide("我要投诉楼下烧烤店油烟太大", addressed: true, room: repairsOnly) else {
            Issue.record("a complaint in a repairs-only room is declined"); return
        }
        #expect(text.contains("报修"))
        #expect(decide("你好", addressed: true, room: repairsOnly) == .answer)
    }

    @Test func volunteersClaimAndStaffRoomsAreQuiet() {
        let volunteers = RoomConfiguration(id: "#v", role: .volunteers)
        #expect(decide("抢单 MH-000012", room: volunteers) == .claim(TicketNumber(12)))
        #expect(decide("抢单：12", room: volunteers) == .claim(TicketNumber(12)))
        #expect(decide("今天谁有空", room: volunteers) == .ignore)
        #expect(decide("楼道灯坏了", addressed: true, room: RoomConfiguration(id: "#s", role: .staff)) == .ignore)
    }
}

@Suite struct GatewaysFileTests {
    func load(_ yaml: String) throws -> GatewaysFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gateways-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try GatewaysFile.load(from: url)
    }

    @Test func readsBothPlatformsWithDefaults() throws {
        let file = try load("""
            irc:
              - host: irc.example.org
                nick: minhu
                password_env: MINHU_IRC_PASSWORD
                rooms:
                  - { id: "#baibuting", mention_required: false, intents: [repair, complaint] }
                  - { id: "#staff", role: staff }
            onebot:
              - mode: reverse
                listen_port: 6700
                access_token_env: MINHU_ONEBOT_TOKEN
            """)
        let irc = try #require(file.irc.first)
        #expect(irc.port == 6667 && irc.username == "minhu")
        #expect(irc.rooms == [RoomConfiguration(id: "#baibuting", mentionRequired: false, intents: ["repair", "complaint"]),
                              RoomConfiguration(id: "#staff", role: .staff)])
        #expect(file.onebot.first?.listenPort == 6700)
        let policy = RoomPolicy(rooms: irc.rooms)
        #expect(policy.configuration(for: .group("#elsewhere"))?.mentionRequired == true)
        #expect(policy.rooms(withRole: .staff) == [.group("#staff")])
    }

    @Test func mistakesAreNamedWithTheirPlace() throws {
        #expect {
            try load("irc:\n  - port: 6667\n")
        } throws: { error in
            "\(error)".contains("irc[0]") && "\(error)".contains("host")
        }
        #expect(throws: GatewayConfigurationError.self) {
            try SecretResolver(environment: [:]).value(of: "MINHU_IRC_PASSWORD")
        }
    }
}

@Suite struct IRCProtocolTests {
    @Test func parsesTagsPrefixAndTrailing() throws {
        let message = try #require(IRCMessage(parsing: "@msgid=abc\\s1;time=x :zhang!~z@host PRIVMSG #baibuting :minhu: 楼道灯坏了 快来"))
        #expect(message.tags == ["msgid": "abc 1", "time": "x"])
        #expect(message.sourceNick == "zhang")
        #expect(message.command == "PRIVMSG")
        #expect(message.parameters == ["#baibuting", "minhu: 楼道灯坏了 快来"])
        #expect(IRCMessage(parsing: "PING :irc.test")?.parameters == ["irc.test"])
        #expect(IRCMessage(command: "PRIVMSG", parameters: ["#a", "两 个"]).serialized == "PRIVMSG #a :两 个")
        #expect(IRCMessage(parsing: "") == nil)
    }

    @Test func findsTheAddressAndStripsFormatting() {
        #expect(IRCText.address("Minhu: 楼道灯坏了", to: "minhu") == (true, "楼道灯坏了"))
        #expect(IRCText.address("minhu，楼道灯坏了", to: "minhu") == (true, "楼道灯坏了"))
        #expect(IRCText.address("楼道灯坏了 @minhu", to: "minhu") == (true, "楼道灯坏了"))
        #expect(IRCText.address("@minhu2 你好", to: "minhu").isAddressed == false)
        #expect(IRCText.address("minhuang说的对", to: "minhu").isAddressed == false)
        #expect(IRCText.strippingFormatting("\u{02}加粗\u{02}\u{03}04,12红色\u{03}\u{0F}") == "加粗红色")
        #expect(IRCText.strippingFormatting("\u{03}4,x") == ",x")
    }

    @Test func everyReplyLineStaysWithinFourHundredBytes() throws {
        let adapter = try IRCAdapter(configuration: IRCConfiguration(host: "127.0.0.1", rooms: []), logger: testLogger)
        let mention = OutboundMessage.Mention(user: "zhang_san_feng", displayName: "zhang_san_feng")
        let budget = adapter.textBudget(room: .group("#baibuting-community"), mention: mention)
        let reply = String(repeating: "您好，我们已经收到您的报修，会尽快安排维修师傅上门。", count: 12)
        for chunk in ReplySplitter.split(reply, maximumBytes: budget) {
            let line = IRCMessage(command: "PRIVMSG", parameters: ["#baibuting-community", "zhang_san_feng: " + chunk]).serialized
            #expect(line.utf8.count <= IRCAdapter.maximumLineBytes)
        }
    }
}

/// A scripted chat system for the core's own duties: links that die, messages that queue.
final class FakeAdapter: GatewayAdapter, Sendable {
    let platform = "fake"
    let minimumSendInterval: Duration
    let deadLinkTimeout: Duration
    let connections = Mutex(0)
    let sent = Mutex<[(ContinuousClock.Instant, OutboundMessage)]>([])
    let currentEvents = Mutex<GatewayEvents?>(nil)
    let refuseRooms: Set<GatewayRoom>

    init(minimumSendInterval: Duration = .milliseconds(100), deadLinkTimeout: Duration = .seconds(60),
         refuseRooms: Set<GatewayRoom> = []) {
        self.minimumSendInterval = minimumSendInterval
        self.deadLinkTimeout = deadLinkTimeout
        self.refuseRooms = refuseRooms
    }

    func textBudget(room: GatewayRoom, mention: OutboundMessage.Mention?) -> Int { 60 }

    func connect(events: GatewayEvents) async throws -> any GatewayLink {
        connections.withLock { $0 += 1 }
        currentEvents.withLock { $0 = events }
        return FakeLink(adapter: self)
    }

    final class FakeLink: GatewayLink, Sendable {
        let adapter: FakeAdapter
        let closed = Mutex(false)
        init(adapter: FakeAdapter) { self.adapter = adapter }
        var selfID: String { "bot" }
        func send(_ message: OutboundMessage) async throws {
            if adapter.refuseRooms.contains(message.room) { throw GatewaySendError.riskControl(detail: "retcode 100") }
            adapter.sent.withLock { $0.append((.now, message)) }
        }
        func waitUntilClosed() async {
            while !closed.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
        }
        func close() async { closed.withLock { $0 = true } }
    }

    func say(_ text: String, user: String = "zhang", room: GatewayRoom = .group("g1"), id: String? = nil) async throws {
        let events = try #require(currentEvents.withLock { $0 })
        await events.received(InboundMessage(platform: platform, selfID: "bot", room: room, user: user, displayName: user,
                                             messageID: id, text: text, isAddressedToBot: true))
    }
}

@Suite(.serialized) struct GatewayServiceCoreTests {
    @Test func aSilentLinkIsDroppedAndConnectedAgain() async throws {
        let adapter = FakeAdapter(deadLinkTimeout: .milliseconds(200))
        let gateway = try await RunningGateway(adapter: adapter, rooms: [])
        defer { gateway.stop() }
        #expect(try await eventually(timeout: .seconds(300)) { adapter.connections.withLock { $0 } >= 3 })
    }

    @Test func redeliveredMessagesAreAnsweredOnceAndRepliesAreSplitAndPaced() async throws {
        let adapter = FakeAdapter(minimumSendInterval: .milliseconds(150))
        let gateway = try await RunningGateway(adapter: adapter, rooms: [])
        defer { gateway.stop() }
        #expect(try await eventually { adapter.currentEvents.withLock { $0 != nil } })
        try await adapter.say("你好", id: "m1")
        try await adapter.say("你好", id: "m1")
        #expect(try await eventually { !adapter.sent.withLock { $0.isEmpty } })
        try await Task.sleep(for: .seconds(2))
        let sent = adapter.sent.withLock { $0 }
        let conversation = try await gateway.store.openConversation(channel: "fake", room: "g1", user: "zhang")
        let inbound = try await gateway.store.transcript(of: conversation.id).filter { $0.direction == .inbound }
        #expect(inbound.count == 1, "the redelivered copy was not answered")
        #expect(sent.allSatisfy { $0.1.text.utf8.count <= 60 && $0.1.mention?.user == "zhang" })
        #expect(sent.count >= 2, "the welcome is longer than 60 bytes, so it is split")
        for (earlier, later) in zip(sent, sent.dropFirst()) {
            #expect(later.0 - earlier.0 >= .milliseconds(140), "one room is paced")
        }
    }

    @Test func aRefusedReplyReachesStaffAndFlagsTheConversation() async throws {
        let adapter = FakeAdapter(refuseRooms: [.group("g1")])
        let gateway = try await RunningGateway(adapter: adapter, rooms: [RoomConfiguration(id: "staff", role: .staff)])
        defer { gateway.stop() }
        #expect(try await eventually { adapter.currentEvents.withLock { $0 != nil } })
        try await adapter.say("你好")
        #expect(try await eventually {
            adapter.sent.withLock { $0.contains { $0.1.room == .group("staff") && $0.1.text.contains("【未送达】") } }
        })
        let flagged = try await gateway.store.conversations(matching: ConversationFilter(isFlaggedForHuman: true))
        #expect(flagged.map(\.user) == ["zhang"])
    }
}
