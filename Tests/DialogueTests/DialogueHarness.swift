import DispatchStore
import Foundation
import Testing
import Understanding
@testable import Dialogue

/// The project's `intents/` folder and an interpreter trained on it (shared: training once).
let intentsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("intents")
let sharedInterpreter = try! Interpreter(directory: intentsDirectory)

/// Friday 27 November 2026, 10:00 in Wuhan.
let morning = Date(timeIntervalSince1970: 1_795_744_800)

/// A resident talking to an engine over an in-memory store.
struct Resident {
    let engine: ConversationEngine
    let store: any DispatchStore
    let key: ConversationKey

    init(engine: ConversationEngine, store: any DispatchStore, user: String = "resident-1", room: String = "room-1",
         channel: String = "line") {
        self.engine = engine
        self.store = store
        key = ConversationKey(channel: channel, room: room, user: user)
    }

    /// Says `text` and returns the bot's reply as one string.
    @discardableResult
    func say(_ text: String) async throws -> String {
        try await engine.handle(Turn(key: key, text: text, time: morning)).text
    }
}

func makeEngine() throws -> (ConversationEngine, any DispatchStore) {
    let store = try SQLiteDispatchStore.inMemory()
    return (ConversationEngine(interpreter: sharedInterpreter, store: store), store)
}

/// The ticket number in a reply (`工单号：MH-000001`).
func ticketNumber(in reply: String) -> TicketNumber? {
    guard let range = reply.range(of: "工单号：") else { return nil }
    return TicketNumber(parsing: String(reply[range.upperBound...].prefix(9)))
}

/// Takes a ticket through 派单, 接单 and 跑单 as the unit `unit`, and (with `resolving`) to 办结.
func startWork(on number: TicketNumber, in store: any DispatchStore, unit: String = "wuye",
               resolving note: String? = nil) async throws {
    try await store.apply(.dispatch(unitID: unit), to: number, by: .staff("wang"))
    try await store.apply(.accept, to: number, by: .unit(unit))
    try await store.apply(.start, to: number, by: .unit(unit))
    if let note { try await store.apply(.resolve(note: note), to: number, by: .unit(unit)) }
}
