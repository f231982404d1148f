import Foundation

/// Where a conversation stands between two turns. Saved in the store after every turn as
/// JSON (written by ``encoded()``), so a restart, a reconnect or another node continues the
/// dialogue.
struct DialogueState: Codable, Equatable {
    /// A request being filled in (repair, complaint, health), if any.
    var form: RequestForm?
    /// A request set aside for an emergency, taken up again once the emergency's ticket is open.
    var pausedForm: RequestForm?
    /// The intents offered when the bot was unsure what the resident meant.
    var clarifying: [String]?
    /// What the resident said that the bot was unsure about.
    var clarifyingText: String?
    /// A certificate kind the bot offered to register (登记) for staff to prepare.
    var certificateOffer: String?
    /// The certificate kind the bot last explained, so that "怎么办理？" asks about it.
    var certificateTopic: String?
    /// The ticket whose rating (评单) the bot asked for.
    var ratingTicket: Int64?
    /// An emergency ticket opened before the resident gave a phone: the next number is for it.
    var phoneWantedFor: Int64?
    /// Whether the phone for `phoneWantedFor` was asked for a second time: it is not asked a third.
    var phoneAskedAgain = false
    /// The ticket the bot read back before withdrawing it (取消), waiting for 确认.
    var cancelOffer: Int64?
    /// Tickets whose rating was already asked for, so the question is asked once.
    var ratingAsked: [Int64] = []
    /// Phones the resident gave in this conversation: only their tickets are shown.
    var phonesGiven: [String] = []
    /// Whether this conversation ever opened a ticket (only then can one wait for a rating).
    var hasTickets = false

    init() {}

    init(from decoder: any Decoder) throws {
        // Fields added later decode with their defaults from states saved before them.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        form = try container.decodeIfPresent(RequestForm.self, forKey: .form)
        pausedForm = try container.decodeIfPresent(RequestForm.self, forKey: .pausedForm)
        clarifying = try container.decodeIfPresent([String].self, forKey: .clarifying)
        clarifyingText = try container.decodeIfPresent(String.self, forKey: .clarifyingText)
        certificateOffer = try container.decodeIfPresent(String.self, forKey: .certificateOffer)
        certificateTopic = try container.decodeIfPresent(String.self, forKey: .certificateTopic)
        ratingTicket = try container.decodeIfPresent(Int64.self, forKey: .ratingTicket)
        phoneWantedFor = try container.decodeIfPresent(Int64.self, forKey: .phoneWantedFor)
        phoneAskedAgain = try container.decodeIfPresent(Bool.self, forKey: .phoneAskedAgain) ?? false
        cancelOffer = try container.decodeIfPresent(Int64.self, forKey: .cancelOffer)
        ratingAsked = try container.decodeIfPresent([Int64].self, forKey: .ratingAsked) ?? []
        phonesGiven = try container.decodeIfPresent([String].self, forKey: .phonesGiven) ?? []
        hasTickets = try container.decodeIfPresent(Bool.self, forKey: .hasTickets) ?? true
    }

    /// Whether the bot's last reply asked the resident something.
    var isWaitingForAnswer: Bool {
        form != nil || clarifying != nil || certificateOffer != nil || ratingTicket != nil || phoneWantedFor != nil
            || cancelOffer != nil
    }

    static func decode(_ data: Data?) -> DialogueState {
        guard let data, let state = try? JSONDecoder().decode(DialogueState.self, from: data) else { return DialogueState() }
        return state
    }
}

/// A ticket request being filled in slot by slot.
struct RequestForm: Codable, Equatable {
    /// A stable id, used as the ticket's source message id so that a retried confirmation
    /// never creates a second ticket.
    var id: String
    /// repair, complaint or health.
    var intent: String
    /// Slot values by slot name.
    var values: [String: String] = [:]
    /// Optional slots the resident declined (跳过, 不用).
    var declined: [String] = []
    /// The slot the bot asked for last.
    var asking: String?
    /// How many times each slot was asked for.
    var asked: [String: Int] = [:]
    /// Whether the bot is waiting for 确认.
    var confirming = false
    /// Whether an emergency signal was seen.
    var emergency = false
    /// Everything the resident said for this request, for the ticket's details.
    var lines: [String] = []
}
