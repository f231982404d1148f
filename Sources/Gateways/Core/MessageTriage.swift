import DispatchStore
import Foundation
import Understanding

/// Decides what the bot does with one group-chat message: most messages in a group are
/// residents talking to each other, and the bot must stay out of those.
public struct MessageTriage: Sendable {
    /// What to do with a message.
    public enum Decision: Equatable, Sendable {
        /// Stay silent.
        case ignore
        /// Hand it to the conversation engine.
        case answer
        /// Say that this room does not handle that kind of request.
        case notHandledHere(String)
        /// A volunteer claims a ticket (抢单).
        case claim(TicketNumber)
    }

    /// The intents that open a ticket: the only ones picked up without a mention.
    public static let serviceIntents: Set<String> = ["repair", "health", "certificate", "complaint"]

    /// How sure the classifier must be before the bot answers a message nobody addressed to it.
    public var pickupConfidence: Double

    /// Creates a triage.
    public init(pickupConfidence: Double = 0.8) {
        self.pickupConfidence = pickupConfidence
    }

    /// The decision for a message in a room.
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - room: The room's configuration.
    ///   - awaitsAnswer: Whether the bot just asked this resident something (then the resident
    ///     need not mention the bot to answer).
    ///   - prediction: The classifier's reading of the text.
    public func decide(_ message: InboundMessage, in room: RoomConfiguration, awaitsAnswer: Bool,
                       prediction: IntentPrediction) -> Decision {
        switch room.role {
        case .staff:
            return .ignore
        case .volunteers:
            return Self.claimedTicket(in: message.text).map(Decision.claim) ?? .ignore
        case .residents:
            break
        }
        if awaitsAnswer { return .answer }
        let addressed = message.isAddressedToBot || message.room.isDirect
        if !addressed {
            guard !room.mentionRequired, prediction.confidence >= pickupConfidence,
                  Self.serviceIntents.contains(prediction.intent) else { return .ignore }
        }
        // Small talk (greetings, thanks) is always answered; only the kinds of business a room
        // may leave to other rooms are held back.
        if let enabled = room.intents, !enabled.contains(prediction.intent), prediction.isConfident,
           Self.intentNames[prediction.intent] != nil {
            return addressed ? .notHandledHere(Self.notHandledText(enabled)) : .ignore
        }
        return .answer
    }

    /// The ticket a volunteer claims with `抢单 MH-000012` (or `抢单 12`), if the text is that.
    public static func claimedTicket(in text: String) -> TicketNumber? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("抢单") else { return nil }
        let rest = trimmed.dropFirst(2).trimmingCharacters(in: CharacterSet(charactersIn: " ：:#"))
        return TicketNumber(parsing: rest)
    }

    private static let intentNames = ["repair": "报修", "health": "健康咨询", "certificate": "开证明咨询",
                                      "complaint": "投诉", "status": "查进度", "human": "转人工"]

    private static func notHandledText(_ enabled: [String]) -> String {
        let names = enabled.compactMap { intentNames[$0] }
        guard !names.isEmpty else { return "这个群里我不办理事情。有需要请私聊我，或者打社区电话。" }
        return "这个群里我只办理：\(names.joined(separator: "、"))。其他事情请私聊我，或者打社区电话。"
    }
}

extension GatewayRoom {
    /// Whether this is a private chat.
    public var isDirect: Bool {
        if case .direct = self { return true }
        return false
    }
}
