/// One IRC network the bot joins.
public struct IRCConfiguration: Decodable, Sendable, Equatable {
    /// The server's host name or address.
    public var host: String
    /// The server's port (6667 for plain text).
    public var port: Int
    /// The nick the bot asks for; a collision adds `_` until one is free.
    public var nick: String
    /// The user name sent with USER.
    public var username: String
    /// The real name sent with USER.
    public var realname: String
    /// The environment variable that holds the server password (PASS), if the server wants one.
    public var passwordEnvironmentVariable: String?
    /// The channels and what each is for.
    public var rooms: [RoomConfiguration]

    /// Creates a configuration.
    public init(host: String, port: Int = 6667, nick: String = "minhu", username: String = "minhu",
                realname: String = "Minhu community assistant", passwordEnvironmentVariable: String? = nil,
                rooms: [RoomConfiguration]) {
        self.host = host
        self.port = port
        self.nick = nick
        self.username = username
        self.realname = realname
        self.passwordEnvironmentVariable = passwordEnvironmentVariable
        self.rooms = rooms
    }

    enum CodingKeys: String, CodingKey {
        case host, port, nick, username, realname, rooms
        case passwordEnvironmentVariable = "password_env"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        host = try container.decode(String.self, forKey: .host)
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 6667
        nick = try container.decodeIfPresent(String.self, forKey: .nick) ?? "minhu"
        username = try container.decodeIfPresent(String.self, forKey: .username) ?? nick
        realname = try container.decodeIfPresent(String.self, forKey: .realname) ?? "Minhu community assistant"
        passwordEnvironmentVariable = try container.decodeIfPresent(String.self, forKey: .passwordEnvironmentVariable)
        rooms = try container.decodeIfPresent([RoomConfiguration].self, forKey: .rooms) ?? []
    }
}
