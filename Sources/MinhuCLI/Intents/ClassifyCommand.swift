import ArgumentParser
import Foundation
import Understanding

/// `minhu classify`: one JSON object per input line with intent, confidence and slots.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify utterances from stdin, one per line; print one JSON object per line.",
        discussion: """
            Example:
              echo "3栋2单元楼道灯坏了，电话13912345678" | minhu classify
            Phones and ID numbers are printed as found: this is a staff tool for checking the \
            bot's understanding, not a log.
            """
    )

    @OptionGroup var intents: IntentsOptions

    func run() throws {
        let interpreter = try intents.loadInterpreter()
        while let line = readLine(strippingNewline: true) {
            try printJSON(ClassifiedLine(interpreter.interpret(line), text: line))
        }
    }
}

/// The JSON shape of one classified line.
struct ClassifiedLine: Encodable {
    let text: String
    let intent: String
    let confidence: Double
    let confident: Bool
    let alternatives: [ScoredIntent]
    let slots: [String: String]
    let emergency: [EmergencyMatch]

    init(_ interpretation: Interpretation, text: String) {
        self.text = text
        intent = interpretation.prediction.intent
        confidence = (interpretation.prediction.confidence * 1000).rounded() / 1000
        confident = interpretation.prediction.isConfident
        alternatives = interpretation.prediction.topThree.map {
            ScoredIntent(intent: $0.intent, confidence: ($0.confidence * 1000).rounded() / 1000)
        }
        let found = interpretation.slots
        var slots: [String: String] = [:]
        if let phone = found.phones.first { slots["phone"] = phone.value }
        if let id = found.idNumbers.first { slots["id_number"] = id.value }
        if let address = found.address { slots["address"] = address.value }
        if let time = found.time {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
            slots["time"] = "\(formatter.string(from: time.start))/\(formatter.string(from: time.end))"
        }
        if let ticket = found.ticketIDs.first { slots["ticket_id"] = ticket.value }
        for (intent, subcategory) in found.subcategories { slots["\(intent)_category"] = subcategory }
        if let kind = found.certificateKind { slots["certificate_kind"] = kind }
        if let anonymous = found.anonymous { slots["anonymous"] = anonymous ? "true" : "false" }
        if let rating = found.rating { slots["rating"] = String(rating) }
        self.slots = slots
        emergency = found.emergencies
    }
}
