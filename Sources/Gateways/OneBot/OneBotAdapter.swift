import Logging
import NIOCore
import NIOPosix

/// QQ groups and private chats through a OneBot v11 client (NapCat, Lagrange.OneBot, LLOneBot …)
/// over a Universal WebSocket, in either direction:
///
/// - **reverse** (`mode: reverse`): we listen on `listen_host:listen_port`, the QQ client
///   connects (its `ws_reverse` URL points at us), announcing itself with `X-Self-ID`;
/// - **forward** (`mode: forward`): we connect to the client's WebSocket server at `url`.
///
/// ```yaml
/// onebot:
///   - mode: reverse
///     listen_host: 127.0.0.1
///     listen_port: 6700
///     access_token_env: MINHU_ONEBOT_TOKEN
///     rooms:
///       - { id: "123456789", mention_required: false }
///       - { id: "987654321", role: staff }
/// ```
///
/// The client must report messages in the array format (`message_format: array`, NapCat's
/// `messagePostFormat: array`): a message in the string format is read as plain text, and a
/// mention in it is not seen.
public final class OneBotAdapter: GatewayAdapter {
    /// The platform name, the conversations' channel.
    public static let platformName = "onebot"

    private let configuration: OneBotConfiguration
    private let accessToken: String?
    private let group: any EventLoopGroup
    private let logger: Logger
    private let listener: OneBotListener?
    private let sentMessages: OneBotSentMessages

    /// Creates an adapter.
    ///
    /// - Parameters:
    ///   - configuration: The connection's settings.
    ///   - accessToken: The shared secret; nil accepts any client (reverse mode) or sends none
    ///     (forward mode).
    ///   - group: The event loops for the sockets.
    ///   - logger: Where connection events go; message text is never logged.
    public init(configuration: OneBotConfiguration, accessToken: String?,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger) {
        self.configuration = configuration
        self.accessToken = accessToken
        self.group = group
        var logger = logger
        logger[metadataKey: "gateway"] = "onebot"
        self.logger = logger
        let sentMessages = OneBotSentMessages()
        self.sentMessages = sentMessages
        if configuration.mode == .reverse {
            let makeLink = Self.linkMaker(configuration: configuration, sentMessages: sentMessages, logger: logger)
            listener = OneBotListener(host: configuration.listenHost, port: configuration.listenPort,
                                      token: accessToken.map(OneBotAccessToken.init), group: group, logger: logger,
                                      makeLink: { channel, selfID in makeLink(channel, selfID, false) })
        } else {
            listener = nil
        }
    }

    /// Creates an adapter whose access token is read from the environment variable the
    /// configuration names.
    /// - Throws: ``GatewayConfigurationError`` when that variable is not set.
    public convenience init(configuration: OneBotConfiguration, secrets: SecretResolver = SecretResolver(),
                            logger: Logger) throws {
        self.init(configuration: configuration,
                  accessToken: try secrets.value(of: configuration.accessTokenEnvironmentVariable), logger: logger)
    }

    /// `onebot`.
    public var platform: String { Self.platformName }

    /// QQ takes a few thousand characters in one message; 3000 bytes (about 1000 Chinese
    /// characters) keeps well inside every client's limit while rarely splitting a reply.
    public func textBudget(room: GatewayRoom, mention: OutboundMessage.Mention?) -> Int { 3000 }

    /// The configured `send_interval` (1 s by default): QQ's risk control punishes bursts.
    public var minimumSendInterval: Duration { .milliseconds(Int64(configuration.sendInterval * 1000)) }

    /// Three heartbeat intervals without any frame (heartbeats, events, answers to our pings).
    public var deadLinkTimeout: Duration { .milliseconds(Int64(configuration.heartbeatInterval * 3000)) }

    /// Reverse mode: waits for the QQ client to connect (binding the port on first use).
    /// Forward mode: connects to the client. Either way, asks the client for the bot's QQ
    /// number when neither `X-Self-ID` nor `self_id` gave it.
    public func connect(events: GatewayEvents) async throws -> any GatewayLink {
        let link: OneBotLink
        switch configuration.mode {
        case .reverse:
            guard let listener else { preconditionFailure("reverse mode has a listener") }
            link = try await listener.nextLink()
        case .forward:
            let endpoint = try OneBotConnector.Endpoint(configuration.url ?? "")
            let makeLink = Self.linkMaker(configuration: configuration, sentMessages: sentMessages, logger: logger)
            link = try await OneBotConnector.connect(to: endpoint, token: accessToken, group: group,
                                                     timeout: Self.timeAmount(configuration.actionTimeout),
                                                     makeLink: { makeLink($0, nil, true) })
            logger.info("onebot connected to the QQ client", metadata: ["host": "\(endpoint.host):\(endpoint.port)"])
        }
        if link.selfID.isEmpty {
            do {
                let answer = try await link.perform { OneBotAction.loginInfo(echo: $0) }
                guard let id = answer.userID, !id.isEmpty else { throw OneBotError.unknownSelfID }
                link.setSelfID(id)
            } catch {
                await link.close()
                throw error
            }
        }
        link.start(events: events)
        return link
    }

    /// Reverse mode: the port listened on, binding now if no `connect` did yet (port 0 in the
    /// configuration lets the system choose one, for tests).
    public func listeningPort() async throws -> Int? {
        try await listener?.boundPort()
    }

    /// Reverse mode: stops listening and closes the client's connection. Call once the
    /// gateway service has stopped.
    public func shutdown() async {
        await listener?.shutdown()
    }

    // MARK: Links

    private static func linkMaker(configuration: OneBotConfiguration, sentMessages: OneBotSentMessages, logger: Logger)
        -> @Sendable (any Channel, String?, Bool) -> OneBotLink {
        let actionTimeout = timeAmount(configuration.actionTimeout)
        let pingInterval = timeAmount(configuration.heartbeatInterval)
        let configuredSelfID = configuration.selfID
        return { channel, announcedSelfID, masksFrames in
            OneBotLink(channel: channel, selfID: announcedSelfID ?? configuredSelfID ?? "", masksFrames: masksFrames,
                       actionTimeout: actionTimeout, pingInterval: pingInterval, sentMessages: sentMessages,
                       logger: logger)
        }
    }

    private static func timeAmount(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64(seconds * 1000))
    }
}
