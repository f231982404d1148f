import DispatchStore
import Foundation
import Understanding

/// The dialogue: from what a resident says to a ticket, an answer, or a person.
///
/// Transport-free: the line server and the gateways call ``handle(_:)`` with each line. Turns of
/// one conversation run one after another (never interleaved); different conversations run
/// concurrently. After every turn the dialogue state is saved in the store, so a restart or
/// another node continues where the resident left off, and every line in and out is appended
/// to the transcript.
///
/// ```swift
/// let engine = ConversationEngine(interpreter: try Interpreter(directory: intentsURL), store: store)
/// let reply = try await engine.handle(Turn(key: ConversationKey(channel: "line", room: "10.0.0.7", user: "1"),
///                                          text: "3栋2单元楼道灯坏了，电话13912345678"))
/// ```
public actor ConversationEngine {
    private let processor: TurnProcessor
    /// The last turn of each conversation still running, so the next one waits for it.
    private var tails: [ConversationKey: Task<Reply, any Error>] = [:]

    /// Creates an engine over an interpreter (the intents) and a store.
    public init(interpreter: Interpreter, store: any DispatchStore) {
        processor = TurnProcessor(interpreter: interpreter, store: store)
    }

    /// Whether the conversation was ever started: a mistyped session code names none, and
    /// resuming it would open an empty one and pretend to go on.
    public func knows(_ key: ConversationKey) async throws -> Bool {
        try await !processor.store.conversations(matching: ConversationFilter(channel: key.channel, user: key.user, limit: 1)).isEmpty
    }

    /// Answers one line of a resident. Throws only when the store fails; the caller should
    /// then tell the resident to try again (nothing was acknowledged).
    public func handle(_ turn: Turn) async throws -> Reply {
        try await serialized(turn.key) { processor in try await processor.process(turn) }
    }

    /// What a transport says when ``handle(_:)`` throws: the store failed, nothing was promised.
    public static let storeUnavailableReply = Answers.storeUnavailable

    /// What the bot says when a resident connects (the greeting, with what it can do).
    public nonisolated var welcome: String { processor.answers.welcome }

    /// Lines to push to a connected resident about one of their tickets that changed (dispatched,
    /// accepted, resolved …), with the rating question once it is resolved. Recorded in the
    /// transcript like any other reply.
    public func update(about ticket: Ticket, for key: ConversationKey, now: Date = Date()) async throws -> [String] {
        try await serialized(key) { processor in try await processor.notify(about: ticket, key: key, now: now) }.lines
    }

    /// Just the rating questions due for a conversation (e.g. when a resident reconnects).
    public func updates(for key: ConversationKey, now: Date = Date()) async throws -> [String] {
        try await serialized(key) { processor in try await processor.notify(about: nil, key: key, now: now) }.lines
    }

    /// A resident came back to a conversation on a new connection (after a drop, or on another
    /// node): the rating questions due for it, and its id, so that ticket updates reach the new
    /// connection at once.
    public func resume(_ key: ConversationKey, now: Date = Date()) async throws -> Reply {
        try await serialized(key) { processor in try await processor.notify(about: nil, key: key, now: now) }
    }

    /// Runs `body` after the conversation's turns in flight, before the ones that follow.
    private func serialized(_ key: ConversationKey, _ body: @escaping @Sendable (TurnProcessor) async throws -> Reply)
        async throws -> Reply {
        let previous = tails[key]
        let processor = self.processor
        let task = Task {
            _ = try? await previous?.value
            return try await body(processor)
        }
        tails[key] = task
        defer { if tails[key] == task { tails[key] = nil } }
        return try await task.value
    }
}
