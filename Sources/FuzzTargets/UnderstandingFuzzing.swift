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
        // Masked text is what staff see; masking it again must find nothing left to hide.
        let masked = masker.mask(text)
        precondition(masker.mask(masked) == masked, "masked text still holds personal data")
    }
}
