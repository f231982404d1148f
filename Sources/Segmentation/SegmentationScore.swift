/// Word precision, recall and F1 over character spans: the SIGHAN bakeoff's metric.
///
/// A predicted word is correct when a gold word covers exactly the same characters of the
/// same sentence. Sentences are compared by their characters with whitespace removed.
public struct SegmentationScore: Sendable, Equatable, Codable {
    /// Words in the gold segmentation.
    public private(set) var goldWords = 0
    /// Words in the predicted segmentation.
    public private(set) var predictedWords = 0
    /// Predicted words whose span matches a gold word's span.
    public private(set) var correctWords = 0
    /// Sentence pairs whose characters differ (their words are still counted).
    public private(set) var mismatchedSentences = 0

    /// An empty score.
    public init() {}

    /// Share of predicted words that are right.
    public var precision: Double { predictedWords == 0 ? 0 : Double(correctWords) / Double(predictedWords) }
    /// Share of gold words that were found.
    public var recall: Double { goldWords == 0 ? 0 : Double(correctWords) / Double(goldWords) }
    /// Harmonic mean of precision and recall.
    public var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// Adds one sentence, given as its gold and predicted words.
    public mutating func add<Gold: Sequence, Predicted: Sequence>(gold: Gold, predicted: Predicted)
    where Gold.Element: StringProtocol, Predicted.Element: StringProtocol {
        let goldSpans = Self.spans(gold)
        let predictedSpans = Self.spans(predicted)
        goldWords += goldSpans.spans.count
        predictedWords += predictedSpans.spans.count
        correctWords += goldSpans.spans.intersection(predictedSpans.spans).count
        if goldSpans.characters != predictedSpans.characters { mismatchedSentences += 1 }
    }

    /// Adds one sentence given as lines in the SIGHAN format (words separated by whitespace).
    public mutating func add(goldLine: String, predictedLine: String) {
        add(gold: goldLine.split(whereSeparator: \.isWhitespace),
            predicted: predictedLine.split(whereSeparator: \.isWhitespace))
    }

    private struct Span: Hashable {
        let start: Int
        let end: Int
    }

    private static func spans<Words: Sequence>(_ words: Words) -> (spans: Set<Span>, characters: [Unicode.Scalar])
    where Words.Element: StringProtocol {
        var spans = Set<Span>()
        var characters: [Unicode.Scalar] = []
        for word in words {
            let scalars = word.unicodeScalars.filter { !$0.properties.isWhitespace }
            guard !scalars.isEmpty else { continue }
            spans.insert(Span(start: characters.count, end: characters.count + scalars.count))
            characters.append(contentsOf: scalars)
        }
        return (spans, characters)
    }
}
