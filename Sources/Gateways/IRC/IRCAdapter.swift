import Foundation
import Logging
import NIOCore
import NIOPosix
import Segmentation
import Synchronization

/// Bridges IRC channels to the bot: registers (PASS, NICK, USER; a taken nick gets `_`
/// appended), joins the configured channels, answers PING, keeps the link alive with its own
/// PING, and turns PRIVMSG into ``InboundMessage``s. Replies go out as `PRIVMSG #channel :nick: text`
/// lines of at most 400 bytes.
public struct IRCAdapter: GatewayAdapter {
    public let platform = "irc"
    public let minimumSendInterval: Duration = .seconds(1)
    public let deadLinkTimeout: Duration

    /// The longest protocol line the bot sends, without CRLF: well under the 512-byte limit,
    /// leaving room for the `:nick!user@host ` the server adds when relaying it.
    public static let maximumLineBytes = 400

    private let configuration: IRCConfiguration
    private let password: String?
    private let pingInterval: Duration
    private let logger: Logger

    /// Creates an adapter for one network.
    /// - Parameters:
    ///   - pingInterval: How often the bot pings the server when nothing else happens; the
    ///     link counts as dead after three intervals of silence.
    public init(configuration: IRCConfiguration, secrets: SecretResolver = SecretResolver(),
                pingInterval: Duration = .seconds(60), logger: Logger) throws {
        self.configuration = configuration
        password = try secrets.value(of: configuration.passwordEnvironmentVariable)
        self.pingInterval = pingInterval
        deadLinkTimeout = pingInterval * 3
        self.logger = logger
    }

    public func textBudget(room: GatewayRoom, mention: OutboundMessage.Mention?) -> Int {
        let target: String
        switch room {
        case .group(let channel): target = channel
        case .direct(let user): target = user
        }
        let mentionBytes = mention.map { $0.displayName.utf8.count + 2 } ?? 0
        return Self.maximumLineBytes - "PRIVMSG  :".utf8.count - target.utf8.count - mentionBytes
    }

    public func connect(events: GatewayEvents) async throws -> any GatewayLink {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(IRCLineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let link = IRCLink(configuration: configuration, password: password, pingInterval: pingInterval, logger: logger)
        link.start(channel, events: events)
        try await link.waitUntilRegistered(timeout: .seconds(30))
        return link
    }
}

/// One connection to an IRC server, from registration to close.
final class IRCLink: GatewayLink, Sendable {
    private let configuration: IRCConfiguration
    private let password: String?
    private let pingInterval: Duration
    private let logger: Logger
    private let state: Mutex<LinkState>

    private struct LinkState {
        var nick: String
        var registered = false
        var registrationWaiter: CheckedContinuation<Void, any Error>?
        var registrationError: (any Error)?
        var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>?
        var channel: (any Channel)?
        var task: Task<Void, Never>?
        /// When the connection's send pace next has room (a virtual clock: GCRA).
        var paceClock = ContinuousClock.now
    }

    /// Lines on the whole connection: a burst of four, then one every half second. Servers cut
    /// off clients that flood (Excess Flood) or throttle them (ngircd: a few commands a second),
    /// whichever rooms the lines go to.
    static let linePace: Duration = .milliseconds(500)
    static let lineBurst = 4

    init(configuration: IRCConfiguration, password: String?, pingInterval: Duration, logger: Logger) {
        self.configuration = configuration
        self.password = password
        self.pingInterval = pingInterval
        self.logger = logger
        state = Mutex(LinkState(nick: configuration.nick))
    }

    var selfID: String { state.withLock { $0.nick } }

    /// Runs the connection in a task of its own: registration, then the read loop.
    func start(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, events: GatewayEvents) {
        let task = Task {
            do {
                try await channel.executeThenClose { inbound, outbound in
                    self.state.withLock { $0.outbound = outbound }
                    try await self.register(outbound)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await self.keepAlive(outbound) }
                        group.addTask {
                            for try await line in inbound {
                                events.alive()
                                try await self.handle(line, outbound: outbound, events: events)
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                logger.info("irc link ended", metadata: ["error": "\(error)"])
                finishRegistration(with: error)
            }
            finishRegistration(with: IRCLinkError.closedBeforeRegistration)
            state.withLock { $0.outbound = nil }
        }
        state.withLock { state in
            state.channel = channel.channel
            state.task = task
        }
    }

    func waitUntilRegistered(timeout: Duration) async throws {
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.finishRegistration(with: IRCLinkError.registrationTimedOut)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let settled = state.withLock { state -> Result<Void, any Error>? in
                if state.registered { return .success(()) }
                if let error = state.registrationError { return .failure(error) }
                state.registrationWaiter = continuation
                return nil
            }
            if let settled { continuation.resume(with: settled) }
        }
        if Task.isCancelled { await close() }
    }

    func send(_ message: OutboundMessage) async throws {
        guard let outbound = state.withLock({ $0.outbound }) else { throw IRCLinkError.notConnected }
        let target: String
        switch message.room {
        case .group(let channel): target = channel
        case .direct(let user): target = user
        }
        let text = message.text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let body = message.mention.map { "\($0.displayName): \(text)" } ?? text
        try await Task.sleep(for: reserveSendSlot())
        try await write(IRCMessage(command: "PRIVMSG", parameters: [target, body]), to: outbound)
    }

    /// How long to wait before the next line may go, reserving its place in the pace.
    private func reserveSendSlot() -> Duration {
        state.withLock { state in
            let now = ContinuousClock.now
            let tolerance = Self.linePace * (Self.lineBurst - 1)
            let start = max(state.paceClock, now)
            state.paceClock = start + Self.linePace
            return max(.zero, start - now - tolerance)
        }
    }

    func waitUntilClosed() async { await state.withLock({ $0.task })?.value }

    func close() async {
        if let outbound = state.withLock({ $0.outbound }) {
            try? await write(IRCMessage(command: "QUIT", parameters: ["再见"]), to: outbound)
        }
        try? await state.withLock({ $0.channel })?.close()
        await waitUntilClosed()
    }

    // MARK: Protocol

    private func register(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        if let password { try await write(IRCMessage(command: "PASS", parameters: [password]), to: outbound) }
        try await write(IRCMessage(command: "NICK", parameters: [selfID]), to: outbound)
        try await write(IRCMessage(command: "USER", parameters: [configuration.username, "0", "*", configuration.realname]),
                        to: outbound)
    }

    private func handle(_ line: ByteBuffer, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, events: GatewayEvents) async throws {
        let bytes = Array(line.readableBytesView)
        // IRC has no declared encoding; Chinese clients on Windows may still send GBK.
        guard let text = String(validating: bytes, as: UTF8.self) ?? LegacyEncoding.decodeGB18030(bytes),
              let message = IRCMessage(parsing: text) else { return }
        switch message.command {
        case "PING":
            try await write(IRCMessage(command: "PONG", parameters: message.parameters), to: outbound)
        case "001":
            if let nick = message.parameters.first { state.withLock { $0.nick = nick } }
            let channels = configuration.rooms.map(\.id)
            if !channels.isEmpty {
                try await write(IRCMessage(command: "JOIN", parameters: [channels.joined(separator: ",")]), to: outbound)
            }
            finishRegistration(with: nil)
        case "433", "436", "432":
            // Nick taken (or refused) while registering: try another one.
            guard !state.withLock({ $0.registered }) else { return }
            let nick = state.withLock { state in
                state.nick = Self.alternativeNick(after: state.nick, refused: message.command == "432", base: configuration.nick)
                return state.nick
            }
            logger.notice("irc nick taken, trying another", metadata: ["nick": "\(nick)"])
            try await write(IRCMessage(command: "NICK", parameters: [nick]), to: outbound)
        case "NICK":
            if message.sourceNick?.lowercased() == selfID.lowercased(), let nick = message.parameters.first {
                state.withLock { $0.nick = nick }
            }
        case "KICK":
            // Kicked from a channel: join it again, so residents there are not left unanswered.
            if message.parameters.count >= 2, message.parameters[1].lowercased() == selfID.lowercased() {
                try await write(IRCMessage(command: "JOIN", parameters: [message.parameters[0]]), to: outbound)
            }
        case "ERROR":
            throw IRCLinkError.serverClosed(message.parameters.last ?? "")
        case "PRIVMSG":
            if let inbound = inboundMessage(message) { await events.received(inbound) }
        default:
            break
        }
    }

    /// A PRIVMSG as the core sees it; nil for CTCP (ACTION, VERSION …) and empty text.
    func inboundMessage(_ message: IRCMessage) -> InboundMessage? {
        guard message.parameters.count >= 2, let nick = message.sourceNick else { return nil }
        let target = message.parameters[0]
        let raw = message.parameters[1]
        guard !raw.hasPrefix("\u{01}") else { return nil }
        let selfNick = selfID
        let isChannel = target.first.map { "#&+!".contains($0) } ?? false
        let (addressed, text) = IRCText.address(IRCText.strippingFormatting(raw), to: selfNick)
        guard !text.isEmpty else { return nil }
        return InboundMessage(
            platform: "irc", selfID: selfNick, room: isChannel ? .group(target) : .direct(user: nick), user: nick,
            displayName: nick, messageID: message.tags["msgid"], text: text, isAddressedToBot: addressed || !isChannel)
    }

    private func keepAlive(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: pingInterval)
            try await write(IRCMessage(command: "PING", parameters: ["minhu"]), to: outbound)
        }
    }

    private func write(_ message: IRCMessage, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        var line = message.serialized
        // A line never exceeds the limit: cut at a character boundary if the caller's budget was off.
        while line.utf8.count > IRCAdapter.maximumLineBytes { line.removeLast() }
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
    }

    private func finishRegistration(with error: (any Error)?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard !state.registered, state.registrationError == nil else { return nil }
            if let error { state.registrationError = error } else { state.registered = true }
            defer { state.registrationWaiter = nil }
            return state.registrationWaiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume() }
    }

    static func alternativeNick(after nick: String, refused: Bool, base: String) -> String {
        if refused { return "minhu" + String(Int.random(in: 100...999)) }
        return nick.count < 30 ? nick + "_" : String(base.prefix(20)) + String(Int.random(in: 100...999))
    }
}

/// Why an IRC link could not be used.
enum IRCLinkError: Error, CustomStringConvertible {
    case registrationTimedOut
    case closedBeforeRegistration
    case notConnected
    case serverClosed(String)

    var description: String {
        switch self {
        case .registrationTimedOut: "the server did not finish registration in time"
        case .closedBeforeRegistration: "the connection closed before registration"
        case .notConnected: "not connected"
        case .serverClosed(let reason): "the server closed the link: \(reason)"
        }
    }
}
