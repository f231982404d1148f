import DispatchStore
import Foundation
import Testing

/// `minhu bench abuse` against a real `minhu serve` on its default limits: every attack is
/// answered as it should be, ordinary residents chatting at the same time get right answers,
/// and no telnet byte, NUL or U+FFFD reaches the transcript. (Reply times and memory are
/// figures the bench prints in release builds, not asserted here.)
@Suite(.serialized) struct BadInputTests {
    @Test func theServerAnswersEveryAttackAndOrdinaryResidentsAreServedMeanwhile() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let node = try await ServeNode.start(db: database.path)
        defer { node.stop() }
        let output = try runMinhu(["bench", "abuse", "--port", "\(node.port)", "--duration", "20", "--slowloris", "40",
                                   "--server-pid", "\(node.process.processIdentifier)", "--json"])
        #expect(output.exitCode == 0, "\(output.stdout)\n\(output.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.stdout.utf8))
        #expect(Set(report.attacks.map(\.name)).count == 13)
        for attack in report.attacks {
            #expect(attack.runs > 0 && attack.asExpected == attack.runs, "\(attack)")
        }
        #expect(report.residents.replies > 0 && report.residents.wrongReplies == 0, "\(report.residents)")
        #expect(node.process.isRunning)

        var lines: [TranscriptMessage] = []
        while true {
            let page = try await database.store.transcriptPage(of: nil, afterID: lines.last?.id, limit: 5000)
            if page.isEmpty { break }
            lines += page
        }
        #expect(lines.count > 100)
        let damaged = lines.filter { line in
            line.text.contains("\u{FFFD}") || line.text.unicodeScalars.contains { $0.value < 0x20 && line.direction == .inbound }
        }
        #expect(damaged.isEmpty, "\(damaged.prefix(5).map(\.text))")
    }

    private struct Report: Decodable {
        struct Attack: Decodable {
            let name: String
            let runs: Int
            let asExpected: Int
        }
        struct Residents: Decodable {
            let replies: Int
            let wrongReplies: Int
        }
        let attacks: [Attack]
        let residents: Residents
    }
}
