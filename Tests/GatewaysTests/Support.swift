import Dialogue
import DispatchStore
import Foundation
import Logging
import Understanding
@testable import Gateways

let intentsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("intents")

/// Trained once for the whole target (about 15 s in a debug build).
let sharedInterpreter = try! Interpreter(directory: intentsDirectory)

/// The shared interpreter, trained on a thread of its own: training blocks for seconds, and on
/// the two threads of Swift's cooperative pool that would stall every other test's timers.
func trainedInterpreter() async -> Interpreter {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: sharedInterpreter) }.start()
    }
}

let testLogger: Logger = {
    var logger = Logger(label: "gateway-tests")
    logger.logLevel = ProcessInfo.processInfo.environment["MINHU_TEST_LOG"] == "1" ? .debug : .critical
    return logger
}()

/// Polls `condition` until it holds or the time is up.
func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(25))
    }
    return false
}

/// A gateway service over an in-memory store, running until `stop()`.
struct RunningGateway {
    let service: GatewayService
    let store: SQLiteDispatchStore
    let task: Task<Void, any Error>

    init(adapter: any GatewayAdapter, rooms: [RoomConfiguration], triage: MessageTriage = MessageTriage()) async throws {
        let interpreter = await trainedInterpreter()
        store = try SQLiteDispatchStore.inMemory()
        let engine = ConversationEngine(interpreter: interpreter, store: store)
        service = GatewayService(adapter: adapter, policy: RoomPolicy(rooms: rooms), engine: engine,
                                 interpreter: interpreter, store: store, triage: triage, logger: testLogger)
        let service = service
        task = Task { try await service.run() }
    }

    func stop() { task.cancel() }
}
