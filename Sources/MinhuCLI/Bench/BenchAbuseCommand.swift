import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// `minhu bench abuse`: bad input over real sockets against a running `minhu serve`, while
/// ordinary residents chat with it. Prints how the server answered each attack, the ordinary
/// residents' reply times, and (with `--server-pid`) the server's memory.
struct BenchAbuseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abuse",
        abstract: "Attack a running server with bad input while residents chat; print reply times and memory.",
        discussion: """
            Start the server first (its default limits), e.g.:
              swift run -c release minhu serve --db /tmp/abuse.sqlite &
              swift run -c release minhu bench abuse --server-pid $! --duration 60
            Attacks repeat for the whole run: telnet negotiation (PuTTY's), subnegotiations split at \
            every offset, IAC IAC, CR NUL, GBK, invalid UTF-8 (C0 80, ED A0 80), NUL bytes, a 1 MiB \
            line, a flood, 40 connections from one address; slowloris clients send a byte every 10 s \
            and one client never reads. Each kind of client comes from its own 127.x address. \
            Exit status 1 if the server did not answer an attack as expected or an ordinary \
            resident got a wrong answer.
            """
    )

    @Option(help: "Server address.")
    var host = "127.0.0.1"

    @Option(help: "Server port.")
    var port = 7878

    @Option(help: "Seconds to run.")
    var duration = 60.0

    @Option(help: "Ordinary residents chatting during the attacks (each a line every 0.5 s).")
    var residents = 5

    @Option(help: "Slowloris connections (spread over addresses, 10 per address).")
    var slowloris = 200

    @Option(help: "The server's process id, to sample its resident memory from /proc.")
    var serverPid: Int32?

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func validate() throws {
        guard duration > 0, residents > 0, slowloris >= 0 else {
            throw ValidationError("--duration and --residents must be positive")
        }
    }

    func run() async throws {
        warnIfDebugBuild()
        let deadline = ContinuousClock.now + .seconds(duration)
        let memory = MemorySampler(pid: serverPid)
        let memoryBefore = memory.sample()
        async let peakMemory = memory.peak(until: deadline)
        async let held = holdSlowloris(until: deadline)
        async let neverReader = neverRead(until: deadline)
        async let outcomes = runAttacks(until: deadline)
        async let chats = chat(until: deadline)
        let report = AbuseReport(
            attacks: try await outcomes + [try await held, try await neverReader],
            residents: try await chats,
            memoryBeforeMB: memoryBefore.map { $0 / 1024 },
            memoryPeakMB: await peakMemory.map { $0 / 1024 },
            memoryAfterMB: memory.sample().map { $0 / 1024 })
        if json { try printJSON(report) } else { print(report.text) }
        guard report.attacks.allSatisfy(\.allAsExpected), report.residents.wrongReplies == 0 else { throw ExitCode(1) }
    }

    /// Each repeated attack in a loop of its own, from its own address, until the deadline.
    private func runAttacks(until deadline: ContinuousClock.Instant) async throws -> [AttackOutcome] {
        try await withThrowingTaskGroup(of: AttackOutcome.self) { group in
            for (index, attack) in Attacks.repeated.enumerated() {
                let target = AttackTarget(host: host, port: port, source: "127.0.2.\(index + 1)")
                group.addTask {
                    var outcome = AttackOutcome(name: attack.name, expectation: attack.expectation)
                    while ContinuousClock.now < deadline {
                        let ok = (try? await attack.run(target)) ?? false
                        outcome.record(ok)
                    }
                    return outcome
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.name < $1.name }
        }
    }

    /// Slowloris: connections that send one byte every 10 s and never finish a line.
    private func holdSlowloris(until deadline: ContinuousClock.Instant) async throws -> AttackOutcome {
        var outcome = AttackOutcome(name: "slowloris", expectation: "hold them without harm (idle limit, connection limits)")
        var clients: [RawLineClient] = []
        for index in 0..<slowloris {
            let source = "127.0.\(3 + index / 2500).\(index / 10 % 250 + 1)"
            if let client = try? await RawLineClient.connect(host: host, port: port, from: source) { clients.append(client) }
        }
        let bytes = Array("我想问一下低保证明要带什么材料，还有残疾证怎么办".utf8)
        var position = 0
        while ContinuousClock.now < deadline {
            for client in clients where !client.isClosed { try? await client.send([bytes[position % bytes.count]]) }
            position += 1
            try? await Task.sleep(until: min(deadline, ContinuousClock.now + .seconds(10)))
        }
        for client in clients {
            // Greeted and still holding; or closed by the server with its idle message.
            outcome.record(RawLineClient.prompts(in: client.text) >= 1 && (!client.isClosed || client.text.contains("很久没有说话")))
            await client.close()
        }
        return outcome
    }

    /// A client that asks questions with long answers but never reads them. The server must
    /// not buffer without bound for it: what arrives once it finally reads is what the server
    /// held for it (kernel buffers included), unless the server closed it first.
    private func neverRead(until deadline: ContinuousClock.Instant) async throws -> AttackOutcome {
        var outcome = AttackOutcome(name: "never-reads", expectation: "hold at most \(Self.outputCapKiB) KiB for it; close it once its replies stall for the write timeout")
        let client = try await AttackTarget(host: host, port: port, source: "127.0.4.250")
            .connect(receiveBuffer: 4096, reads: false)
        var asked = 0
        while ContinuousClock.now < deadline, !client.isClosed {
            // A full burst at once, then just under the steady flood rate.
            client.sendWithoutWaiting(line: "低保证明怎么开")
            asked += 1
            if asked > 20 { try? await Task.sleep(for: .milliseconds(250)) }
        }
        client.startReading()
        // Whatever the server had queued arrives now, then the close if it closed.
        let closed = await client.wait(for: .seconds(5)) { _, closed in closed }
        let heldKiB = client.bytes.count / 1024
        outcome.record(closed || heldKiB <= Self.outputCapKiB)
        outcome.detail = "\(asked) questions, \(heldKiB) KiB held for it; " + (closed ? "closed by the server" : "still open")
        await client.close()
        return outcome
    }

    /// The most a server should hold for a client that never reads: its own write buffer and the
    /// kernel's socket buffers on both sides, generously.
    static let outputCapKiB = 512

    /// Ordinary residents: a line every 0.5 s, each reply timed.
    private func chat(until deadline: ContinuousClock.Instant) async throws -> ResidentFigures {
        let script = ["你好", "{n}栋2单元501室楼道灯坏了，电话139{phone}", "确认", "我报的修到哪一步了", "低保证明怎么开", "谢谢"]
        let results = try await withThrowingTaskGroup(of: (latencies: [Duration], wrong: Int).self) { group in
            for resident in 0..<residents {
                group.addTask {
                    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                        .bind(to: try SocketAddress(ipAddress: "127.0.1.\(resident + 1)", port: 0))
                        .connect(host: host, port: port) { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                            }
                        }
                    return try await channel.executeThenClose { inbound, outbound in
                        var reader = PromptReader(iterator: inbound.makeAsyncIterator())
                        _ = try await reader.nextReply()
                        var latencies: [Duration] = []
                        var wrong = 0
                        var turn = 0
                        while ContinuousClock.now < deadline {
                            defer { turn += 1 }
                            let line = script[turn % script.count].replacingOccurrences(of: "{n}", with: "\(resident + 1)")
                                .replacingOccurrences(of: "{phone}", with: String(format: "%08d", resident))
                            let start = ContinuousClock.now
                            try await outbound.write(ByteBuffer(string: line + "\r\n"))
                            let reply = try await reader.nextReply()
                            latencies.append(ContinuousClock.now - start)
                            if reply.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || reply.contains("出了点问题")
                                || reply.contains("太快") {
                                wrong += 1
                            }
                            try await Task.sleep(until: start + .milliseconds(500))
                        }
                        return (latencies, wrong)
                    }
                }
            }
            return try await group.reduce(into: [(latencies: [Duration], wrong: Int)]()) { $0.append($1) }
        }
        return ResidentFigures(residents: residents, latencies: results.flatMap(\.latencies),
                               wrongReplies: results.reduce(0) { $0 + $1.wrong })
    }
}

/// How the server answered one kind of attack over the run.
struct AttackOutcome: Encodable {
    let name: String
    let expectation: String
    var runs = 0
    var asExpected = 0
    var detail: String?

    var allAsExpected: Bool { runs > 0 && asExpected == runs }

    mutating func record(_ ok: Bool) {
        runs += 1
        if ok { asExpected += 1 }
    }
}

/// The ordinary residents' reply times.
struct ResidentFigures: Encodable {
    let residents: Int
    let replies: Int
    let wrongReplies: Int
    let p50Milliseconds: Double
    let p99Milliseconds: Double
    let maxMilliseconds: Double

    init(residents: Int, latencies: [Duration], wrongReplies: Int) {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))].seconds * 1000
        }
        self.residents = residents
        replies = sorted.count
        self.wrongReplies = wrongReplies
        p50Milliseconds = percentile(0.5)
        p99Milliseconds = percentile(0.99)
        maxMilliseconds = (sorted.last?.seconds ?? 0) * 1000
    }
}

/// Everything `minhu bench abuse` measured.
struct AbuseReport: Encodable {
    let attacks: [AttackOutcome]
    let residents: ResidentFigures
    let memoryBeforeMB: Int?
    let memoryPeakMB: Int?
    let memoryAfterMB: Int?

    var text: String {
        var table = TextTable(["attack", "runs", "as expected", "the server should"])
        table.rightAligned = [1, 2]
        for attack in attacks {
            table.append([attack.name, "\(attack.runs)", "\(attack.asExpected)",
                          attack.expectation + (attack.detail.map { " (\($0))" } ?? "")])
        }
        let chat = String(format: "ordinary residents: %d, %d replies, %d wrong; reply time p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                          residents.residents, residents.replies, residents.wrongReplies,
                          residents.p50Milliseconds, residents.p99Milliseconds, residents.maxMilliseconds)
        let memory = memoryBeforeMB.map { before in
            "server memory (VmRSS): \(before) MB before, \(memoryPeakMB ?? before) MB peak, \(memoryAfterMB ?? before) MB after"
        } ?? "server memory: not sampled (pass --server-pid)"
        return [table.rendered(), chat, memory].joined(separator: "\n")
    }
}

/// Samples a process's resident memory (VmRSS, in KiB) from /proc.
struct MemorySampler: Sendable {
    let pid: Int32?

    func sample() -> Int? {
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// The highest sample, taken every 200 ms until the deadline.
    func peak(until deadline: ContinuousClock.Instant) async -> Int? {
        var peak = sample()
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(200))
            if let now = sample() { peak = max(peak ?? now, now) }
        }
        return peak
    }
}
