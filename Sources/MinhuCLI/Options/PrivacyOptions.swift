import ArgumentParser
import DispatchStore
import Foundation
import Understanding

/// `--reveal-pii` with `--actor NAME`: show phones, ID numbers, addresses and health complaints,
/// and record who saw them.
///
/// Personal data is masked by default everywhere the CLI prints it; a reveal is allowed, but
/// never anonymous, because the audit log is what lets the office answer "who looked at my data".
struct PrivacyOptions: ParsableArguments {
    /// Whether to print personal data unmasked.
    @Flag(name: .customLong("reveal-pii"), help: "Show phones, ID numbers, addresses and health complaints unmasked (needs --actor; recorded in the audit log).")
    var revealPII = false

    /// Who reveals it.
    @Option(help: ArgumentHelp("Who reveals personal data (with --reveal-pii); defaults to $MINHU_ACTOR.", valueName: "name"))
    var actor: String?

    /// Fails early, before any output, when a reveal has no name behind it.
    func validate() throws {
        if revealPII { _ = try ActorOptions.requiredName(actor) }
    }

    /// Records the reveal (when asked for) and returns the masking to print with.
    ///
    /// - Parameters:
    ///   - store: Where the audit entry goes.
    ///   - subject: Whose data: a ticket number, `conversation 12`, `transcripts`.
    ///   - what: What is revealed (`phone,address`, `transcript`).
    func masking(in store: any DispatchStore, subject: String, what: String) async throws -> Masking {
        guard revealPII else { return .masked(PersonalDataMasker()) }
        let name = try ActorOptions.requiredName(actor)
        try await store.recordReveal(PersonalDataReveal(actor: .staff(name), subject: subject, what: what))
        return .revealed
    }
}

/// How personal data is printed: masked (the default) or as stored after an audited reveal.
enum Masking: Sendable {
    /// Phones, ID numbers and address numbers are replaced by `*`.
    case masked(PersonalDataMasker)
    /// As `masked`, and free text is hidden whole: it is about a resident's health.
    case healthHidden
    /// Everything as stored.
    case revealed

    /// What a health complaint reads as until someone reveals it.
    static let hiddenHealth = "（健康信息已隐藏 health details hidden）"
    /// The intent and ticket category of health consultations.
    static let healthCategory = "health"

    /// The masking for what is said about `ticket`: a health ticket's summary, details and
    /// notes describe someone's health, which the office keeps as private as a phone number.
    func about(_ ticket: Ticket) -> Masking {
        hidingHealth(ticket.category == Self.healthCategory)
    }

    /// The masking for a conversation's lines: all of them once the resident spoke about their
    /// health there (a line classified `health`, or a health ticket), because the bot's
    /// read-backs and the resident's later answers repeat the complaint.
    func about(lines: [TranscriptMessage], tickets: [Ticket]) -> Masking {
        hidingHealth(lines.contains { $0.intent == Self.healthCategory }
            || tickets.contains { $0.category == Self.healthCategory })
    }

    /// `healthHidden` instead of `masked` when `isHealth`; a reveal stays a reveal.
    func hidingHealth(_ isHealth: Bool) -> Masking {
        guard isHealth, case .masked = self else { return self }
        return .healthHidden
    }

    /// Free text (a summary, a transcript line, a note) with personal data found in it masked.
    func text(_ text: String) -> String {
        switch self {
        case .masked(let masker): Self.maskIfItHasNumerals(text, with: masker)
        case .healthHidden: text.isEmpty ? text : Self.hiddenHealth
        case .revealed: text
        }
    }

    /// Texts without any numeral (most chat lines) skip the masker, which costs far more than
    /// the scan.
    private static func maskIfItHasNumerals(_ text: String, with masker: PersonalDataMasker) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.numericType != nil }) else { return text }
        return masker.mask(text)
    }

    /// A contact phone.
    func phone(_ phone: String) -> String {
        switch self {
        case .masked, .healthHidden: PersonalDataMasker.maskPhone(phone)
        case .revealed: phone
        }
    }

    /// An address: the place stays readable, the door numbers do not.
    func address(_ address: String) -> String {
        switch self {
        case .masked, .healthHidden: PersonalDataMasker.maskDigits(address)
        case .revealed: address
        }
    }
}
