import ArgumentParser
import Foundation
import Segmentation
import Understanding

/// `minhu intents eval FILE.tsv`: accuracy of the classifier on labelled lines.
struct IntentsEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the classifier on a label<TAB>text file.",
        discussion: """
            By default the classifier is trained on the intents folder. With --train (repeatable) \
            it is trained on external labelled files instead, e.g. SMP2017:
              minhu intents eval test.tsv --train train.tsv --train develop.tsv
            With --typos each line is scored with one homophone typo, as a pinyin input method \
            makes them (证明 → 正明): a character swapped for a common one of the training texts \
            that is read the same.
            """
    )

    @Argument(help: "Labelled lines to score: label<TAB>text.")
    var file: String

    @Option(name: .customLong("train"), help: "Train on this label<TAB>text file instead of the intents (repeatable).")
    var trainingFiles: [String] = []

    @OptionGroup var intents: IntentsOptions

    @Option(help: "How many misclassified lines to print.")
    var mistakes = 30

    @Option(help: "The SVM's C when training on --train files (higher fits tighter).")
    var cost = IntentClassifier.defaultCost

    @Flag(help: "Score each line with one homophone typo (the same typos every run).")
    var typos = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let classifier: IntentClassifier
        let trainingTexts: [String]
        let clock = ContinuousClock()
        let start = clock.now
        if trainingFiles.isEmpty {
            let interpreter = try intents.loadInterpreter()
            classifier = interpreter.classifier
            trainingTexts = interpreter.catalog.labelledExamples.map(\.text)
        } else {
            // The lexicon still helps segment external data when the intents folder is at hand.
            let lexicon = (try? intents.loadLexicon()) ?? .empty
            let examples = try trainingFiles.flatMap { try LabelledText.parseTSV(TextFile.read($0), path: $0) }
            classifier = try IntentClassifier.train(on: examples, segmenter: Segmenter(lexicon: lexicon), cost: cost)
            trainingTexts = examples.map(\.text)
        }
        let trainingTime = clock.now - start
        var test = try LabelledText.parseTSV(TextFile.read(file), path: file)
        if typos { test = HomophoneTypos.introduce(into: test, commonIn: trainingTexts) }
        let results = test.map { ($0.label, classifier.classify($0.text).intent, $0.text) }
        let report = ClassificationReport(results)
        if json {
            try printJSON(ReportJSON(report))
        } else {
            print(ReportTable(report, mistakes: mistakes).render())
            print("trained in \(trainingTime.milliseconds) ms")
        }
    }
}
