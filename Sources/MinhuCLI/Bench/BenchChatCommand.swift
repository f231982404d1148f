import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// `minhu bench chat`: many residents at once against a running `minhu serve`, each repeating
/// a scripted conversation that ends in a ticket; prints messages/s and latency percentiles.
struct BenchChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Load a running server with scripted resident conversations that end in tickets.",
        discussion: """
            Start the server first (release build), e.g.:
              swift run -c release minhu serve --db /tmp/bench.sqlite --max-per-address 100000 &
              swift run -c release minhu bench chat --connections 1000 --duration 30 --server-pid $!
            Each connection sends a complete repair request, confirms it, reads the ticket number,
            and starts again; latency is from sending a line to receiving the prompt after its reply.
            Without --rate each resident sends its next line as soon as the reply came, so latency
            is just connections ÷ throughput; with --rate the residents send on a schedule that adds
            up to that many lines per second, and latency counts from when a line was due, so a slow
            server cannot hide its queue by making the residents wait.
            """
    )

    @Option(help: "Server address.")
    var host = "127.0.0.1"

    @Option(help: "Server port.")
    var port = 7878

    @Option(help: "Concurrent residents (connections).")
    var connections = 100

    @Option(help: "Seconds to run.")
    var duration = 10.0

    @Option(help: "Lines per second from all residents together, on a schedule (default: as fast as replies come).")
    var rate: Double?

    @Flag(help: "Only open connections and hold them idle for --duration (memory check).")
    var idle = false

    @Option(help: "The server's process id, to print its CPU time per message (from /proc).")
    var serverPID: Int32?

    func validate() throws {
        if let rate, rate <= 0 { throw ValidationError("--rate must be positive") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(duration)
        // Both processes' CPU per message: with server and load on the same cores, the sum is
        // what bounds the rate, and it swings less than messages per second.
        let cpuBefore = (own: processCPUSeconds(), server: serverPID.flatMap { processCPUSeconds(pid: $0) })
        let results = try await withThrowingTaskGroup(of: ResidentLoad.Result.self) { group in
            for index in 0..<connections {
                group.addTask {
                    // Each resident's share of the rate, its first line at a random point of its interval.
                    let interval = rate.map { Duration.seconds(Double(connections) / $0) }
                    let load = ResidentLoad(host: host, port: port, index: index, idle: idle, interval: interval)
                    return try await load.run(until: deadline)
                }
            }
            var all: [ResidentLoad.Result] = []
            for try await result in group { all.append(result) }
            return all
        }
        var latencies = results.flatMap(\.latencies)
        latencies.sort()
        let messages = latencies.count
        let tickets = results.reduce(0) { $0 + $1.tickets }
        let failures = results.reduce(0) { $0 + $1.failures }
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))].seconds * 1000
        }
        let pace = rate.map { String(format: " at %.0f/s scheduled", $0) } ?? ""
        print(String(format: "%d connections, %.0f s%@: %d messages (%.0f/s), %d tickets, %d failed connections",
                     connections, duration, pace, messages, Double(messages) / duration, tickets, failures))
        print(String(format: "latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                     percentile(0.5), percentile(0.9), percentile(0.99), (latencies.last?.seconds ?? 0) * 1000))
        guard messages > 0 else { return }
        let perMessage = { (seconds: Double) in seconds / Double(messages) * 1e6 }
        var server = "not measured (pass --server-pid)"
        if let before = cpuBefore.server, let pid = serverPID, let after = processCPUSeconds(pid: pid) {
            server = String(format: "%.0f µs", perMessage(after - before))
        }
        print(String(format: "CPU per message: load generator %.0f µs, server %@",
                     perMessage(processCPUSeconds() - cpuBefore.own), server))
    }
}

/// One scripted resident.
struct ResidentLoad {
    struct Result: Sendable {
        var latencies: [Duration] = []
        var tickets = 0
        var failures = 0
    }

    let host: String
    let port: Int
    let index: Int
    let idle: Bool
    /// Time between this resident's lines when sending on a schedule; nil: as soon as the reply came.
    let interval: Duration?

    /// One round of resident `index`'s conversation: a complete repair request, then the confirmation.
    static func script(for index: Int) -> [String] {
        ["\(index % 30 + 1)栋2单元501室楼道灯坏了，电话139\(String(format: "%08d", index))", "确认"]
    }

    func run(until deadline: ContinuousClock.Instant) async throws -> Result {
        var result = Result()
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await channel.executeThenClose { inbound, outbound in
                var reader = PromptReader(iterator: inbound.makeAsyncIterator())
                _ = try await reader.nextReply()
                if idle {
                    try await Task.sleep(until: deadline)
                    return
                }
                var due = ContinuousClock.now + (interval.map { $0 * Double.random(in: 0..<1) } ?? .zero)
                let script = Self.script(for: index)
                // On a schedule, a conversation starts only if its last line is due before the
                // end: the rate is counted over the run's duration, and every conversation ends
                // in its ticket.
                let roundLength = interval.map { $0 * (script.count - 1) } ?? .zero
                while due + roundLength < deadline {
                    for line in script {
                        if interval != nil { try await Task.sleep(until: due) }
                        let start = interval == nil ? ContinuousClock.now : due
                        try await outbound.write(ByteBuffer(string: line + "\r\n"))
                        let reply = try await reader.nextReply()
                        result.latencies.append(ContinuousClock.now - start)
                        due = interval.map { due + $0 } ?? ContinuousClock.now
                        if reply.contains("工单号：") { result.tickets += 1 }
                    }
                }
                try await outbound.write(ByteBuffer(string: "/quit\r\n"))
            }
        } catch {
            result.failures += 1
        }
        return result
    }
}

/// Reads a line-protocol stream reply by reply (each reply ends with the prompt "> ").
struct PromptReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    mutating func nextReply() async throws -> String {
        while true {
            if let end = promptEnd() {
                let reply = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 2)
                return reply
            }
            guard let buffer = try await iterator.next() else { throw CLIError("server closed the connection") }
            pending.append(contentsOf: buffer.readableBytesView)
        }
    }

    private func promptEnd() -> Int? {
        guard pending.count >= 2 else { return nil }
        for index in 0..<(pending.count - 1) where pending[index] == UInt8(ascii: ">") && pending[index + 1] == UInt8(ascii: " ") {
            if index == 0 || pending[index - 1] == UInt8(ascii: "\n") { return index }
        }
        return nil
    }
}
