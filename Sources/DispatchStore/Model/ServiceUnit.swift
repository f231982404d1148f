/// The kind of a unit in the directory; an open set, since each district has its own.
public struct UnitKind: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral {
    /// The kind's name as staff write it.
    public var rawValue: String

    /// Creates a kind from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a kind from a literal name.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// 物业: property management.
    public static let propertyManagement: UnitKind = "物业"
    /// 城管: city management.
    public static let cityManagement: UnitKind = "城管"
    /// 医疗队: the volunteer medical team.
    public static let medicalTeam: UnitKind = "医疗队"
    /// 志愿者: an individual volunteer or 下沉党员.
    public static let volunteer: UnitKind = "志愿者"
    /// 派出所: the police station.
    public static let police: UnitKind = "派出所"
    /// 人社: human resources and social security (unpaid wages).
    public static let humanResources: UnitKind = "人社"
}

/// An entry of the units and volunteers directory.
public struct ServiceUnit: Hashable, Codable, Sendable, Identifiable {
    /// A stable id staff type (`wuye-3`, `chengguan`, `vol-zhang`).
    public var id: String
    /// Its display name.
    public var name: String
    /// What kind of unit it is.
    public var kind: UnitKind
    /// The ticket categories it serves (`repair`, `complaint` …).
    public var categories: [String]

    /// Creates a directory entry.
    public init(id: String, name: String, kind: UnitKind, categories: [String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.categories = categories
    }
}
