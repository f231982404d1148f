import Foundation
import Segmentation

/// k-fold cross-validation of the classifier on labelled texts.
public struct CrossValidation: Sendable {
    /// One held-out example and what the classifier said of it.
    public struct Result: Sendable {
        public var example: LabelledText
        public var prediction: IntentPrediction
    }

    /// Every held-out example, each classified by a model that never saw it.
    public let results: [Result]

    /// Trains on k−1 folds and classifies the held-out fold, k times. Folds are interleaved
    /// so that every label is in every fold.
    /// - Parameter shuffle: When given, the examples are first put in an order drawn from this
    ///   seed (each label keeps its share of every fold). Which examples share a fold moves the
    ///   accuracy by a few tenths of a point, so a figure near a target is worth checking over
    ///   several orders (`minhu intents check --repeats`).
    public init(_ examples: [LabelledText], folds: Int, cost: Double = IntentClassifier.defaultCost,
                sharpness: Double = IntentClassifier.defaultSharpness,
                segmenter: Segmenter, terms: [String: [String]] = [:], shuffle seed: UInt64? = nil) throws {
        var examples = examples
        if let seed {
            // Shuffled within each label, then dealt label by label: every fold still gets its share.
            var generator = SplitMix64(seed: seed)
            let byLabel = Dictionary(grouping: examples, by: \.label).sorted { $0.key < $1.key }
            examples = byLabel.flatMap { $0.value.shuffled(using: &generator) }
        }
        var results: [Result] = []
        for fold in 0..<folds {
            let training = examples.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            let held = examples.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            let classifier = try IntentClassifier.train(on: training, segmenter: segmenter, terms: terms, cost: cost,
                                                        sharpness: sharpness)
            for example in held {
                results.append(Result(example: example, prediction: classifier.classify(example.text)))
            }
        }
        self.results = results
    }

    /// The report of gold against predicted intents.
    public var report: ClassificationReport {
        ClassificationReport(results.map { ($0.example.label, $0.prediction.intent, $0.example.text) })
    }

    /// Mean negative log-likelihood of the gold intents: lower means confidences that say
    /// how often the classifier is right.
    public var logLoss: Double {
        results.reduce(0) { $0 - log(max($1.prediction.confidence(of: $1.example.label), 1e-6)) } / Double(max(results.count, 1))
    }

    /// Of the predictions at or above `threshold`: how many there are and how many are right.
    public func coverage(atThreshold threshold: Double) -> (share: Double, accuracy: Double) {
        let confident = results.filter { $0.prediction.confidence >= threshold }
        let right = confident.filter { $0.prediction.intent == $0.example.label }.count
        return (Double(confident.count) / Double(max(results.count, 1)), Double(right) / Double(max(confident.count, 1)))
    }
}
