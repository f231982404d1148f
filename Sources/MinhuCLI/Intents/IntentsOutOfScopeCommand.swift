import ArgumentParser
import Foundation
import Understanding

/// `minhu intents oos FILE.tsv`: how often utterances that are not service requests would
/// be taken for a ticket-opening intent.
struct IntentsOutOfScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oos",
        abstract: "Share of out-of-scope lines classified as a ticket-opening intent.",
        discussion: """
            Classifies every line of a label<TAB>text file with the model trained on the intents \
            folder, skipping lines whose label is given with --keep (for SMP2017: health, which \
            is a real service request), and reports the share classified as repair, certificate, \
            complaint or status:
              minhu intents oos ../shared/datasets/smp2017/test.tsv --keep health
            """
    )

    @Argument(help: "Labelled lines (label<TAB>text) that are not community-service requests.")
    var file: String

    @Option(help: "Labels that are in scope and skipped (repeatable).")
    var keep: [String] = []

    @OptionGroup var intents: IntentsOptions

    @Option(help: "How many offending lines to print.")
    var show = 20

    static let ticketIntents: Set<String> = ["repair", "certificate", "complaint", "status"]

    func run() throws {
        let interpreter = try intents.loadInterpreter()
        let lines = try LabelledText.parseTSV(TextFile.read(file), path: file).filter { !keep.contains($0.label) }
        var counts: [String: Int] = [:]
        var offending: [(LabelledText, IntentPrediction)] = []
        for line in lines {
            let prediction = interpreter.classifier.classify(line.text)
            counts[prediction.intent, default: 0] += 1
            if Self.ticketIntents.contains(prediction.intent) { offending.append((line, prediction)) }
        }
        let confident = offending.filter { $0.1.isConfident }.count
        let total = max(lines.count, 1)
        print("\(lines.count) out-of-scope lines (skipped labels: \(keep.isEmpty ? "none" : keep.joined(separator: ", ")))")
        print(String(format: "classified as a ticket intent: %d (%.2f%%); of those confident: %d (%.2f%%)",
                     offending.count, 100 * Double(offending.count) / Double(total),
                     confident, 100 * Double(confident) / Double(total)))
        print("predicted: " + counts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for (line, prediction) in offending.prefix(show) {
            print(String(format: "  %@ → %@ %.2f  %@", line.label, prediction.intent, prediction.confidence, line.text))
        }
    }
}
