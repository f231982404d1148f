import ArgumentParser
import Dialogue
import DispatchStore
import Foundation

/// `minhu bench turns`: the conversation engine and the store without sockets, many residents at
/// once with `bench chat`'s script. Set beside `bench chat`, it shows what the transport costs.
struct BenchTurnsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "turns",
        abstract: "Measure turns/s and CPU per turn of the dialogue engine and the store, without the network.",
        discussion: "Example: swift run -c release minhu bench turns --db /tmp/turns.sqlite --residents 100"
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var intents: IntentsOptions

    @Option(help: "Concurrent residents (conversations).")
    var residents = 100

    @Option(help: "Seconds to run.")
    var duration = 10.0

    func run() async throws {
        warnIfDebugBuild()
        let store = try database.openStore(creating: true)
        let engine = ConversationEngine(interpreter: try intents.loadInterpreter(), store: store)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(duration)
        let cpuBefore = processCPUSeconds()
        let start = clock.now
        let counts = try await withThrowingTaskGroup(of: (turns: Int, tickets: Int).self) { group in
            for index in 0..<residents {
                group.addTask {
                    let key = ConversationKey(channel: "bench", room: "", user: "resident-\(index)-\(UUID().uuidString)")
                    var turns = 0
                    var tickets = 0
                    while clock.now < deadline {
                        for line in ResidentLoad.script(for: index) {
                            let reply = try await engine.handle(Turn(key: key, text: line))
                            turns += 1
                            if reply.lines.contains(where: { $0.contains("工单号：") }) { tickets += 1 }
                        }
                    }
                    return (turns, tickets)
                }
            }
            return try await group.reduce(into: (turns: 0, tickets: 0)) { $0.turns += $1.turns; $0.tickets += $1.tickets }
        }
        let elapsed = (clock.now - start).seconds
        let cpu = processCPUSeconds() - cpuBefore
        print(String(format: "%d residents, %.1f s: %d turns (%.0f/s), %d tickets; %.0f µs CPU per turn",
                     residents, elapsed, counts.turns, Double(counts.turns) / elapsed, counts.tickets,
                     cpu / Double(max(1, counts.turns)) * 1e6))
    }
}
