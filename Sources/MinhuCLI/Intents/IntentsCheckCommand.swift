import ArgumentParser
import Foundation
import Segmentation
import Understanding

/// `minhu intents check`: lint the intents folder and cross-validate the classifier.
struct IntentsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint the intents folder and print k-fold cross-validation accuracy.",
        discussion: "Exits non-zero when the folder has problems, so it can guard a change to intents/."
    )

    @OptionGroup var intents: IntentsOptions

    @Option(help: "Number of cross-validation folds.")
    var folds = 5

    @Option(help: "The SVM's C for the cross-validation models.")
    var cost = IntentClassifier.defaultCost

    @Option(help: "How sharply decision values become confidences (to calibrate the default).")
    var sharpness = IntentClassifier.defaultSharpness

    @Option(help: "How many misclassified examples to print.")
    var mistakes = 20

    @Option(help: "Also cross-validate over this many shuffled orders of the examples and print the mean accuracy.")
    var repeats = 0

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        let catalog = try intents.loadCatalog()
        let findings = IntentLint.check(catalog)
        print("\(catalog.intents.count) intents, \(catalog.labelledExamples.count) examples, \(catalog.lexicon.count) lexicon words")
        for intent in catalog.intents {
            print("  \(intent.id.padding(toLength: 13, withPad: " ", startingAt: 0)) \(String(format: "%4d", intent.examples.count)) examples  \(intent.name)")
        }
        if findings.isEmpty {
            print("no problems found")
        } else {
            print("\(findings.count) problem(s):")
            for finding in findings { print("  \(finding)") }
        }
        print("")
        print("\(folds)-fold cross-validation:")
        let validation = try CrossValidation(catalog.labelledExamples, folds: folds, cost: cost, sharpness: sharpness,
                                             segmenter: Segmenter(lexicon: catalog.lexicon), terms: catalog.termsByIntent)
        print(ReportTable(validation.report, mistakes: mistakes).render())
        let threshold = IntentClassifier.defaultConfidenceThreshold
        let coverage = validation.coverage(atThreshold: threshold)
        print(String(format: "confidence ≥ %.2f: %.1f%% of examples, %.1f%% of them right; log loss %.3f",
                     threshold, coverage.share * 100, coverage.accuracy * 100, validation.logLoss))
        if repeats > 0 {
            let accuracies = try (1...repeats).map { seed in
                try CrossValidation(catalog.labelledExamples, folds: folds, cost: cost, sharpness: sharpness,
                                    segmenter: Segmenter(lexicon: catalog.lexicon), terms: catalog.termsByIntent,
                                    shuffle: UInt64(seed)).report.accuracy * 100
            }
            print(String(format: "over %d shuffled orders: mean accuracy %.2f%% (%.2f–%.2f%%)", repeats,
                         accuracies.reduce(0, +) / Double(repeats), accuracies.min()!, accuracies.max()!))
        }
        if !findings.isEmpty { throw ExitCode.failure }
    }
}
