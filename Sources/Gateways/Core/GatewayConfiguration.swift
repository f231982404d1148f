import Foundation
import Yams

/// What a room is for.
public enum RoomRole: String, Codable, Sendable {
    /// Residents talk to the bot here (the default).
    case residents
    /// Staff see new and overdue tickets here.
    case staff
    /// Volunteers see dispatched tickets here and claim them with `抢单 <工单号>`.
    case volunteers
}

/// How the bot behaves in one room.
public struct RoomConfiguration: Codable, Sendable, Equatable {
    /// The room's id: an IRC channel (`#baibuting`), a QQ group number.
    public var id: String
    /// What the room is for.
    public var role: RoomRole
    /// Whether residents must mention the bot. When false, the bot also picks up clear service
    /// requests (repair, health, certificate, complaint) posted without a mention, when it is
    /// confident of them.
    public var mentionRequired: Bool
    /// The intents the bot handles in this room; nil for all.
    public var intents: [String]?

    /// Creates a room configuration.
    public init(id: String, role: RoomRole = .residents, mentionRequired: Bool = true, intents: [String]? = nil) {
        self.id = id
        self.role = role
        self.mentionRequired = mentionRequired
        self.intents = intents
    }

    enum CodingKeys: String, CodingKey {
        case id, role, intents
        case mentionRequired = "mention_required"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        role = try container.decodeIfPresent(RoomRole.self, forKey: .role) ?? .residents
        mentionRequired = try container.decodeIfPresent(Bool.self, forKey: .mentionRequired) ?? true
        intents = try container.decodeIfPresent([String].self, forKey: .intents)
    }
}

/// The rooms of one gateway, and what to do in rooms not listed (a QQ bot is often added to
/// groups nobody configured: it answers there only when mentioned).
public struct RoomPolicy: Sendable, Equatable {
    /// Configured rooms by id.
    public var rooms: [String: RoomConfiguration]
    /// Whether private chats are answered.
    public var answersDirectMessages: Bool

    /// Creates a policy.
    public init(rooms: [RoomConfiguration], answersDirectMessages: Bool = true) {
        self.rooms = Dictionary(rooms.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.answersDirectMessages = answersDirectMessages
    }

    /// The configuration that applies to a room; nil where the bot must stay silent.
    public func configuration(for room: GatewayRoom) -> RoomConfiguration? {
        switch room {
        case .group(let id): rooms[id] ?? RoomConfiguration(id: id)
        case .direct: answersDirectMessages ? RoomConfiguration(id: "direct", mentionRequired: false) : nil
        }
    }

    /// The rooms with a role, for posting tickets to staff and volunteers.
    public func rooms(withRole role: RoomRole) -> [GatewayRoom] {
        rooms.values.filter { $0.role == role }.map { .group($0.id) }.sorted { $0.description < $1.description }
    }
}

/// A problem in the gateways file, said so that whoever edits it can fix it.
public struct GatewayConfigurationError: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String

    init(_ description: String) { self.description = description }
}

/// Reads secrets named in the gateways file from the environment, never from the file itself.
public struct SecretResolver: Sendable {
    private let environment: [String: String]

    /// Resolves from the process environment (or from a given one, in tests).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The value of the variable `name`, nil if no name is configured.
    /// - Throws: ``GatewayConfigurationError`` when a name is configured but the variable is unset.
    public func value(of name: String?) throws -> String? {
        guard let name else { return nil }
        guard let value = environment[name], !value.isEmpty else {
            throw GatewayConfigurationError("the environment variable \(name) (named in the gateways file) is not set")
        }
        return value
    }
}

/// The gateways file (`minhu serve --gateways FILE`): one list per platform.
///
/// ```yaml
/// irc:
///   - host: irc.example.org
///     port: 6667
///     nick: minhu
///     password_env: MINHU_IRC_PASSWORD
///     rooms:
///       - { id: "#baibuting", mention_required: false }
///       - { id: "#staff", role: staff }
///       - { id: "#volunteers", role: volunteers }
/// ```
public struct GatewaysFile: Decodable, Sendable {
    /// IRC networks.
    public var irc: [IRCConfiguration]
    /// OneBot v11 connections (QQ through NapCat, Lagrange, LLOneBot …).
    public var onebot: [OneBotConfiguration]

    enum CodingKeys: String, CodingKey { case irc, onebot }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        irc = try container.decodeIfPresent([IRCConfiguration].self, forKey: .irc) ?? []
        onebot = try container.decodeIfPresent([OneBotConfiguration].self, forKey: .onebot) ?? []
    }

    /// Reads and checks a gateways file.
    public static func load(from url: URL) throws -> GatewaysFile {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GatewayConfigurationError("cannot read the gateways file \(url.path): \(error.localizedDescription)")
        }
        do {
            return try YAMLDecoder().decode(GatewaysFile.self, from: text)
        } catch let error as DecodingError {
            throw GatewayConfigurationError("the gateways file \(url.path) is not valid: \(Self.explain(error))")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.reduce(into: "") { path, key in
                if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
            }
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
