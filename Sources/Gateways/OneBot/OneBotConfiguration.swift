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
    /// The groups and what each is for.
    public var rooms: [RoomConfiguration]

    /// Creates a configuration.
    public init(mode: Mode, listenHost: String = "127.0.0.1", listenPort: Int = 6700, url: String? = nil,
                selfID: String? = nil, accessTokenEnvironmentVariable: String? = nil,
                answersDirectMessages: Bool = true, rooms: [RoomConfiguration] = []) {
        self.mode = mode
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.url = url
        self.selfID = selfID
        self.accessTokenEnvironmentVariable = accessTokenEnvironmentVariable
        self.answersDirectMessages = answersDirectMessages
        self.rooms = rooms
    }

    enum CodingKeys: String, CodingKey {
        case mode, url, rooms
        case listenHost = "listen_host"
        case listenPort = "listen_port"
        case selfID = "self_id"
        case accessTokenEnvironmentVariable = "access_token_env"
        case answersDirectMessages = "private_messages"
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
        rooms = try container.decodeIfPresent([RoomConfiguration].self, forKey: .rooms) ?? []
        if mode == .forward, url == nil {
            throw DecodingError.keyNotFound(CodingKeys.url, .init(codingPath: decoder.codingPath,
                                                                  debugDescription: "forward mode needs the client's url"))
        }
    }
}
