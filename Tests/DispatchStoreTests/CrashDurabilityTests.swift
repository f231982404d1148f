import DispatchStore
import DispatchStorePostgres
import Foundation
import MinhuTestSupport
import Synchronization
import Testing

/// Durability: a ticket number said to a resident survives the writer being killed, on SQLite
/// (on disk) and on PostgreSQL.
@Suite struct CrashDurabilityTests {
    @Test func everyAcknowledgedTicketSurvivesKillingTheWriterMidLoad() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("crash.sqlite")
        let acknowledged = try await Self.acknowledgementsOfAKilledWriter(location: path)

        let store = try SQLiteDispatchStore(path: path)
        #expect(try await store.integrityCheck() == ["ok"])
        try await Self.expectNoneLost(acknowledged, in: store)
    }

    @Test func everyAcknowledgedTicketSurvivesKillingAPostgresNodeMidLoad() async throws {
        try await TestPostgres.withStore { store in
            // Migrate first, so that the writer starts creating at once.
            _ = try await store.units()
            let acknowledged = try await Self.acknowledgementsOfAKilledWriter(location: TestPostgres.url(schema: store.configuration.schema))
            try await Self.expectNoneLost(acknowledged, in: store)
        }
    }

    /// Runs `minhu bench store --crash-writer` on a store, SIGKILLs it once it has acknowledged
    /// 500 tickets, and returns every ticket number it printed (each printed after its commit).
    static func acknowledgementsOfAKilledWriter(location: String) async throws -> [TicketNumber] {
        let minhu = try #require(
            Self.minhuExecutable(),
            "the minhu executable was not found next to the tests in \(Self.productsDirectories.map(\.path)); build it first")
        let writer = Process()
        writer.executableURL = minhu
        writer.arguments = ["bench", "store", "--crash-writer", "--db", location]
        let stdout = Pipe()
        let stderr = Pipe()
        writer.standardOutput = stdout
        writer.standardError = stderr
        let output = Mutex(Data())
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            output.withLock { $0.append(chunk) }
        }
        try writer.run()

        // Kill it while it is busy: once it has acknowledged a good number of tickets.
        let deadline = ContinuousClock.now + .seconds(60)
        while output.withLock({ $0.count { $0 == UInt8(ascii: "\n") } }) < 500, writer.isRunning,
              ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let wasRunning = writer.isRunning
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        stdout.fileHandleForReading.readabilityHandler = nil
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        let printed = output.withLock { $0 + rest }
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(wasRunning, "the writer stopped by itself: \(errors)")
        #expect(writer.terminationReason == .uncaughtSignal)

        // Only complete lines count: a line is written in one write(2) after its commit.
        let lines = String(decoding: printed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let acknowledged = try lines.dropLast().map { line in
            try #require(TicketNumber(parsing: String(line)), "not a ticket number: \(line)")
        }
        try #require(acknowledged.count >= 500, "too few acknowledgements before the kill: \(errors)")
        return acknowledged
    }

    static func expectNoneLost(_ acknowledged: [TicketNumber], in store: any DispatchStore) async throws {
        let stored = Set(try await store.tickets(matching: TicketFilter(limit: nil)).map(\.id))
        let lost = acknowledged.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.prefix(10))")
        for number in acknowledged.prefix(20) {
            #expect(try await store.events(of: number).map(\.action) == [.submit])
        }
    }

    @Test func onDiskStoresCommitWithSynchronousFull() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteDispatchStore(path: folder.path("store.sqlite"))
        #expect(try await store.synchronousLevel() == 2)
    }

    @Test func aSecondConnectionSeesCommittedTicketsAtOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try SQLiteDispatchStore(path: folder.path("store.sqlite"))
        let reader = try SQLiteDispatchStore(path: folder.path("store.sqlite"))
        let ticket = try await writer.createTicket(.lightRepair())
        #expect(try await reader.ticket(ticket.id) == ticket)
    }

    /// Where SwiftPM puts the products it built: next to the test bundle (Linux: the test
    /// executable itself; macOS: the `.xctest` bundle).
    static var productsDirectories: [URL] {
        var directories = [Bundle.main.bundleURL]
        directories += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return directories
    }

    static func minhuExecutable() -> URL? {
        productsDirectories.map { $0.appendingPathComponent("minhu") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
