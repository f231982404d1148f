import Foundation
import Segmentation

/// The bot's understanding of one utterance: intent, slots and emergency signals.
public struct Interpretation: Sendable {
    /// The text after normalization and segmentation.
    public var segmented: SegmentedText
    /// What the classifier thinks it means.
    public var prediction: IntentPrediction
    /// Slot values found in the text, by slot kind.
    public var slots: ExtractedSlots
}

/// Loads the intents folder, trains the classifier and extracts slots: everything the
/// conversation engine needs to understand a resident.
public struct Interpreter: Sendable {
    /// The intents, lexicon and knowledge.
    public let catalog: IntentCatalog
    /// The trained classifier.
    public let classifier: IntentClassifier
    /// The slot extractor (uses the catalog's routing, signals and knowledge).
    public let extractor: SlotExtractor

    /// Builds an interpreter from a catalog: trains the classifier on its examples.
    public init(catalog: IntentCatalog) throws {
        self.catalog = catalog
        let segmenter = try Segmenter(lexicon: catalog.lexicon)
        classifier = try IntentClassifier.train(on: catalog.labelledExamples, segmenter: segmenter,
                                                terms: catalog.termsByIntent)
        extractor = SlotExtractor(catalog: catalog)
    }

    /// Reads `directory` (the `intents/` folder) and trains.
    public init(directory: URL) throws {
        try self.init(catalog: IntentCatalog(directory: directory))
    }

    /// Understands one utterance; `now` anchors relative times (明天下午).
    public func interpret(_ text: String, now: Date = Date()) -> Interpretation {
        let segmented = classifier.segmenter.segment(text)
        return Interpretation(segmented: segmented, prediction: classifier.classify(segmented),
                              slots: extractor.extract(from: segmented.normalized, now: now))
    }
}
