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
        case .masked(let masker): Self.maskEveryAddress(text, with: masker)
        case .revealed: text
        }
    }

    /// Masks until no address number is left: the masker masks every phone and ID number but
    /// only the first address of a text, and the bot's confirmations repeat the address
    /// ("…501室楼道灯坏了；地址：3栋2单元501室"). A masked address has no digits left, so each
    /// pass finds the next. Texts without any numeral (most chat lines) skip the masker, which
    /// costs far more than the scan.
    private static func maskEveryAddress(_ text: String, with masker: PersonalDataMasker) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.numericType != nil }) else { return text }
        var current = masker.mask(text)
        var passes = 1
        // Bounded: a text the masker cannot change any further must not loop forever.
        while passes < 8, hasAddressNumber(current) {
            let next = masker.mask(current)
            if next == current { break }
            current = next
            passes += 1
        }
        return current
    }

    /// Whether a numeral stands right before 栋, 幢, 单(元), 室, 号, 楼 or 层: an address number
    /// the masker may have left for a later pass.
    private static func hasAddressNumber(_ text: String) -> Bool {
        var previousIsNumeral = false
        for scalar in text.unicodeScalars {
            if previousIsNumeral, "栋幢单室号楼层".unicodeScalars.contains(scalar) { return true }
            previousIsNumeral = scalar.properties.numericType != nil
        }
        return false
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
