import Dialogue
import DispatchStore
import Foundation
import MinhuTestSupport
import Logging
import NIOCore
import ServiceLifecycle
import Segmentation
import Testing
import Understanding
@testable import LineServer

let intentsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("intents")
let sharedInterpreter = try! Interpreter(directory: intentsDirectory)

/// A server on a free port over an in-memory store, run in a service group until `body` ends.
func withServer(_ configure: (inout ResidentServerConfiguration) -> Void = { _ in },
                _ body: (Int, any DispatchStore, ServiceGroup) async throws -> Void) async throws {
    var configuration = ResidentServerConfiguration(host: "127.0.0.1", port: 0)
    configure(&configuration)
    let store = try SQLiteDispatchStore.inMemory()
    let server = ResidentServer(configuration: configuration,
                                engine: ConversationEngine(interpreter: sharedInterpreter, store: store), store: store)
    let group = ServiceGroup(services: [server], logger: Logger(label: "test"))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let port = try await server.listeningPort()
        try await body(port, store, group)
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

@Suite(.serialized) struct ResidentServerTests {
    @Test func aResidentGoesFromGreetingToATicketOverARealSocket() async throws {
        try await withServer { port, store, _ in
            let client = try await LineTestClient(port: port)
            let greeting = try await client.readReply()
            #expect(greeting.contains("报修") && greeting.contains("/help") && greeting.hasSuffix("\r\n"))
            try await client.send("3栋2单元501室楼道灯坏了，电话13912345678")
            #expect(try await client.readReply().contains("确认"))
            try await client.send("确认")
            let created = try await client.readReply()
            #expect(created.contains("工单号：MH-"))
            let tickets = try await store.tickets(matching: TicketFilter())
            #expect(tickets.map(\.address) == ["3栋2单元501室"])
            let transcript = try await store.transcript(of: try #require(tickets.first?.conversationID))
            #expect(transcript.filter { $0.direction == .inbound }.count == 2)
            try await client.send("/quit")
            #expect(try await client.readUntilClosed().contains("再见"))
        }
    }

    /// Found by a QA session: a mistyped code got the help text, or "接着刚才的话说" over an
    /// empty new conversation.
    @Test func aWrongSessionCodeIsSaidToBeWrongAndTheRightOneResumes() async throws {
        try await withServer { port, _, _ in
            let first = try await LineTestClient(port: port)
            let greeting = try await first.readReply()
            let code = try #require(greeting.range(of: "/resume ").map { String(greeting[$0.upperBound...].prefix(14)) })
            try await first.send("3栋2单元501室楼道灯坏了")
            _ = try await first.readReply()
            await first.close()

            let second = try await LineTestClient(port: port)
            _ = try await second.readReply()
            for wrong in ["/resume ABCD-EFGH-JKMN", "/resume ABCD", "/resume"] {
                try await second.send(wrong)
                #expect(try await second.readReply().contains("会话码不对"), "\(wrong)")
            }
            try await second.send("/resume \(code)")
            #expect(try await second.readReply().contains("接着刚才的话说"))
            await second.close()
        }
    }

    @Test func gbkAndTelnetNegotiationAreUnderstood() async throws {
        try await withServer { port, _, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            // PuTTY-style negotiation, then 你好 in GBK ended by CR NUL.
            try await client.send(bytes: [0xFF, 0xFB, 0x1F, 0xFF, 0xFA, 0x1F, 0x00, 0x50, 0x00, 0x18, 0xFF, 0xF0,
                                          0xC4, 0xE3, 0xBA, 0xC3, 0x0D, 0x00])
            // The reply comes back in GB18030, as the client writes (QA: it came in UTF-8, which
            // a GBK terminal shows as gibberish).
            var bytes = try await client.readReplyBytes()
            while bytes.first == 0xFF { bytes.removeFirst(3) }  // the server's answer to the negotiation
            #expect(String(validating: bytes, as: UTF8.self) == nil)
            let reply = try #require(LegacyEncoding.decodeGB18030(bytes))
            #expect(reply.contains("报修"), "\(reply)")
            // A plain ASCII line says nothing about the encoding; a UTF-8 one switches back.
            try await client.send("/help")
            #expect(LegacyEncoding.decodeGB18030(try await client.readReplyBytes())?.contains("报修") == true)
            try await client.send("你好")
            #expect(try await client.readReply().contains("报修"))
        }
    }

    @Test func anOverLongLineGetsAChineseMessageAndTheConnectionCloses() async throws {
        try await withServer({ $0.maximumLineLength = 100 }) { port, _, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            try await client.send(String(repeating: "长", count: 200))
            #expect(try await client.readUntilClosed().contains("太长"))
        }
    }

    @Test func oneAddressCannotOpenMoreThanItsShare() async throws {
        try await withServer({ $0.maximumConnectionsPerAddress = 2 }) { port, _, _ in
            let first = try await LineTestClient(port: port)
            let second = try await LineTestClient(port: port)
            _ = try await first.readReply()
            _ = try await second.readReply()
            let third = try await LineTestClient(port: port)
            #expect(try await third.readUntilClosed().contains("连接太多"))
            #expect(try await LineTestClient(port: port).readUntilClosed().contains("连接太多"))
            await first.close()
        }
    }

    @Test func aFloodIsSlowedDownWithAMessage() async throws {
        try await withServer({ $0.floodBurst = 3; $0.floodRate = 0.1 }) { port, _, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            for _ in 0..<6 { try await client.send("你好") }
            var replies: [String] = []
            for _ in 0..<4 { replies.append(try await client.readReply()) }
            #expect(replies.contains { $0.contains("太快") })
        }
    }

    @Test func aFloodThatGoesOnIsClosedWithAMessage() async throws {
        try await withServer({ $0.floodBurst = 2; $0.floodRate = 0.1; $0.floodDisconnectAfter = 5 }) { port, _, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            for _ in 0..<10 { try await client.send("你好") }
            #expect(try await client.readUntilClosed().contains("连接先断开了"))
        }
    }

    @Test func aSilentConnectionIsClosedWithAMessage() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(500) }) { port, _, _ in
            let client = try await LineTestClient(port: port)
            #expect(try await client.readUntilClosed().contains("很久没有说话"))
        }
    }

    /// Found by QA: 确认 typed without Enter was confirmed for the resident when the idle
    /// connection was closed, and a ticket made that they never asked for.
    @Test func aLineTypedButNeverSentIsNotActedOnWhenTheConnectionCloses() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(800) }) { port, store, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            try await client.send("3栋2单元501室楼道灯坏了，电话13912345678")
            #expect(try await client.readReply().contains("确认"))
            try await client.send(bytes: Array("确认".utf8))
            #expect(try await client.readUntilClosed().contains("很久没有说话"))
            // Acted on, the line would make its ticket as the server finishes the connection,
            // a moment after the client has seen it end.
            try await Task.sleep(for: .seconds(1))
            #expect(try await store.tickets(matching: TicketFilter()).isEmpty)
        }
    }

    @Test func bytesWithoutALineDoNotKeepAConnectionOpen() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(800) }) { port, _, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            // A byte every 200 ms for 4 s, never a line: once that kept the connection open.
            let trickle = Task {
                for _ in 0..<20 {
                    guard (try? await client.send(bytes: [UInt8(ascii: "a")])) != nil else { return }
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            let start = ContinuousClock.now
            #expect(try await client.readUntilClosed().contains("很久没有说话"))
            #expect(ContinuousClock.now - start < .seconds(3), "closed only after the bytes stopped")
            trickle.cancel()
        }
    }

    /// A client still sending when the server closes on it reads the goodbye and an orderly
    /// end, not a reset (which some clients show instead of what came before it).
    @Test func aClosedConnectionEndsInOrderEvenWhileTheClientStillSends() async throws {
        try await withServer({ $0.floodBurst = 2; $0.floodRate = 0.1; $0.floodDisconnectAfter = 5 }) { port, _, _ in
            let client = try BlockingSocket(port: port)
            defer { client.close() }
            // Far more than the server reads before it closes: bytes left unread in a socket
            // that is closed make the kernel send a reset instead of the end.
            await client.send(String(repeating: "你好\r\n", count: 25_000))
            let (text, error) = await client.receiveUntilClosed()
            #expect(text.contains("连接先断开了"))
            #expect(error == nil, "the connection ended with errno \(error ?? 0)")
        }
    }

    @Test func staffDispatchReachesTheConnectedResidentWithinTwoSeconds() async throws {
        try await withServer({ $0.updateInterval = .milliseconds(200) }) { port, store, _ in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            try await client.send("3栋2单元501室楼道灯坏了，电话13912345678")
            _ = try await client.readReply()
            try await client.send("确认")
            let created = try await client.readReply()
            let number = try #require(TicketNumber(parsing: String(created[created.range(of: "MH-")!.lowerBound...].prefix(9))))
            let dispatched = ContinuousClock.now
            try await store.apply(.dispatch(unitID: "物业"), to: number, by: .staff("wang"))
            let update = try await client.readReply(timeout: .seconds(2))
            #expect(update.contains("已派单"))
            #expect(ContinuousClock.now - dispatched < .seconds(2))
        }
    }

    @Test func onlyChangesTheResidentDidNotMakeAreNews() async throws {
        let store = try SQLiteDispatchStore.inMemory()
        var ticket = try await store.createTicket(TicketDraft(category: "repair", summary: "楼道灯坏了", channel: "line",
                                                              submittedBy: .resident("r")))
        #expect(!ticket.isNewsForResident)
        ticket.state = .dispatched
        #expect(ticket.isNewsForResident)
        ticket.state = .closed
        ticket.rating = 5
        #expect(!ticket.isNewsForResident)
        ticket.rating = nil
        #expect(ticket.isNewsForResident)
    }

    @Test func gracefulShutdownSaysGoodbyeToConnectedResidents() async throws {
        try await withServer { port, _, group in
            let client = try await LineTestClient(port: port)
            _ = try await client.readReply()
            await group.triggerGracefulShutdown()
            #expect(try await client.readUntilClosed().contains("维护"))
        }
    }
}
