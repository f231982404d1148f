/// One OneBot v11 connection (QQ through NapCat, Lagrange, LLOneBot …).
public struct OneBotConfiguration: Decodable, Sendable, Equatable {
    /// Who opens the WebSocket.
    public enum Mode: String, Decodable, Sendable {
        /// Reverse WebSocket: the QQ client connects to us (`listen`).
        case reverse
        /// Forward WebSocket: we connect to the QQ client (`url`).
        case forward
    }

    /// Who opens the WebSocket.
    public var mode: Mode
    /// Reverse mode: the address to listen on.
    public var listenHost: String
    /// Reverse mode: the port to listen on.
    public var listenPort: Int
    /// Forward mode: the client's WebSocket address, e.g. `ws://127.0.0.1:3001`.
    public var url: String?
    /// The bot's QQ number, if known in advance (reverse mode also learns it from `X-Self-ID`).
    public var selfID: String?
    /// The environment variable that holds the access token.
    public var accessTokenEnvironmentVariable: String?
    /// Whether private chats are answered.
    public var answersDirectMessages: Bool
    /// The client's heartbeat interval in seconds (its `heartbeat.interval`): the link counts as
    /// dead after three intervals without a frame. The adapter also pings at this interval, so
    /// a client with heartbeats switched off stays linked too.
    public var heartbeatInterval: Double
    /// How long, in seconds, the client has to answer an action (`send_group_msg` …).
    public var actionTimeout: Double
    /// The shortest time, in seconds, between two messages to one group (QQ's risk control
    /// punishes bursts).
    public var sendInterval: Double
    /// The groups and what each is for.
    public var rooms: [RoomConfiguration]

    /// Creates a configuration.
    public init(mode: Mode, listenHost: String = "127.0.0.1", listenPort: Int = 6700, url: String? = nil,
                selfID: String? = nil, accessTokenEnvironmentVariable: String? = nil,
                answersDirectMessages: Bool = true, heartbeatInterval: Double = 30, actionTimeout: Double = 10,
                sendInterval: Double = 1, rooms: [RoomConfiguration] = []) {
        self.mode = mode
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.url = url
        self.selfID = selfID
        self.accessTokenEnvironmentVariable = accessTokenEnvironmentVariable
        self.answersDirectMessages = answersDirectMessages
        self.heartbeatInterval = heartbeatInterval
        self.actionTimeout = actionTimeout
        self.sendInterval = sendInterval
        self.rooms = rooms
    }

    enum CodingKeys: String, CodingKey {
        case mode, url, rooms
        case listenHost = "listen_host"
        case listenPort = "listen_port"
        case selfID = "self_id"
        case accessTokenEnvironmentVariable = "access_token_env"
        case answersDirectMessages = "private_messages"
        case heartbeatInterval = "heartbeat_interval"
        case actionTimeout = "action_timeout"
        case sendInterval = "send_interval"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode) ?? .reverse
        listenHost = try container.decodeIfPresent(String.self, forKey: .listenHost) ?? "127.0.0.1"
        listenPort = try container.decodeIfPresent(Int.self, forKey: .listenPort) ?? 6700
        url = try container.decodeIfPresent(String.self, forKey: .url)
        selfID = try container.decodeIfPresent(String.self, forKey: .selfID)
        accessTokenEnvironmentVariable = try container.decodeIfPresent(String.self, forKey: .accessTokenEnvironmentVariable)
        answersDirectMessages = try container.decodeIfPresent(Bool.self, forKey: .answersDirectMessages) ?? true
        heartbeatInterval = try container.decodeIfPresent(Double.self, forKey: .heartbeatInterval) ?? 30
        actionTimeout = try container.decodeIfPresent(Double.self, forKey: .actionTimeout) ?? 10
        sendInterval = try container.decodeIfPresent(Double.self, forKey: .sendInterval) ?? 1
        rooms = try container.decodeIfPresent([RoomConfiguration].self, forKey: .rooms) ?? []
        for (key, value) in [(CodingKeys.heartbeatInterval, heartbeatInterval), (.actionTimeout, actionTimeout)] where !(value > 0) {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be a positive number of seconds")
        }
        if mode == .forward, url == nil {
            throw DecodingError.keyNotFound(CodingKeys.url, .init(codingPath: decoder.codingPath,
                                                                  debugDescription: "forward mode needs the client's url"))
        }
    }
}
