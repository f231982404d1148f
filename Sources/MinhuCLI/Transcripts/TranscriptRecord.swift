import DispatchStore
import Foundation

/// One transcript line as JSON and CSV exports print it, its text masked unless revealed.
struct TranscriptRecord: Encodable {
    /// Printed as `id`.
    let id: Int64
    /// Printed as `conversation_id`.
    let conversationID: Int64
    /// Printed as `sequence`.
    let sequence: Int
    /// Printed as `at`.
    let at: Date
    /// Printed as `direction`.
    let direction: String
    /// Printed as `text`.
    let text: String
    /// Printed as `intent`.
    let intent: String?
    /// Printed as `confidence`.
    let confidence: Double?

    /// The record of `message`, its text printed with `masking`.
    init(_ message: TranscriptMessage, masking: Masking) {
        id = message.id
        conversationID = message.conversationID
        sequence = message.sequence
        at = message.at
        direction = message.direction.rawValue
        text = masking.text(message.text)
        intent = message.intent
        // Three decimals are all a reader can use, and they keep exports stable across platforms.
        confidence = message.confidence.map { ($0 * 1000).rounded() / 1000 }
    }

    /// snake_case keys, as the store's own records use.
    enum CodingKeys: String, CodingKey {
        case id
        case conversationID = "conversation_id"
        case sequence, at, direction, text, intent, confidence
    }

    /// The CSV header, in the order of ``csvRecord``.
    static let csvHeader = CSV.record(["id", "conversation_id", "sequence", "at", "direction", "text", "intent", "confidence"])

    /// The record as one CSV row.
    var csvRecord: String {
        CSV.record([
            String(id), String(conversationID), String(sequence), StaffTime.iso(at), direction, text, intent ?? "",
            confidence.map { String($0) } ?? "",
        ])
    }
}
