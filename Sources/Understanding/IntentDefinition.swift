/// One intent as written in `intents/<id>.yaml`: what it means, how residents say it, what
/// the bot must collect, who handles it, and what the bot answers.
public struct IntentDefinition: Sendable, Codable, Equatable {
    /// The intent id, same as the file name (`repair`, `health`, …).
    public var id: String
    /// Chinese name shown to staff (报修).
    public var name: String
    /// What the intent covers.
    public var description: String
    /// Domain words the segmenter keeps whole.
    public var lexicon: [String]
    /// Utterances the classifier learns from.
    public var examples: [String]
    /// What the bot must know before it opens a ticket.
    public var slots: [SlotDefinition]
    /// Who handles it, how urgent, and the time limits; nil when no ticket is opened.
    public var routing: Routing?
    /// Answer templates by key; `{name}` is replaced by a slot or a fact.
    public var answers: [String: String]
    /// `health`: signals that mean "call now".
    public var emergencies: [EmergencyRule]
    /// `certificate`: the knowledge base of certificate kinds.
    public var knowledge: [CertificateKind]
    /// `human`: the community office's contact.
    public var office: Office?

    enum CodingKeys: String, CodingKey {
        case id, name, description, lexicon, examples, slots, routing, answers, emergencies, knowledge, office
    }

    /// Creates an intent; only the id and examples are needed.
    public init(id: String, name: String = "", description: String = "", lexicon: [String] = [],
                examples: [String], slots: [SlotDefinition] = [], routing: Routing? = nil,
                answers: [String: String] = [:], emergencies: [EmergencyRule] = [],
                knowledge: [CertificateKind] = [], office: Office? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.lexicon = lexicon
        self.examples = examples
        self.slots = slots
        self.routing = routing
        self.answers = answers
        self.emergencies = emergencies
        self.knowledge = knowledge
        self.office = office
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        lexicon = try container.decodeIfPresent([String].self, forKey: .lexicon) ?? []
        examples = try container.decodeIfPresent([String].self, forKey: .examples) ?? []
        slots = try container.decodeIfPresent([SlotDefinition].self, forKey: .slots) ?? []
        // An intent that opens no ticket may write `routing: {}`.
        let routing = try container.decodeIfPresent(Routing.self, forKey: .routing)
        self.routing = routing?.isEmpty == true ? nil : routing
        answers = try container.decodeIfPresent([String: String].self, forKey: .answers) ?? [:]
        emergencies = try container.decodeIfPresent([EmergencyRule].self, forKey: .emergencies) ?? []
        knowledge = try container.decodeIfPresent([CertificateKind].self, forKey: .knowledge) ?? []
        office = try container.decodeIfPresent(Office.self, forKey: .office)
    }
}

/// Something the bot asks for before opening a ticket.
public struct SlotDefinition: Sendable, Codable, Equatable {
    /// The slot's name, used in answer templates (`{address}`).
    public var name: String
    /// Whether the ticket cannot be opened without it.
    public var required: Bool
    /// Whether the bot asks for it even though it is optional (the resident may skip it).
    public var ask: Bool
    /// Whether the answer to its question is taken in the resident's own words, recognised or
    /// not (`own_words: true`): a complaint happens at 金银湖那边的工地 or 7栋2单元502楼上, places
    /// the address extractor would cut short or refuse.
    public var takesOwnWords: Bool
    /// Whether only a time still to come fills it (`upcoming: true`): when to call or visit,
    /// which 昨天 in "降压药昨天忘了吃" is not.
    public var wantsUpcomingTime: Bool
    /// How the value is found in what the resident says.
    public var extractor: SlotKind
    /// The question that asks for it.
    public var prompt: String?
    /// A second, more explicit question when the first did not work.
    public var reprompt: String?

    /// Creates a slot definition.
    public init(name: String, required: Bool, ask: Bool = false, takesOwnWords: Bool = false,
                wantsUpcomingTime: Bool = false, extractor: SlotKind, prompt: String?, reprompt: String? = nil) {
        self.name = name
        self.required = required
        self.ask = ask
        self.takesOwnWords = takesOwnWords
        self.wantsUpcomingTime = wantsUpcomingTime
        self.extractor = extractor
        self.prompt = prompt
        self.reprompt = reprompt
    }
}

extension SlotDefinition {
    enum CodingKeys: String, CodingKey {
        case name, required, ask, extractor, prompt, reprompt
        case takesOwnWords = "own_words"
        case wantsUpcomingTime = "upcoming"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        ask = try container.decodeIfPresent(Bool.self, forKey: .ask) ?? false
        takesOwnWords = try container.decodeIfPresent(Bool.self, forKey: .takesOwnWords) ?? false
        wantsUpcomingTime = try container.decodeIfPresent(Bool.self, forKey: .wantsUpcomingTime) ?? false
        extractor = try container.decode(SlotKind.self, forKey: .extractor)
        prompt = try container.decodeIfPresent(String.self, forKey: .prompt)
        reprompt = try container.decodeIfPresent(String.self, forKey: .reprompt)
    }
}

/// The extractors a slot can name in `intents/`.
public enum SlotKind: String, Sendable, Codable, CaseIterable {
    /// Free text: the resident's own words.
    case text
    /// 栋/单元/室 addresses and place names.
    case address
    /// Mobile and landline numbers.
    case phone
    /// 明天下午三点 → a date-time range.
    case time
    /// The complaint's sub-category from routing keywords.
    case complaintCategory = "complaint_category"
    /// Whether the resident wants to stay anonymous.
    case anonymous
    /// A ticket id as the bot prints it.
    case ticketID = "ticket_id"
    /// A certificate kind from the knowledge base.
    case certificateKind = "certificate_kind"
    /// A 1–5 rating.
    case rating
}

/// Who handles an intent's tickets, by sub-category.
public struct Routing: Sendable, Codable, Equatable {
    /// The route when no sub-category matches.
    public var `default`: Route?
    /// Sub-categories, most specific first: the first whose keyword appears wins
    /// (`SlotExtractor.subcategory(of:in:)` finds it).
    public var subcategories: [Subcategory]

    var isEmpty: Bool { `default` == nil && subcategories.isEmpty }

    enum CodingKeys: String, CodingKey { case `default`, subcategories }

    /// Creates a routing table.
    public init(default: Route?, subcategories: [Subcategory]) {
        self.default = `default`
        self.subcategories = subcategories
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        `default` = try container.decodeIfPresent(Route.self, forKey: .default)
        subcategories = try container.decodeIfPresent([Subcategory].self, forKey: .subcategories) ?? []
    }
}

/// A unit, a priority and time limits.
public struct Route: Sendable, Codable, Equatable {
    /// The responsible unit (物业, 城管 …).
    public var unit: String
    /// low, normal, high or urgent.
    public var priority: Priority
    /// How soon the ticket must be dispatched.
    public var dispatchWithin: TimeLimit
    /// How soon it must be resolved.
    public var resolveWithin: TimeLimit

    enum CodingKeys: String, CodingKey {
        case unit, priority
        case dispatchWithin = "dispatch_within"
        case resolveWithin = "resolve_within"
    }

    /// Creates a route.
    public init(unit: String, priority: Priority, dispatchWithin: TimeLimit, resolveWithin: TimeLimit) {
        self.unit = unit
        self.priority = priority
        self.dispatchWithin = dispatchWithin
        self.resolveWithin = resolveWithin
    }
}

/// A routing sub-category (water, noise, parking …).
public struct Subcategory: Sendable, Codable, Equatable {
    /// Stable id (`water`).
    public var id: String
    /// Chinese name for staff.
    public var name: String
    /// Words that select it.
    public var keywords: [String]
    /// The responsible unit.
    public var unit: String
    /// low, normal, high or urgent.
    public var priority: Priority
    /// How soon the ticket must be dispatched.
    public var dispatchWithin: TimeLimit
    /// How soon it must be resolved.
    public var resolveWithin: TimeLimit
    /// Optional slots the bot asks for in this sub-category (`asks: [address]`: a doctor who
    /// comes to the door needs it), nil for none.
    public var asks: [String]?

    enum CodingKeys: String, CodingKey {
        case id, name, keywords, unit, priority, asks
        case dispatchWithin = "dispatch_within"
        case resolveWithin = "resolve_within"
    }

    /// The sub-category's unit, priority and limits as a route.
    public var route: Route {
        Route(unit: unit, priority: priority, dispatchWithin: dispatchWithin, resolveWithin: resolveWithin)
    }
}

/// How urgent a ticket is.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    case low, normal, high, urgent

    public static func < (lhs: Priority, rhs: Priority) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A time limit written as `15m`, `2h` or `3d`.
public struct TimeLimit: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The limit in seconds.
    public var seconds: Int

    /// Creates a limit of `seconds`.
    public init(seconds: Int) { self.seconds = seconds }

    /// Parses `15m`, `2h`, `3d` (or a bare number of minutes); nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last else { return nil }
        let scale: Int
        var number = trimmed.dropLast()
        switch unit {
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        case "0"..."9": scale = 60; number = Substring(trimmed)
        default: return nil
        }
        guard let value = Int(number), value >= 0 else { return nil }
        seconds = value * scale
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let limit = TimeLimit(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a time limit like 15m, 2h or 3d: \(text)")
        }
        self = limit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `15m`, `2h`, `3d`.
    public var description: String {
        if seconds % 86_400 == 0, seconds > 0 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0, seconds > 0 { return "\(seconds / 3600)h" }
        return "\(seconds / 60)m"
    }

    /// In plain Chinese for residents: 15分钟, 2小时, 3天.
    public var chinese: String {
        if seconds % 86_400 == 0, seconds > 0 { return "\(seconds / 86_400)天" }
        if seconds % 3600 == 0, seconds > 0 { return "\(seconds / 3600)小时" }
        return "\(seconds / 60)分钟"
    }
}

/// A signal that means "call now", with the number to call.
public struct EmergencyRule: Sendable, Codable, Equatable {
    /// Stable id (`chest_pain`).
    public var id: String
    /// Words that raise it (胸痛, 喘不上气 …).
    public var signals: [String]
    /// The number to call (120, 119, 110 …).
    public var call: String
    /// What the bot says first.
    public var say: String
    /// Phrases in which a signal means no emergency (打不着火 holds 着火; 不冒烟 holds 冒烟).
    public var unless: [String]

    /// Creates a rule.
    public init(id: String, signals: [String], call: String, say: String, unless: [String] = []) {
        self.id = id
        self.signals = signals
        self.call = call
        self.say = say
        self.unless = unless
    }

    enum CodingKeys: String, CodingKey {
        case id, signals, call, say, unless
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        signals = try container.decode([String].self, forKey: .signals)
        call = try container.decode(String.self, forKey: .call)
        say = try container.decode(String.self, forKey: .say)
        unless = try container.decodeIfPresent([String].self, forKey: .unless) ?? []
    }
}

/// One kind of certificate in the knowledge base.
public struct CertificateKind: Sendable, Codable, Equatable {
    /// Stable id (`hukou`).
    public var id: String
    /// Its proper name (户籍证明).
    public var name: String
    /// How residents call it.
    public var aliases: [String]
    /// Whether the community office still issues it.
    public var issuedHere: Bool
    /// What to bring.
    public var bring: [String]
    /// Where to look it up online instead; empty when nowhere.
    public var online: String
    /// Anything else worth knowing.
    public var note: String

    enum CodingKeys: String, CodingKey {
        case id, name, aliases, bring, online, note
        case issuedHere = "issued_here"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        issuedHere = try container.decodeIfPresent(Bool.self, forKey: .issuedHere) ?? false
        bring = try container.decodeIfPresent([String].self, forKey: .bring) ?? []
        online = try container.decodeIfPresent(String.self, forKey: .online) ?? ""
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
    }
}

/// The community office residents can reach directly.
public struct Office: Sendable, Codable, Equatable {
    /// Name (百步亭社区康和居委会).
    public var name: String
    /// Phone number.
    public var phone: String
    /// Opening hours.
    public var hours: String
    /// Street address.
    public var address: String
}
