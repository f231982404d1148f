import Dialogue
import DispatchStore
import Foundation
import Testing
@testable import Gateways

/// Figures for the closing note, run by hand:
/// `MINHU_IRC_BENCH=1 swift test -c release --filter IRCBenchmark` (needs ngircd). They measure,
/// they do not judge: each only checks that every message made it through.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["MINHU_IRC_BENCH"] != nil && TestIRCServer.isInstalled))
struct IRCBenchmarkTests {
    static func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    /// Latency: a resident in a private chat says a line and waits for the first line of the
    /// answer, through the real server; beside it, the same turns on the engine alone.
    @Test func latencyAddedByTheGateway() async throws {
        let server = try await TestIRCServer(channels: ["#staff"])
        defer { server.stop() }
        let observer = try await IRCTestClient(nick: "observer", port: server.port, joining: ["#staff"])
        let gateway = try await IRCIntegrationTests.startBot(port: server.port, observer: observer)
        defer { gateway.stop() }
        let resident = try await IRCTestClient(nick: "zhang", port: server.port, joining: [])
        let rounds = 200
        var throughGateway: [Duration] = []
        for index in 0..<rounds {
            let seen = resident.messages(from: "minhu", to: "zhang").count
            let started = ContinuousClock.now
            try await resident.say("请问低保证明在哪里开 \(index)", to: "minhu")
            _ = try await resident.waitForMessages(from: "minhu", to: "zhang", count: seen + 1)
            throughGateway.append(ContinuousClock.now - started)
            // Let the rest of a multi-line answer drain (one line a second per room).
            try await eventually(timeout: .seconds(10)) {
                let now = resident.messages(from: "minhu", to: "zhang").count
                try await Task.sleep(for: .milliseconds(1100))
                return resident.messages(from: "minhu", to: "zhang").count == now
            }
        }
        let store = try SQLiteDispatchStore.inMemory()
        let engine = ConversationEngine(interpreter: sharedInterpreter, store: store)
        var engineAlone: [Duration] = []
        for index in 0..<rounds {
            let started = ContinuousClock.now
            _ = try await engine.handle(Turn(key: ConversationKey(channel: "irc", room: "direct", user: "zhang"),
                                             text: "请问低保证明在哪里开 \(index)"))
            engineAlone.append(ContinuousClock.now - started)
        }
        throughGateway.sort()
        engineAlone.sort()
        print("IRC bench: \(rounds) turns; through ngircd + gateway p50 \(Self.percentile(throughGateway, 0.5)) p99 \(Self.percentile(throughGateway, 0.99)); engine alone p50 \(Self.percentile(engineAlone, 0.5)) p99 \(Self.percentile(engineAlone, 0.99))")
        await resident.close()
        await observer.close()
    }

    /// Throughput: many residents in private chats at once; inbound messages bridged per second.
    @Test func messagesBridgedPerSecond() async throws {
        let server = try await TestIRCServer(channels: ["#staff"])
        defer { server.stop() }
        let observer = try await IRCTestClient(nick: "observer", port: server.port, joining: ["#staff"])
        let gateway = try await IRCIntegrationTests.startBot(port: server.port, observer: observer)
        defer { gateway.stop() }
        let residents = 100, each = 20
        var clients: [IRCTestClient] = []
        for index in 0..<residents {
            clients.append(try await IRCTestClient(nick: "r\(index)", port: server.port, joining: []))
        }
        let before = gateway.service.counts.answered
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients {
                group.addTask {
                    for line in 0..<each { try await client.say("你好 \(line)", to: "minhu") }
                }
            }
            try await group.waitForAll()
        }
        let total = residents * each
        let done = try await eventually(timeout: .seconds(300)) { gateway.service.counts.answered - before >= total }
        let elapsed = ContinuousClock.now - started
        #expect(done)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("IRC bench: \(total) messages from \(residents) residents bridged in \(elapsed): \(Int(Double(total) / seconds)) messages/s")
        for client in clients { await client.close() }
        await observer.close()
    }
}
