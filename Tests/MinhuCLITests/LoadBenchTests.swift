import DispatchStore
import Foundation
import Testing

/// The load generators do what their figures claim: `bench chat` speaks the line protocol to a
/// real `minhu serve` and every line it counts is in the transcript; `bench turns` counts the
/// turns and tickets the engine made. (The figures themselves come from release builds.)
@Suite(.serialized) struct LoadBenchTests {
    @Test func benchChatOnAScheduleCountsWhatTheServerStored() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let node = try await ServeNode.start(db: database.path)
        defer { node.stop() }
        // 5 residents at 4 lines/s each: inside the server's default flood limits.
        let output = try runMinhu(["bench", "chat", "--port", "\(node.port)", "--connections", "5", "--duration", "3",
                                   "--rate", "20", "--server-pid", "\(node.process.processIdentifier)"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let figures = try #require(Self.numbers(in: output.stdout, after: [": ", "messages (", "/s), ", "tickets, "]),
                                   "\(output.stdout)")
        let (messages, tickets, failed) = (figures[0], figures[2], figures[3])
        #expect(failed == 0)
        #expect((30...80).contains(messages), "\(output.stdout)")
        // Each round is a request and its confirmation: every confirmation got a ticket number.
        #expect(tickets * 2 == messages, "\(output.stdout)")
        // The server's CPU was read from /proc: it did work for every message.
        let cpu = try #require(Self.numbers(in: output.stdout, after: ["CPU per message: load generator ", "server "]),
                               "\(output.stdout)")
        #expect(cpu[1] > 0, "\(output.stdout)")

        // Every line the bench counted, and each resident's /quit, is in the transcript.
        try await Task.sleep(for: .milliseconds(500))
        var inbound = 0
        var after: Int64?
        while true {
            let page = try await database.store.transcriptPage(of: nil, afterID: after, limit: 1000)
            guard let last = page.last else { break }
            inbound += page.filter { $0.direction == .inbound }.count
            after = last.id
        }
        #expect(inbound == messages + 5)
        #expect(try await database.store.tickets(matching: TicketFilter(limit: nil)).count == tickets)
    }

    @Test func benchTurnsCountsTheTurnsAndTicketsOfTheEngine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-turns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try runMinhu(["bench", "turns", "--db", folder.appendingPathComponent("turns.sqlite").path,
                                   "--residents", "3", "--duration", "1"] + intentsOption)
        #expect(output.exitCode == 0, "\(output.stderr)")
        let figures = try #require(Self.numbers(in: output.stdout, after: [": ", "turns (", "/s), "]), "\(output.stdout)")
        let (turns, tickets) = (figures[0], figures[2])
        #expect(turns > 0)
        #expect(tickets * 2 == turns, "\(output.stdout)")
    }

    /// The integer right after each marker, each marker searched after the previous one.
    private static func numbers(in text: String, after markers: [String]) -> [Int]? {
        var numbers: [Int] = []
        var rest = Substring(text)
        for marker in markers {
            guard let range = rest.range(of: marker) else { return nil }
            rest = rest[range.upperBound...]
            let digits = rest.prefix(while: \.isNumber)
            guard let number = Int(digits) else { return nil }
            numbers.append(number)
        }
        return numbers
    }
}
