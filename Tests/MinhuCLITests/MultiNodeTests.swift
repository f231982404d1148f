import DispatchStore
import DispatchStorePostgres
import Foundation
import MinhuTestSupport
import Synchronization
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
            let number = try #require(Self.ticketNumber(in: confirmation), "\(confirmation)")
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

    @Test func aNodeKilledMidLoadLosesNoTicketItAcknowledged() async throws {
        try await TestPostgres.withStore { store in
            _ = try await store.units()
            let url = try TestPostgres.url(schema: store.configuration.schema)
            let node = try await ServeNode.start(db: url)
            defer { node.stop() }
            let acknowledged = Acknowledgements()
            // Residents file tickets as fast as the node answers, until it dies under them.
            await withTaskGroup(of: Void.self) { group in
                for resident in 0..<8 {
                    group.addTask {
                        do {
                            let client = try await LineTestClient(port: node.port)
                            _ = try await client.readReply()
                            for index in 0..<1000 {
                                try await client.send("\(resident % 30 + 1)栋2单元50\(index % 10)室楼道灯坏了，电话139\(String(format: "%08d", resident))")
                                _ = try await client.readReply()
                                try await client.send("确认")
                                let reply = try await client.readReply()
                                guard let number = Self.ticketNumber(in: reply) else { return }
                                acknowledged.add(number)
                            }
                        } catch {
                            // The node died: the connection ends mid-turn.
                        }
                    }
                }
                group.addTask {
                    let deadline = ContinuousClock.now + .seconds(60)
                    while acknowledged.numbers.count < 40, ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    node.kill()
                }
            }
            let numbers = acknowledged.numbers
            try #require(numbers.count >= 40, "too few tickets before the kill")
            let stored = Set(try await store.tickets(matching: TicketFilter(limit: nil)).map(\.id))
            let lost = numbers.filter { !stored.contains($0) }
            #expect(lost.isEmpty, "acknowledged but lost: \(lost)")
        }
    }

    static func sessionCode(in greeting: String) -> String? {
        guard let range = greeting.range(of: "/resume ") else { return nil }
        return String(greeting[range.upperBound...].prefix(while: { $0.isLetter || $0.isNumber }))
    }

    static func ticketNumber(in reply: String) -> TicketNumber? {
        guard let range = reply.range(of: "工单号：") else { return nil }
        return TicketNumber(parsing: String(reply[range.upperBound...].prefix(while: { $0 != "。" && !$0.isWhitespace })))
    }
}

/// Ticket numbers residents were told, from concurrent connections.
private final class Acknowledgements: Sendable {
    private let list = Mutex<[TicketNumber]>([])
    func add(_ number: TicketNumber) { list.withLock { $0.append(number) } }
    var numbers: [TicketNumber] { list.withLock { $0 } }
}

/// A `minhu serve` process on a free port of its own choosing.
final class ServeNode: Sendable {
    let process: Process
    let port: Int

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts a node and waits until it listens (its log says on which port).
    static func start(db: String) async throws -> ServeNode {
        let process = Process()
        process.executableURL = MinhuBinary.url
        process.arguments = ["serve", "--db", db, "--host", "127.0.0.1", "--port", "0"] + intentsOption
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        let text = Mutex("")
        log.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            text.withLock { $0 += chunk }
        }
        try process.run()
        // A debug build loading the intents beside a parallel test run can take a while.
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline, process.isRunning {
            if let port = text.withLock({ Self.listeningPort(in: $0) }) {
                return ServeNode(process: process, port: port)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw NodeDidNotStart(log: text.withLock { $0 })
    }

    /// The port in the "listening" log line.
    private static func listeningPort(in log: String) -> Int? {
        guard let line = log.split(separator: "\n").first(where: { $0.hasSuffix("listening") }),
              let range = line.range(of: "port=") else { return nil }
        return Int(line[range.upperBound...].prefix(while: \.isNumber))
    }

    /// SIGKILL: the node dies without a chance to finish anything.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, the graceful way; SIGKILL if it does not stop within 10 s.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill() }
    }

    struct NodeDidNotStart: Error, CustomStringConvertible {
        let log: String
        var description: String { "minhu serve did not start listening:\n\(log)" }
    }
}
