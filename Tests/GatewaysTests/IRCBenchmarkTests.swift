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
    /// Printed at once (standard output is buffered until the test process ends).
    func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

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
        // One resident per round: a room's replies are paced one a second, and only the first
        // line of each answer is timed, with the bot otherwise quiet.
        let rounds = 50
        var residents: [IRCTestClient] = []
        for index in 0..<rounds {
            residents.append(try await IRCTestClient(nick: "r\(index)", port: server.port, joining: []))
        }
        var throughGateway: [Duration] = []
        for (index, resident) in residents.enumerated() {
            let started = ContinuousClock.now
            try await resident.say("请问低保证明在哪里开 \(index)", to: "minhu")
            _ = try await resident.waitForMessages(from: "minhu", to: resident.nick, count: 1)
            throughGateway.append(ContinuousClock.now - started)
            // The rest of the answer drains before the next round, so that no round waits
            // behind another's lines in the server's flood control.
            var count = 0
            repeat {
                count = resident.messages(from: "minhu", to: resident.nick).count
                try await Task.sleep(for: .milliseconds(1500))
            } while resident.messages(from: "minhu", to: resident.nick).count != count
        }
        let store = try SQLiteDispatchStore.inMemory()
        let engine = ConversationEngine(interpreter: sharedInterpreter, store: store)
        var engineAlone: [Duration] = []
        for index in 0..<rounds {
            let started = ContinuousClock.now
            _ = try await engine.handle(Turn(key: ConversationKey(channel: "irc", room: "direct", user: "r\(index)"),
                                             text: "请问低保证明在哪里开 \(index)"))
            engineAlone.append(ContinuousClock.now - started)
        }
        throughGateway.sort()
        engineAlone.sort()
        report("IRC bench: \(rounds) turns; through ngircd + gateway p50 \(Self.percentile(throughGateway, 0.5)) p99 \(Self.percentile(throughGateway, 0.99)); engine alone p50 \(Self.percentile(engineAlone, 0.5)) p99 \(Self.percentile(engineAlone, 0.99))")
        for resident in residents { await resident.close() }
        await observer.close()
    }

    /// Throughput: many residents in private chats at once; inbound messages bridged per second.
    @Test func messagesBridgedPerSecond() async throws {
        let server = try await TestIRCServer(channels: ["#staff"])
        defer { server.stop() }
        let observer = try await IRCTestClient(nick: "observer", port: server.port, joining: ["#staff"])
        let gateway = try await IRCIntegrationTests.startBot(port: server.port, observer: observer)
        defer { gateway.stop() }
        let residents = 100, each = 5
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
        report("IRC bench: \(total) messages from \(residents) residents bridged in \(elapsed): \(Int(Double(total) / seconds)) messages/s")
        for client in clients { await client.close() }
        await observer.close()
    }
}
