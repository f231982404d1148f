import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// One WebSocket connection to a OneBot v11 client (a Universal connection: events and actions
/// on one socket). Events are handed to the core one at a time, in order; answers to actions
/// are matched to them by `echo`, whatever order they come in.
final class OneBotLink: GatewayLink, Sendable {
    private let channel: any Channel
    /// Whether we are the WebSocket client (forward mode): then every frame we send is masked.
    let masksFrames: Bool
    private let actionTimeout: TimeAmount
    private let logger: Logger
    private let sentMessages: OneBotSentMessages
    private let state: Mutex<State>
    private let inbound: AsyncStream<OneBotMessageEvent>
    private let inboundContinuation: AsyncStream<OneBotMessageEvent>.Continuation

    private struct State {
        var selfID: String
        var nextEcho = 0
        var pending: [String: Pending] = [:]
        var events: GatewayEvents?
        var closed = false
        var closeSent = false
        var pinger: RepeatedTask?
    }

    private struct Pending {
        var continuation: CheckedContinuation<OneBotResponse, any Error>
        var timeout: Scheduled<Void>?
    }

    /// Creates the link over an upgraded channel and starts pinging the client every
    /// `pingInterval`, so that a quiet but healthy link is not taken for dead.
    init(channel: any Channel, selfID: String, masksFrames: Bool, actionTimeout: TimeAmount, pingInterval: TimeAmount,
         sentMessages: OneBotSentMessages, logger: Logger) {
        self.channel = channel
        self.sentMessages = sentMessages
        self.masksFrames = masksFrames
        self.actionTimeout = actionTimeout
        self.logger = logger
        state = Mutex(State(selfID: selfID))
        // Events that come before the core takes the link are kept (up to a bound) and handed
        // over once it does.
        (inbound, inboundContinuation) = AsyncStream.makeStream(of: OneBotMessageEvent.self,
                                                                bufferingPolicy: .bufferingOldest(1000))
        let pinger = channel.eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
            let ping = WebSocketFrame(fin: true, opcode: .ping, maskKey: masksFrames ? .random() : nil,
                                      data: channel.allocator.buffer(string: "minhu"))
            channel.writeAndFlush(ping, promise: nil)
        }
        state.withLock { $0.pinger = pinger }
    }

    var selfID: String { state.withLock { $0.selfID } }

    /// Whether the connection is still open.
    var isOpen: Bool { !state.withLock { $0.closed } && channel.isActive }

    /// Sets the bot's QQ number once the client told it (`get_login_info`).
    func setSelfID(_ id: String) { state.withLock { $0.selfID = id } }

    /// Hands events to the core from now on, starting with any that arrived before.
    func start(events: GatewayEvents) {
        state.withLock { $0.events = events }
        let inbound = inbound
        Task {
            for await event in inbound {
                guard let message = self.inboundMessage(event) else { continue }
                await events.received(message)
            }
        }
    }

    private func inboundMessage(_ event: OneBotMessageEvent) -> InboundMessage? {
        let text = event.text
        // Images and faces alone carry nothing the bot can read; the engine would not answer.
        let selfID = self.selfID
        guard !text.isEmpty, event.userID != selfID else { return nil }
        let room: GatewayRoom = switch event.kind {
        case .group(let group): .group(group)
        case .direct: .direct(user: event.userID)
        }
        let addressed = event.isAddressed(to: selfID, botMessageIDs: sentMessages.contains)
        return InboundMessage(platform: OneBotAdapter.platformName, selfID: selfID, room: room, user: event.userID,
                              displayName: event.displayName, messageID: event.messageID, text: text,
                              isAddressedToBot: addressed)
    }

    // MARK: Actions

    func send(_ message: OutboundMessage) async throws {
        let response = try await perform { OneBotAction.send(message, echo: $0) }
        guard response.isSuccess else {
            // go-cqhttp and its successors answer 100 when QQ's risk control swallowed the message.
            if response.retcode == 100 { throw GatewaySendError.riskControl(detail: response.detail) }
            throw GatewaySendError.rejected(code: response.retcode, detail: response.detail)
        }
        if let id = response.messageID { sentMessages.insert(id) }
    }

    /// Sends an action and waits for the answer with the same echo.
    /// - Throws: ``GatewaySendError/timedOut`` when none comes in time, ``OneBotError/linkClosed``
    ///   when the connection closes first.
    func perform(_ makeAction: (_ echo: String) -> OneBotAction) async throws -> OneBotResponse {
        let echo = state.withLock { state -> String in
            state.nextEcho += 1
            return "minhu-\(state.nextEcho)"
        }
        let text = makeAction(echo).json()
        return try await withCheckedThrowingContinuation { continuation in
            let registered = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.pending[echo] = Pending(continuation: continuation)
                return true
            }
            guard registered else {
                continuation.resume(throwing: OneBotError.linkClosed)
                return
            }
            let timeout = channel.eventLoop.scheduleTask(in: actionTimeout) { [weak self] () -> Void in
                self?.finish(echo, with: .failure(GatewaySendError.timedOut))
            }
            state.withLock { $0.pending[echo]?.timeout = timeout }
            channel.writeAndFlush(OneBotWebSocket.textFrame(text, allocator: channel.allocator, masked: masksFrames))
                .whenFailure { [weak self] _ in self?.finish(echo, with: .failure(OneBotError.linkClosed)) }
        }
    }

    private func finish(_ echo: String, with result: Result<OneBotResponse, any Error>) {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: echo) }) else { return }
        pending.timeout?.cancel()
        pending.continuation.resume(with: result)
    }

    // MARK: From the frame handler

    /// A text frame: an answer to an action, or an event.
    func didReceive(text: String) {
        didSeeActivity()
        switch OneBotFrame.parse(text) {
        case .response(let response):
            finish(response.echo, with: .success(response))
        case .message(let event):
            inboundContinuation.yield(event)
        case .activity:
            break
        case nil:
            logger.debug("onebot frame not understood", metadata: ["bytes": "\(text.utf8.count)"])
        }
    }

    /// Any frame at all keeps the link from being declared dead.
    func didSeeActivity() {
        state.withLock { $0.events }?.alive()
    }

    /// The connection closed: every action still waiting fails so that the core resends it.
    func didClose() {
        let (pending, pinger) = state.withLock { state in
            state.closed = true
            defer { state.pending.removeAll() }
            return (Array(state.pending.values), state.pinger)
        }
        pinger?.cancel()
        inboundContinuation.finish()
        for action in pending {
            action.timeout?.cancel()
            action.continuation.resume(throwing: OneBotError.linkClosed)
        }
    }

    // MARK: Closing

    func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    /// Records that a close frame goes out now; false if one already went (never send two).
    func markCloseSent() -> Bool {
        state.withLock { state in
            defer { state.closeSent = true }
            return !state.closeSent
        }
    }

    func close() async {
        guard channel.isActive else { return }
        if markCloseSent() {
            OneBotWebSocket.close(channel, code: .normalClosure, reason: "", masked: masksFrames)
        }
        try? await channel.closeFuture.get()
    }
}
