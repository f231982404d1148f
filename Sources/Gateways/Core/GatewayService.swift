import Dialogue
import DispatchStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Understanding

/// One chat system bridged to the bot: keeps its link up, answers residents in its rooms,
/// pushes ticket updates to them, and posts tickets to staff and volunteer rooms.
///
/// Conversations are keyed (platform, room, user), so two residents in one group never share
/// a dialogue.
public final class GatewayService: Service, Sendable {
    private let adapter: any GatewayAdapter
    private let policy: RoomPolicy
    private let engine: ConversationEngine
    private let interpreter: Interpreter
    private let store: any DispatchStore
    private let triage: MessageTriage
    private let logger: Logger
    private let outbox: Outbox
    private let board: TicketBoard
    private let state = Mutex(State())
    private let lastActivity = Mutex(ContinuousClock.now)

    private struct State {
        var recentIDs = RecentMessageIDs(capacity: 10_000)
        /// Conversations whose resident the bot just asked something, until when.
        var awaiting: [ConversationKey: ContinuousClock.Instant] = [:]
        var inbound = 0
        var answered = 0
    }

    /// Creates the service for one adapter.
    public init(adapter: any GatewayAdapter, policy: RoomPolicy, engine: ConversationEngine, interpreter: Interpreter,
                store: any DispatchStore, triage: MessageTriage = MessageTriage(), logger: Logger) {
        self.adapter = adapter
        self.policy = policy
        self.engine = engine
        self.interpreter = interpreter
        self.store = store
        self.triage = triage
        var logger = logger
        logger[metadataKey: "gateway"] = "\(adapter.platform)"
        self.logger = logger
        outbox = Outbox(minimumInterval: adapter.minimumSendInterval, logger: logger)
        board = TicketBoard(platform: adapter.platform, policy: policy, store: store, engine: engine,
                            catalog: interpreter.catalog)
    }

    /// Counts since start, for benchmarks and the closing log line.
    public var counts: (inbound: Int, answered: Int) {
        state.withLock { ($0.inbound, $0.answered) }
    }

    /// Messages the platform accepted so far.
    public func sentCount() async -> Int { await outbox.sentCount }

    public func run() async throws {
        await outbox.setRefusalHandler { [weak self] message, refusal in
            // Never dropped silently: staff see what did not go out, and why.
            guard let self else { return }
            await board.reportRefusal(message, refusal, send: send)
        }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.keepLinked() }
                group.addTask { await self.board.watch(send: self.send, logger: self.logger) }
                await group.next()
                group.cancelAll()
            }
        }
        await adapter.shutdown()
        logger.info("gateway stopped", metadata: ["inbound": "\(counts.inbound)", "answered": "\(counts.answered)"])
    }

    // MARK: The link

    /// Connects, watches for a dead link, and connects again after a backoff, until cancelled.
    private func keepLinked() async {
        var backoff = ReconnectBackoff()
        let events = GatewayEvents(
            onMessage: { [weak self] message in await self?.handle(message) },
            onActivity: { [weak self] in self?.lastActivity.withLock { $0 = .now } })
        while !Task.isCancelled {
            do {
                let link = try await adapter.connect(events: events)
                let linkedAt = ContinuousClock.now
                lastActivity.withLock { $0 = .now }
                logger.info("gateway linked", metadata: ["self": "\(link.selfID)"])
                await outbox.setLink(link)
                await watchUntilClosed(link)
                await outbox.setLink(nil)
                if Task.isCancelled { return }
                // Only a link that held for a while starts the delays again: a server that accepts
                // and at once drops the bot must not be hammered every second.
                if ContinuousClock.now - linkedAt > .seconds(60) { backoff.reset() }
                logger.warning("gateway link closed")
            } catch is CancellationError {
                return
            } catch {
                logger.warning("gateway could not connect", metadata: ["error": "\(error)"])
            }
            guard !Task.isCancelled else { return }
            let delay = backoff.nextDelay()
            logger.info("gateway reconnecting", metadata: ["in": "\(delay)"])
            try? await Task.sleep(for: delay)
        }
    }

    /// Returns when the link closes, or closes it when it has been silent too long.
    private func watchUntilClosed(_ link: any GatewayLink) async {
        let timeout = adapter.deadLinkTimeout
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await link.waitUntilClosed() }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: timeout / 4)
                    if ContinuousClock.now - self.lastActivity.withLock({ $0 }) > timeout {
                        self.logger.warning("gateway link silent too long, reconnecting")
                        return
                    }
                }
            }
            await group.next()
            // Close before leaving the group: it waits for every child, and the one waiting
            // for the link to close would otherwise wait for ever.
            await link.close()
            group.cancelAll()
        }
    }

    // MARK: Inbound

    /// Handles one message from the platform: drops redeliveries, decides whether it is for
    /// the bot, and queues the answer.
    func handle(_ message: InboundMessage) async {
        guard message.user != message.selfID, let room = policy.configuration(for: message.room) else { return }
        let key = ConversationKey(channel: message.platform, room: message.room.conversationRoom, user: message.user)
        let fresh = state.withLock { state -> Bool in
            state.inbound += 1
            guard let id = message.messageID else { return true }
            return state.recentIDs.insert("\(message.room)|\(id)")
        }
        guard fresh else {
            logger.debug("duplicate message dropped", metadata: ["id": "\(message.messageID ?? "")"])
            return
        }
        let awaits = state.withLock { state in
            guard let until = state.awaiting[key] else { return false }
            if until < .now { state.awaiting[key] = nil; return false }
            return true
        }
        let prediction = interpreter.classifier.classify(message.text)
        let mention = message.room.isDirect ? nil : OutboundMessage.Mention(user: message.user, displayName: message.displayName)
        switch triage.decide(message, in: room, awaitsAnswer: awaits, prediction: prediction) {
        case .ignore:
            return
        case .notHandledHere(let text):
            await send([text], to: message.room, mention: mention)
        case .claim(let number):
            await board.claim(number, by: message, send: send)
        case .answer:
            do {
                let reply = try await engine.handle(Turn(key: key, text: message.text, messageID: message.messageID))
                state.withLock { state in
                    state.answered += 1
                    state.awaiting[key] = reply.awaitsAnswer ? .now + .seconds(600) : nil
                }
                await send(reply.lines, to: message.room, mention: mention)
            } catch {
                logger.error("turn failed", metadata: ["error": "\(error)"])
                await send([ConversationEngine.storeUnavailableReply], to: message.room, mention: mention)
            }
        }
    }

    @Sendable private func send(_ lines: [String], to room: GatewayRoom, mention: OutboundMessage.Mention?) async {
        let budget = adapter.textBudget(room: room, mention: mention)
        let chunks = lines.flatMap { ReplySplitter.split($0, maximumBytes: budget) }
        await outbox.enqueue(chunks.map { OutboundMessage(room: room, mention: mention, text: $0) })
    }
}
