import Segmentation

/// Problems in an intents folder that a community worker should fix.
public struct IntentLint: Sendable {
    /// A problem, with where it is.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The intent file's id.
        public var intent: String
        /// What is wrong, in plain words.
        public var message: String
        public var description: String { "\(intent): \(message)" }
    }

    /// Minimum examples per intent: the four ticket intents need breadth.
    public static func minimumExamples(for id: String) -> Int {
        ["repair", "health", "certificate", "complaint"].contains(id) ? 80 : 30
    }

    /// Checks `catalog`: known ids, all nine present, names and descriptions, enough examples,
    /// examples or lexicon terms shared by two intents, slots without prompts, routing of
    /// ticket intents, answer placeholders that nothing fills.
    public static func check(_ catalog: IntentCatalog) -> [Finding] {
        var findings: [Finding] = []
        let ids = Set(catalog.intents.map(\.id))
        for missing in IntentCatalog.knownIDs where !ids.contains(missing) {
            findings.append(Finding(intent: missing, message: "intent file \(missing).yaml is missing"))
        }
        var owners: [String: String] = [:]
        // A term hints at the one intent whose file lists it: listed twice, it counted for
        // whichever file came last.
        var termOwners: [String: String] = [:]
        for intent in catalog.intents {
            func report(_ message: String) { findings.append(Finding(intent: intent.id, message: message)) }
            if !IntentCatalog.knownIDs.contains(intent.id) { report("unknown intent id (known: \(IntentCatalog.knownIDs.joined(separator: ", ")))") }
            if intent.name.isEmpty { report("no name") }
            if intent.description.isEmpty { report("no description") }
            let minimum = minimumExamples(for: intent.id)
            if intent.examples.count < minimum { report("only \(intent.examples.count) examples (at least \(minimum))") }
            var seen = Set<String>()
            for example in intent.examples {
                let key = NormalizedText(example).text
                if !seen.insert(key).inserted { report("example repeated: \(example)") }
                if let owner = owners[key], owner != intent.id {
                    report("example also in \(owner): \(example)")
                }
                owners[key] = intent.id
            }
            for term in intent.lexicon {
                let key = NormalizedText(term).text
                if let owner = termOwners[key], owner != intent.id {
                    report("lexicon term also in \(owner): \(term) (keep it in one file, or in lexicon.txt if it hints at no intent)")
                }
                termOwners[key] = intent.id
            }
            for slot in intent.slots where (slot.prompt ?? "").isEmpty {
                report("slot \(slot.name) has no prompt")
            }
            if !intent.slots.isEmpty, intent.routing == nil, intent.id != "status", intent.id != "certificate" {
                report("collects slots but has no routing")
            }
            for subcategory in intent.routing?.subcategories ?? [] {
                for name in subcategory.asks ?? [] where !intent.slots.contains(where: { $0.name == name }) {
                    report("sub-category \(subcategory.id) asks for \(name), which is not a slot")
                }
            }
            let fillable = Set(intent.slots.map(\.name)).union(placeholdersFilledByTheBot)
            // A sub-category's advice is said as written, when the request is first understood.
            let advice = Set(intent.routing?.subcategories.map(\.id) ?? [])
            for (key, template) in intent.answers {
                for placeholder in placeholders(in: template) where advice.contains(key) || !fillable.contains(placeholder) {
                    report("answer \(key) uses {\(placeholder)}, which nothing fills")
                }
            }
        }
        return findings
    }

    /// Facts the conversation engine fills in any answer, besides the intent's slots.
    public static let placeholdersFilledByTheBot: Set<String> = [
        "ticket_id", "unit", "dispatch_within", "resolve_within", "call", "count", "name", "note", "bring",
        "online", "office_name", "office_phone", "office_hours", "office_address", "state", "next_step",
    ]

    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
