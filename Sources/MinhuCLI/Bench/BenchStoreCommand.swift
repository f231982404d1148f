import ArgumentParser
import DispatchStore
import DispatchStorePostgres
import Foundation

/// `minhu bench store`: durable ticket creations and transcript appends per second, on SQLite
/// files or (with `--db postgres://…`) on a PostgreSQL server, each figure in a new schema.
///
/// With `--crash-writer` it instead creates tickets until killed, printing each ticket number
/// only after its commit: the crash tests kill it and check that every printed ticket survived.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Measure durable ticket creations and transcript appends.",
        discussion: """
            Each figure uses a new database file (WAL, synchronous=FULL) in --dir, or with \
            --db postgres://… a new schema on that server (synchronous_commit=on), dropped afterwards. \
            Example: swift run -c release minhu bench store
            """
    )

    @Option(help: "Tickets to create in each ticket measurement.")
    var tickets = 20_000

    @Option(help: "Transcript lines to append in the transcript measurement.")
    var messages = 200_000

    @Option(help: "Concurrent writers in the concurrent measurements.")
    var writers = 100

    @Option(help: "Folder for the benchmark databases (default: a new temporary folder, removed afterwards).")
    var dir: String?

    @Flag(help: "Create tickets until killed, printing each ticket number after its commit (for the crash test).")
    var crashWriter = false

    @Option(help: "A postgres:// URL to measure instead of SQLite files; the database file or URL for --crash-writer.")
    var db: String?

    func validate() throws {
        if crashWriter, db == nil { throw ValidationError("--crash-writer needs --db PATH") }
        guard tickets > 0, messages > 0, writers > 0 else {
            throw ValidationError("--tickets, --messages and --writers must be positive")
        }
    }

    func run() async throws {
        if crashWriter, let db {
            try await runCrashWriter(location: db)
        }
        warnIfDebugBuild()
        if let db {
            guard DatabaseOptions.urlScheme(of: db).map(DatabaseOptions.isPostgres(scheme:)) == true else {
                throw ValidationError("--db takes a postgres:// URL here; SQLite figures use new files in --dir")
            }
            try await runPostgres(DatabaseOptions.postgresConfiguration(db))
            return
        }
        let folder = try BenchFolder(path: dir)
        defer { folder.removeIfTemporary() }

        let oneWriter = min(tickets, 5_000)
        var cpu = processCPUSeconds()
        // The CPU time each measurement used, per item: steadier than the rate on a busy machine.
        func cpuPerItem(_ count: Int) -> String {
            let now = processCPUSeconds()
            defer { cpu = now }
            return String(format: "%.1f µs CPU each", (now - cpu) / Double(count) * 1e6)
        }
        let lone = try await measureCreations(in: folder, count: oneWriter, writers: 1, batchSize: 512)
        report("ticket creations, 1 writer", lone, count: oneWriter, unit: "tickets", cpu: cpuPerItem(oneWriter))
        let unbatched = try await measureCreations(in: folder, count: tickets, writers: writers, batchSize: 1)
        report("ticket creations, \(writers) writers, one commit per ticket", unbatched, count: tickets, unit: "tickets",
               cpu: cpuPerItem(tickets))
        let grouped = try await measureCreations(in: folder, count: tickets, writers: writers, batchSize: 512)
        report("ticket creations, \(writers) writers, group commit", grouped, count: tickets, unit: "tickets",
               cpu: cpuPerItem(tickets))
        let appends = try await measureAppends(in: folder, count: messages, writers: writers,
                                               afterSetUp: { cpu = processCPUSeconds() })
        report("transcript appends, \(writers) writers, group commit", appends, count: messages, unit: "lines",
               cpu: cpuPerItem(messages))
        // The same lines in conversations as long as residents' (a request takes a handful of
        // turns): each commit then touches far fewer pages of the (conversation, sequence) index.
        let linesPerConversation = 20
        let shortConversations = try await measureAppends(
            in: folder, count: messages, writers: writers, linesPerConversation: linesPerConversation,
            afterSetUp: { cpu = processCPUSeconds() })
        report("transcript appends, \(writers) writers, group commit, \(linesPerConversation) lines per conversation",
               shortConversations, count: messages, unit: "lines", cpu: cpuPerItem(messages))
    }

    // MARK: Measurements

    /// The PostgreSQL figures: one commit per ticket always (the server shares WAL flushes
    /// between concurrent commits itself), each measurement in a schema of its own.
    private func runPostgres(_ configuration: PostgresStoreConfiguration) async throws {
        print("PostgreSQL at \(configuration)")
        func measure(_ body: (PostgresDispatchStore) async throws -> Duration) async throws -> Duration {
            let store = PostgresDispatchStore(configuration: configuration.withSchema(
                "minhu_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)))
            do {
                try await requireDurableCommits(store)
                let elapsed = try await body(store)
                try await store.dropSchema()
                await store.close()
                return elapsed
            } catch {
                try? await store.dropSchema()
                await store.close()
                throw error
            }
        }
        let oneWriter = min(tickets, 2_000)
        let lone = try await measure { try await measureCreations(on: $0, count: oneWriter, writers: 1) }
        report("ticket creations, 1 writer", lone, count: oneWriter, unit: "tickets", durability: "synchronous_commit=on")
        let concurrent = try await measure { try await measureCreations(on: $0, count: tickets, writers: writers) }
        report("ticket creations, \(writers) writers", concurrent, count: tickets, unit: "tickets",
               durability: "synchronous_commit=on")
        let appends = try await measure { try await measureAppends(on: $0, count: messages, writers: writers) }
        report("transcript appends, \(writers) writers", appends, count: messages, unit: "lines",
               durability: "synchronous_commit=on")
    }

    private func measureCreations(in folder: BenchFolder, count: Int, writers: Int, batchSize: Int) async throws
        -> Duration
    {
        let store = try SQLiteDispatchStore(
            path: folder.newDatabasePath(), options: .init(maximumBatchSize: batchSize))
        try await requireDurableCommits(store)
        return try await measureCreations(on: store, count: count, writers: writers)
    }

    private func measureCreations(on store: any DispatchStore, count: Int, writers: Int) async throws -> Duration {
        let elapsed = try await ContinuousClock().measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for index in stride(from: writer, to: count, by: writers) {
                            _ = try await store.createTicket(Self.draft(number: index, source: "bench-\(index)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let stored = try await store.stats(since: nil).total
        guard stored == count else { throw CLIError("expected \(count) tickets, found \(stored)") }
        return elapsed
    }

    private func measureAppends(in folder: BenchFolder, count: Int, writers: Int, linesPerConversation: Int? = nil,
                                afterSetUp: () -> Void = {}) async throws -> Duration {
        let store = try SQLiteDispatchStore(path: folder.newDatabasePath())
        try await requireDurableCommits(store)
        return try await measureAppends(on: store, count: count, writers: writers,
                                        linesPerConversation: linesPerConversation, afterSetUp: afterSetUp)
    }

    /// Appends `count` lines from `writers` concurrent writers, each writing to one conversation
    /// of its own, or to a new one every `linesPerConversation` lines. The conversations are
    /// opened before the clock starts.
    private func measureAppends(on store: any DispatchStore, count: Int, writers: Int, linesPerConversation: Int? = nil,
                                afterSetUp: () -> Void = {}) async throws -> Duration {
        let linesPerWriter = (count + writers - 1) / writers
        let perConversation = linesPerConversation ?? linesPerWriter
        let conversationsPerWriter = (linesPerWriter + perConversation - 1) / perConversation
        // Opened in the order residents would start them: the conversations in progress at the
        // same moment were started at about the same time, and so have neighbouring ids.
        var conversations = [[Int64]](repeating: [], count: writers)
        for number in 0..<conversationsPerWriter {
            for writer in 0..<writers {
                conversations[writer].append(
                    try await store.openConversation(channel: "line", room: "", user: "resident-\(writer)-\(number)").id)
            }
        }
        afterSetUp()
        let lines = ["楼道灯坏了好几天了", "请问您的地址是几栋几单元？", "3栋2单元502", "好的，已为您登记报修。"]
        return try await ContinuousClock().measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (writer, own) in conversations.enumerated() {
                    group.addTask {
                        for (line, index) in stride(from: writer, to: count, by: writers).enumerated() {
                            let inbound = index % 2 == 0
                            try await store.appendMessage(TranscriptLine(
                                conversationID: own[line / perConversation], direction: inbound ? .inbound : .outbound,
                                text: lines[index % lines.count], intent: inbound ? "repair" : nil,
                                confidence: inbound ? 0.92 : nil))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    /// Creates tickets from 16 concurrent writers until the process is killed.
    private func runCrashWriter(location: String) async throws -> Never {
        let store = try DatabaseOptions.openStore(at: location, creating: true)
        try await requireDurableCommits(store)
        let run = ProcessInfo.processInfo.processIdentifier
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    var index = 0
                    while true {
                        let ticket = try await store.createTicket(
                            Self.draft(number: index, source: "crash-\(run)-\(writer)-\(index)"))
                        // One write(2) per line, after the commit: a line on stdout is an acknowledgement.
                        FileHandle.standardOutput.write(Data("\(ticket.id)\n".utf8))
                        index += 1
                    }
                }
            }
            try await group.waitForAll()
        }
        throw ExitCode.failure
    }

    // MARK: Helpers

    private static func draft(number: Int, source: String) -> TicketDraft {
        TicketDraft(
            category: "repair", subcategory: "light", summary: "楼道灯不亮 #\(number)",
            details: "3栋2单元五楼楼道灯坏了好几天了，晚上老人上下楼看不见。", address: "3栋2单元502",
            contactPhone: "13800138000", channel: "bench", sourceMessageID: source,
            dispatchWithin: 2 * 3600, resolveWithin: 48 * 3600, submittedBy: .resident("bench"))
    }

    /// Refuses to measure (or acknowledge) anything a crash could lose.
    private func requireDurableCommits(_ store: any DispatchStore) async throws {
        if let store = store as? SQLiteDispatchStore {
            let level = try await store.synchronousLevel()
            guard level == 2 else { throw CLIError("expected synchronous=FULL (2), found \(level)") }
        } else if let store = store as? PostgresDispatchStore {
            let setting = try await store.synchronousCommit()
            guard setting != "off", setting != "local" else {
                throw CLIError("expected synchronous_commit=on, found \(setting)")
            }
        }
    }

    private func report(_ label: String, _ elapsed: Duration, count: Int, unit: String, durability: String = "synchronous=FULL",
                        cpu: String? = nil) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%@: %.0f/s (%d %@ in %.2f s, %@%@)",
                     label, Double(count) / seconds, count, unit, seconds, durability, cpu.map { ", " + $0 } ?? ""))
    }
}

/// Where the benchmark puts its databases: a given folder, or a temporary one removed afterwards.
private struct BenchFolder {
    let url: URL
    let isTemporary: Bool

    init(path: String?) throws {
        if let path {
            url = URL(fileURLWithPath: path, isDirectory: true)
            isTemporary = false
        } else {
            url = FileManager.default.temporaryDirectory
                .appendingPathComponent("minhu-bench-\(ProcessInfo.processInfo.processIdentifier)")
            isTemporary = true
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func newDatabasePath() -> String {
        url.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
    }

    func removeIfTemporary() {
        if isTemporary { try? FileManager.default.removeItem(at: url) }
    }
}
