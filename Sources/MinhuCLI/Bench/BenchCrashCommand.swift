import ArgumentParser
import DispatchStore
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// `minhu bench crash`: the crash drill. Starts `minhu serve` on a store, lets residents file
/// tickets over the line protocol, kills the server with SIGKILL at a varying moment and starts
/// it again, round after round. After every kill each ticket number a resident was told must be
/// in the store, and a SQLite database must pass `PRAGMA integrity_check`.
struct BenchCrashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash",
        abstract: "Kill a loaded `minhu serve` with SIGKILL again and again; check no told ticket is lost.",
        discussion: """
            Runs this same binary as the server, on --db (created if missing). Exits with status 1 \
            if a ticket number a resident was told is missing after a kill, or the database is damaged. \
            Example: swift run -c release minhu bench crash --db /tmp/drill.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var intents: IntentsOptions

    @Option(help: "How many times to kill the server.")
    var rounds = 20

    @Option(help: "Residents filing tickets at once.")
    var residents = 6

    @Option(help: "Ticket numbers told in a round before the kill is armed.")
    var ticketsBeforeKill = 5

    @Option(help: "Longest extra wait before the kill, in milliseconds (chosen at random each round).")
    var maximumKillDelay = 400

    func validate() throws {
        guard rounds > 0, residents > 0, ticketsBeforeKill > 0, maximumKillDelay >= 0 else {
            throw ValidationError("--rounds, --residents and --tickets-before-kill must be positive")
        }
    }

    func run() async throws {
        try database.validate()
        // Creates the file (or the PostgreSQL tables) before the first server starts.
        _ = try await DatabaseOptions.openStore(at: database.location, creating: true).units()
        var told: [TicketNumber] = []
        for round in 1...rounds {
            let server = try await ServerProcess.start(database: database.location, intents: intents.directory)
            let delay = Int.random(in: 0...maximumKillDelay)
            let numbers = await CrashLoad(port: server.port, residents: residents)
                .fileTickets(killingAfter: ticketsBeforeKill, delay: .milliseconds(delay)) { server.kill() }
            guard numbers.count >= ticketsBeforeKill else {
                throw CLIError("round \(round): the residents were told only \(numbers.count) ticket numbers before the kill")
            }
            told += numbers

            // A fresh connection sees what the next start will: the database after recovery.
            let store = try DatabaseOptions.openStore(at: database.location, creating: false)
            let integrity = try await (store as? SQLiteDispatchStore)?.integrityCheck().joined(separator: "; ")
            let stored = Set(try await store.tickets(matching: TicketFilter(limit: nil)).map(\.id))
            let lost = told.filter { !stored.contains($0) }
            print(String(format: "round %2d: %3d tickets told, killed %3d ms after the %dth; %@; integrity %@",
                         round, numbers.count, delay, ticketsBeforeKill,
                         lost.isEmpty ? "all \(told.count) told so far are stored" : "LOST \(lost.map(\.description))",
                         integrity ?? "n/a (PostgreSQL)"))
            guard lost.isEmpty, integrity == nil || integrity == "ok" else {
                throw CLIError("round \(round): the crash lost acknowledged tickets or damaged the database")
            }
        }
        print("crash drill: \(rounds) SIGKILLs, \(told.count) ticket numbers told, 0 lost"
              + (database.location.contains("://") ? "" : ", integrity_check ok after every kill"))
    }
}

/// A `minhu serve` child process (this same binary) on a port of its own choosing.
private struct ServerProcess {
    let process: Process
    let port: Int

    /// Starts the server, without flood limits (the drill's residents type as fast as it answers),
    /// and waits until its log says on which port it listens.
    static func start(database: String, intents: String) async throws -> ServerProcess {
        guard let binary = Bundle.main.executableURL else { throw CLIError("cannot find the minhu executable") }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--db", database, "--intents", intents, "--host", "127.0.0.1", "--port", "0",
                             "--flood-burst", "1000000", "--flood-rate", "1000000"]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        let text = Mutex("")
        // Keep reading the log for the server's whole life, so that it never blocks on a full pipe.
        log.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            text.withLock { $0 += chunk }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline, process.isRunning {
            if let port = text.withLock({ listeningPort(in: $0) }) { return ServerProcess(process: process, port: port) }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw CLIError("minhu serve did not start:\n\(text.withLock { $0 })")
    }

    /// The port in the server's "listening" log line.
    private static func listeningPort(in log: String) -> Int? {
        guard let line = log.split(separator: "\n").first(where: { $0.hasSuffix("listening") }),
              let range = line.range(of: "port=") else { return nil }
        return Int(line[range.upperBound...].prefix(while: \.isNumber))
    }

    /// SIGKILL: no chance to finish anything.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Residents filing repair requests as fast as the server answers, until it dies under them.
private struct CrashLoad {
    let port: Int
    let residents: Int

    /// Files tickets from every resident; once `count` numbers were told, waits `delay` and calls
    /// `kill`. Returns every ticket number a resident was told.
    func fileTickets(killingAfter count: Int, delay: Duration, kill: @escaping @Sendable () -> Void) async
        -> [TicketNumber] {
        let told = ToldNumbers()
        await withTaskGroup(of: Void.self) { group in
            for resident in 0..<residents {
                group.addTask {
                    // Ends when the server dies: the connection breaks mid-turn.
                    try? await fileTickets(as: resident) { told.add($0) }
                }
            }
            group.addTask {
                let deadline = ContinuousClock.now + .seconds(120)
                while told.count < count, ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(5))
                }
                try? await Task.sleep(for: delay)
                kill()
            }
        }
        return told.numbers
    }

    private func fileTickets(as resident: Int, told: @Sendable (TicketNumber) -> Void) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var reader = PromptReader(iterator: inbound.makeAsyncIterator())
            _ = try await reader.nextReply()
            for flat in 0... {
                let request = "\(resident % 30 + 1)栋2单元\(flat % 40 + 101)室楼道灯坏了，电话139\(String(format: "%08d", resident))"
                try await outbound.write(ByteBuffer(string: request + "\r\n"))
                _ = try await reader.nextReply()
                try await outbound.write(ByteBuffer(string: "确认\r\n"))
                let reply = try await reader.nextReply()
                guard let number = Self.ticketNumber(in: reply) else {
                    throw CLIError("no ticket number in: \(reply)")
                }
                told(number)
            }
        }
    }

    /// The number in `工单号：MH-000123。`, as a resident reads it.
    private static func ticketNumber(in reply: String) -> TicketNumber? {
        guard let range = reply.range(of: "工单号：") else { return nil }
        return TicketNumber(parsing: String(reply[range.upperBound...].prefix(while: { $0 != "。" && !$0.isWhitespace })))
    }
}

/// Ticket numbers told to residents on concurrent connections.
private final class ToldNumbers: Sendable {
    private let list = Mutex<[TicketNumber]>([])
    func add(_ number: TicketNumber) { list.withLock { $0.append(number) } }
    var count: Int { list.withLock { $0.count } }
    var numbers: [TicketNumber] { list.withLock { $0 } }
}
