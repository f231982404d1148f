import Foundation

/// A chat system the bot is bridged to. An adapter knows its protocol and nothing else: the
/// core (``GatewayService``) owns reconnecting, dead-link detection, de-duplication, the
/// dialogue, per-room queues and rate limits, and splitting long replies.
public protocol GatewayAdapter: Sendable {
    /// The platform's name, used as the conversation channel: `irc`, `onebot`.
    var platform: String { get }

    /// The most bytes (UTF-8) of text one message to this room may carry once the platform's
    /// own framing and the mention are added (an IRC line is capped at 400 bytes in all).
    func textBudget(room: GatewayRoom, mention: OutboundMessage.Mention?) -> Int

    /// The shortest time between two messages to the same room.
    var minimumSendInterval: Duration { get }

    /// How long the link may stay silent (no message, no heartbeat) before the core drops it
    /// and connects again.
    var deadLinkTimeout: Duration { get }

    /// Establishes one link: connects (or waits for the peer to connect), logs in, joins, and
    /// returns once the link can carry messages. Inbound traffic is reported to `events`.
    func connect(events: GatewayEvents) async throws -> any GatewayLink

    /// Releases what outlives a link (a listening socket), once the service has stopped.
    func shutdown() async
}

extension GatewayAdapter {
    /// Nothing to release by default.
    public func shutdown() async {}
}

/// One established connection to a chat system.
public protocol GatewayLink: AnyObject, Sendable {
    /// The bot's id on the platform for this link (a nick may differ from the configured one
    /// after a collision).
    var selfID: String { get }

    /// Sends one message; returns when the platform accepted it.
    /// - Throws: ``GatewaySendError`` when the platform refused it; any other error means the
    ///   link is broken.
    func send(_ message: OutboundMessage) async throws

    /// Waits until the link is closed, by the peer, by an error or by ``close()``.
    func waitUntilClosed() async

    /// Closes the link.
    func close() async
}

/// A refusal by the chat system: the link is fine, this message was not sent.
public enum GatewaySendError: Error, Equatable, CustomStringConvertible {
    /// The platform's risk control (风控) blocked the message (OneBot retcode 100 and the like).
    case riskControl(detail: String)
    /// Any other refusal, with the platform's code and words.
    case rejected(code: Int, detail: String)
    /// No answer in time.
    case timedOut

    public var description: String {
        switch self {
        case .riskControl(let detail): "blocked by the platform's risk control: \(detail)"
        case .rejected(let code, let detail): "refused (\(code)): \(detail)"
        case .timedOut: "no answer in time"
        }
    }
}

/// Where an adapter reports what arrives on its link.
public struct GatewayEvents: Sendable {
    let onMessage: @Sendable (InboundMessage) async -> Void
    let onActivity: @Sendable () -> Void

    /// Creates a sink from two callbacks.
    public init(onMessage: @escaping @Sendable (InboundMessage) async -> Void,
                onActivity: @escaping @Sendable () -> Void) {
        self.onMessage = onMessage
        self.onActivity = onActivity
    }

    /// A message from a user.
    public func received(_ message: InboundMessage) async {
        onActivity()
        await onMessage(message)
    }

    /// Any sign of life on the link (a heartbeat, a PONG, any line): keeps it from being
    /// declared dead.
    public func alive() { onActivity() }
}
