import ArgumentParser
import DispatchStore
import Foundation
import Understanding

/// `--reveal-pii` with `--actor NAME`: show phones, ID numbers and addresses, and record who saw them.
///
/// Personal data is masked by default everywhere the CLI prints it; a reveal is allowed, but
/// never anonymous, because the audit log is what lets the office answer "who looked at my data".
struct PrivacyOptions: ParsableArguments {
    /// Whether to print personal data unmasked.
    @Flag(name: .customLong("reveal-pii"), help: "Show phones, ID numbers and addresses unmasked (needs --actor; recorded in the audit log).")
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
    /// Everything as stored.
    case revealed

    /// Free text (a summary, a transcript line, a note) with personal data found in it masked.
    func text(_ text: String) -> String {
        switch self {
        case .masked(let masker): Self.maskIfItHasNumerals(text, with: masker)
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
        case .masked: PersonalDataMasker.maskPhone(phone)
        case .revealed: phone
        }
    }

    /// An address: the place stays readable, the door numbers do not.
    func address(_ address: String) -> String {
        switch self {
        case .masked: PersonalDataMasker.maskDigits(address)
        case .revealed: address
        }
    }
}
