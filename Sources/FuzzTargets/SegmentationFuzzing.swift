import Segmentation
import Understanding

/// Normalizes and segments any text with the domain lexicon, and checks that every token maps
/// back into the original text.
enum SegmentationFuzzing {
    /// The segmenter with the lexicon of `intents/`, built once.
    static let segmenter: Segmenter = {
        do {
            return try Segmenter(lexicon: IntentCatalog(directory: intentsDirectory).lexicon)
        } catch {
            preconditionFailure("cannot load the lexicon from \(intentsDirectory.path): \(error)")
        }
    }()

    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let normalized = NormalizedText(text)
        let segmented = segmenter.segment(normalized)
        let originalLength = text.utf8.count
        let normalizedLength = normalized.text.utf8.count
        for token in segmented.tokens {
            precondition(!token.range.isEmpty, "an empty token")
            precondition(segmented.text(of: token).utf8.count == token.range.count, "a token that splits a character")
            precondition(token.range.lowerBound >= 0 && token.range.upperBound <= normalizedLength,
                         "a token outside the normalized text")
            precondition(token.originalRange.lowerBound >= 0 && token.originalRange.upperBound <= originalLength,
                         "a token outside the original text")
        }
        _ = segmented.originalWords
    }
}
