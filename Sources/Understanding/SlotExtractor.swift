import Foundation
import Segmentation

/// An emergency signal found in the text, with what to do.
public struct EmergencyMatch: Sendable, Equatable, Codable {
    /// The rule's id (`chest_pain`).
    public var rule: String
    /// The words that raised it.
    public var signal: String
    /// The number to call now.
    public var call: String
    /// What the bot says first.
    public var say: String
}

/// Everything the extractors found in one utterance.
public struct ExtractedSlots: Sendable, Equatable {
    /// Mobile and landline numbers (13912345678, 027-85624173).
    public var phones: [SlotValue] = []
    /// Resident ID numbers with a valid check digit (found so they can be masked).
    public var idNumbers: [SlotValue] = []
    /// The address, canonical (百步亭社区怡和苑南区5栋2单元501室).
    public var address: SlotValue?
    /// A named time as a concrete range.
    public var time: TimeSlot?
    /// Ticket ids as the bot prints them (MH-000123).
    public var ticketIDs: [SlotValue] = []
    /// Emergency signals, most urgent first as listed in `health.yaml`.
    public var emergencies: [EmergencyMatch] = []
    /// The routing sub-category id each intent would pick for this text.
    public var subcategories: [String: String] = [:]
    /// The certificate kind id from the knowledge base.
    public var certificateKind: String?
    /// Whether the resident asked to stay anonymous (nil: not said).
    public var anonymous: Bool?
    /// A 1–5 rating.
    public var rating: Int?

    /// The complaint sub-category, if any.
    public var complaintCategory: String? { subcategories["complaint"] }

    /// The values by slot kind, as the conversation engine fills slots.
    public func value(for kind: SlotKind) -> String? {
        switch kind {
        case .text: return nil
        case .address: return address?.value
        case .phone: return phones.first?.value
        case .time: return time?.original
        case .complaintCategory: return complaintCategory
        case .anonymous: return anonymous.map { $0 ? "是" : "否" }
        case .ticketID: return ticketIDs.first?.value
        case .certificateKind: return certificateKind
        case .rating: return rating.map(String.init)
        }
    }
}

/// Finds slot values in normalized text: phones, ID numbers, addresses, times, ticket ids,
/// emergency signals, routing sub-categories, certificate kinds, anonymity and ratings.
public struct SlotExtractor: Sendable {
    private enum Phrase: Sendable {
        case emergency(rule: Int)
        /// One part of a signal written with gaps (喝了…消毒水): see ``GappedSignal``.
        case signalPart(signal: Int, part: Int)
        /// A phrase that holds a signal of the rule without being an emergency (打不着火).
        case noEmergency(rule: Int)
        case keyword(intent: Int, subcategory: Int)
        case certificate(kind: Int)
        case anonymous(Bool)
        case rating(Int)
    }

    private let matcher: PhraseMatcher<Phrase>
    private let emergencyRules: [EmergencyRule]
    private let gappedSignals: [GappedSignal]
    private let routedIntents: [(id: String, routing: Routing)]
    private let certificateKinds: [CertificateKind]
    /// The calendar relative times are resolved in (Asia/Shanghai by default).
    public let calendar: Calendar

    /// Builds the extractor from the catalog's signals, keywords and knowledge.
    public init(catalog: IntentCatalog, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        var matcher = PhraseMatcher<Phrase>()
        emergencyRules = catalog.intents.flatMap(\.emergencies)
        var gappedSignals: [GappedSignal] = []
        for (index, rule) in emergencyRules.enumerated() {
            for signal in rule.signals {
                let parts = signal.components(separatedBy: GappedSignal.gap).filter { !$0.isEmpty }
                guard parts.count > 1 else {
                    matcher.insert(signal, .emergency(rule: index))
                    continue
                }
                for (part, text) in parts.enumerated() {
                    matcher.insert(text, .signalPart(signal: gappedSignals.count, part: part))
                }
                gappedSignals.append(GappedSignal(rule: index, partCount: parts.count))
            }
            for phrase in rule.unless { matcher.insert(phrase, .noEmergency(rule: index)) }
        }
        self.gappedSignals = gappedSignals
        routedIntents = catalog.intents.compactMap { intent in intent.routing.map { (intent.id, $0) } }
        for (intentIndex, intent) in routedIntents.enumerated() {
            for (subIndex, subcategory) in intent.routing.subcategories.enumerated() {
                for keyword in subcategory.keywords { matcher.insert(keyword, .keyword(intent: intentIndex, subcategory: subIndex)) }
            }
        }
        certificateKinds = catalog.intents.flatMap(\.knowledge)
        for (index, kind) in certificateKinds.enumerated() {
            for alias in kind.aliases { matcher.insert(alias, .certificate(kind: index)) }
        }
        for phrase in ["匿名", "不要留名", "不留名", "不想留名", "别说是我", "不要说是我", "不要透露", "保密", "不要告诉他们是我",
                       "不留姓名", "不要留我名字", "别留我名字", "不留名字", "不要留名字", "anonymous", "anonymously"] {
            matcher.insert(phrase, .anonymous(true))
        }
        // Every way of saying no to 匿名, as each is longer than the 匿名 inside it.
        for phrase in ["不匿名", "不用匿名", "不需要匿名", "不要匿名", "别匿名", "不想匿名", "不必匿名", "无需匿名",
                       "没必要匿名", "用不着匿名", "实名", "可以留名", "不用保密", "无所谓", "not anonymous",
                       "no need to be anonymous"] {
            matcher.insert(phrase, .anonymous(false))
        }
        for (phrase, score) in [("非常满意", 5), ("很满意", 5), ("满意", 4), ("还行", 3), ("一般", 3), ("不满意", 2),
                                ("很不满意", 1), ("非常不满意", 1), ("太差", 1), ("五星", 5), ("四星", 4), ("三星", 3),
                                ("两星", 2), ("二星", 2), ("一星", 1)] {
            matcher.insert(phrase, .rating(score))
        }
        for score in 1...5 {
            for suffix in ["分", "星", "颗星"] { matcher.insert("\(score)\(suffix)", .rating(score)) }
        }
        self.matcher = matcher
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Extracts every slot kind from `normalized`; `now` anchors relative times.
    public func extract(from normalized: NormalizedText, now: Date = Date()) -> ExtractedSlots {
        let text = ScannedText(normalized)
        var slots = ExtractedSlots()
        let numbers = PhoneExtraction.extract(from: text)
        slots.phones = numbers.phones
        slots.idNumbers = numbers.idNumbers
        slots.address = AddressExtraction.extract(from: text)
        slots.time = TimeExtraction.extract(from: text, now: now, calendar: calendar)
        slots.ticketIDs = TicketIDExtraction.extract(from: text)
        applyPhrases(in: text, to: &slots)
        if slots.rating == nil, text.scalars.count == 1, let digit = Int(normalized.text), (1...5).contains(digit) {
            slots.rating = digit
        }
        return slots
    }

    /// The routing sub-category `intent` picks for `normalizedText` (the first listed
    /// sub-category with a keyword in it), found with the phrase trie rather than one string
    /// search per keyword.
    public func subcategory(of intent: String, in normalizedText: String) -> Subcategory? {
        guard let intentIndex = routedIntents.firstIndex(where: { $0.id == intent }) else { return nil }
        var best: Int?
        for match in matcher.matches(in: Array(normalizedText.unicodeScalars)) {
            if case .keyword(intentIndex, let subcategory) = match.payload { best = min(best ?? .max, subcategory) }
        }
        return best.map { routedIntents[intentIndex].routing.subcategories[$0] }
    }

    private func applyPhrases(in text: ScannedText, to slots: inout ExtractedSlots) {
        var signals: [(rule: Int, range: Range<Int>)] = []
        var parts: [(signal: Int, part: Int, range: Range<Int>)] = []
        var exceptions: [(rule: Int, range: Range<Int>)] = []
        var subcategoryIndex: [Int: Int] = [:]
        var certificate: (index: Int, length: Int)?
        var anonymous: (value: Bool, length: Int)?
        var rating: (value: Int, length: Int)?
        for match in matcher.matches(in: text.scalars) {
            let length = match.end - match.start
            switch match.payload {
            case .emergency(let rule):
                signals.append((rule, match.start..<match.end))
            case .signalPart(let signal, let part):
                parts.append((signal, part, match.start..<match.end))
            case .noEmergency(let rule):
                exceptions.append((rule, match.start..<match.end))
            case .keyword(let intent, let subcategory):
                // The first listed sub-category wins, whatever the order in the text.
                subcategoryIndex[intent] = min(subcategoryIndex[intent] ?? .max, subcategory)
            case .certificate(let kind):
                if length > (certificate?.length ?? 0) { certificate = (kind, length) }
            case .anonymous(let value):
                // The longest phrase wins: 不匿名 over the 匿名 inside it.
                if length > (anonymous?.length ?? 0) { anonymous = (value, length) }
            case .rating(let value):
                if length > (rating?.length ?? 0) { rating = (value, length) }
            }
        }
        // Most lines hold no part of any gapped signal: nothing to look at then.
        for (index, gapped) in gappedSignals.enumerated() where !parts.isEmpty {
            if let range = gapped.match(in: parts.filter { $0.signal == index }.map { ($0.part, $0.range) }) {
                signals.append((gapped.rule, range))
            }
        }
        // The first signal of each rule that no exception of the rule overlaps (打不着火 holds
        // 着火; 抽了血 overlaps 发烧…抽了).
        var emergencyRuleIndices: [Int: String] = [:]
        for signal in signals.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where emergencyRuleIndices[signal.rule] == nil {
            let excepted = exceptions.contains { $0.rule == signal.rule && $0.range.overlaps(signal.range) }
            if !excepted { emergencyRuleIndices[signal.rule] = text.text(signal.range) }
        }
        slots.emergencies = emergencyRuleIndices.keys.sorted().map { index in
            let rule = emergencyRules[index]
            return EmergencyMatch(rule: rule.id, signal: emergencyRuleIndices[index]!, call: rule.call, say: rule.say)
        }
        for (intent, index) in subcategoryIndex {
            slots.subcategories[routedIntents[intent].id] = routedIntents[intent].routing.subcategories[index].id
        }
        slots.certificateKind = certificate.map { certificateKinds[$0.index].id }
        slots.anonymous = anonymous?.value
        slots.rating = rating?.value
    }
}

/// Ticket ids as the bot prints them and as residents retype them: MH-000123, mh123,
/// MH 123, 工单号000123, 工单号：123.
enum TicketIDExtraction {
    static func extract(from text: ScannedText) -> [SlotValue] {
        let scalars = text.scalars
        var found: [SlotValue] = []
        var index = 0
        while index < scalars.count {
            var digitsStart: Int?
            if scalars[index] == "m", index + 1 < scalars.count, scalars[index + 1] == "h",
               index == 0 || !("a"..."z").contains(scalars[index - 1]) {
                var position = index + 2
                if position < scalars.count, ["-", " ", "_", "#"].contains(scalars[position]) { position += 1 }
                if text.isDigit(position) { digitsStart = position }
            } else if scalars[index] == "工", index + 1 < scalars.count, scalars[index + 1] == "单" {
                var position = index + 2
                if position < scalars.count, scalars[position] == "号" { position += 1 }
                while position < scalars.count, [":", " ", "是", "为", "#"].contains(scalars[position]) { position += 1 }
                if text.isDigit(position) { digitsStart = position }
            }
            guard let start = digitsStart else {
                index += 1
                continue
            }
            var end = start
            while text.isDigit(end) { end += 1 }
            let digits = text.text(start..<end)
            // A bare 工单 number needs three digits or a leading zero, so 工单2张 is not an id.
            if end - start <= 9, let number = Int(digits), number > 0,
               scalars[index] == "m" || end - start >= 3 || digits.hasPrefix("0") {
                found.append(text.slot(String(format: "MH-%06d", number), index..<end))
            }
            index = end
        }
        return found
    }
}

/// An emergency signal written in parts with `…` between them (喝了…消毒, 摔…动不了): the
/// parts in order, each starting at most ``maximumGap`` characters after the one before. Words
/// come between them as residents say them (喝了一口消毒水, 摔了一跤，现在动不了).
struct GappedSignal: Sendable {
    /// `…` as the catalog holds it: signals are normalized, and NFKC makes an ellipsis "...".
    static let gap = "..."
    static let maximumGap = 8

    let rule: Int
    let partCount: Int

    /// The span from the first part to the last, given where each part was found (scalar
    /// ranges, in order of start), or nil.
    func match(in found: [(part: Int, range: Range<Int>)]) -> Range<Int>? {
        for first in found where first.part == 0 {
            var end = first.range.upperBound
            var complete = true
            for part in 1..<partCount {
                guard let next = found.first(where: {
                    $0.part == part && $0.range.lowerBound >= end && $0.range.lowerBound - end <= Self.maximumGap
                }) else {
                    complete = false
                    break
                }
                end = next.range.upperBound
            }
            if complete { return first.range.lowerBound..<end }
        }
        return nil
    }
}
