/// The kinds of party that act on tickets; each workflow transition names which may make it.
public enum ActorKind: String, CaseIterable, Codable, Sendable {
    /// 居民: the person who asked for help.
    case resident
    /// 社区工作者, 网格员: the neighbourhood office.
    case staff
    /// 物业, 城管, 医疗队 …: an organisation that does the work.
    case unit
    /// 志愿者, 下沉党员: an individual who grabs tickets.
    case volunteer
    /// The bot itself or a scheduled job.
    case system
}

/// Who did something: a kind and an identifier meaningful for that kind
/// (a staff login, a unit id, a volunteer id, a resident's chat handle).
public struct ActorRef: Hashable, Codable, Sendable, CustomStringConvertible {
    /// What kind of party acted.
    public var kind: ActorKind
    /// Which one of that kind.
    public var id: String

    /// Creates a reference to an actor.
    public init(kind: ActorKind, id: String) {
        self.kind = kind
        self.id = id
    }

    /// A resident, by chat handle or phone.
    public static func resident(_ id: String) -> ActorRef { ActorRef(kind: .resident, id: id) }
    /// A staff member, by login.
    public static func staff(_ id: String) -> ActorRef { ActorRef(kind: .staff, id: id) }
    /// A unit, by directory id.
    public static func unit(_ id: String) -> ActorRef { ActorRef(kind: .unit, id: id) }
    /// A volunteer, by directory id.
    public static func volunteer(_ id: String) -> ActorRef { ActorRef(kind: .volunteer, id: id) }
    /// The bot or a background job, by component name.
    public static func system(_ id: String = "minhu") -> ActorRef { ActorRef(kind: .system, id: id) }

    /// `kind:id`, as logs and the CLI print it.
    public var description: String { "\(kind.rawValue):\(id)" }
}
