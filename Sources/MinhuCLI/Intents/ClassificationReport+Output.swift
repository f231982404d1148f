import Foundation
import Understanding

/// The text rendering of a classification report: summary, per-intent table, confusion matrix,
/// and the misclassified lines.
struct ReportTable {
    let report: ClassificationReport
    let mistakes: Int

    init(_ report: ClassificationReport, mistakes: Int) {
        self.report = report
        self.mistakes = mistakes
    }

    func render() -> String {
        var lines: [String] = []
        lines.append(String(format: "accuracy %.2f%%  macro-F1 %.2f%%  (%d lines)",
                            report.accuracy * 100, report.macroF1 * 100, report.total))
        lines.append("")
        let width = max(12, report.labels.map { $0.count }.max() ?? 0)
        lines.append(pad("intent", width) + "  precision  recall      F1  support")
        for label in report.labels {
            let score = report.scores(of: label)
            lines.append(pad(label, width) + String(format: "  %8.1f%%  %5.1f%%  %5.1f%%  %7d",
                                                    score.precision * 100, score.recall * 100, score.f1 * 100, score.support))
        }
        if report.labels.count <= 12 {
            lines.append("")
            lines.append("confusion (rows: gold, columns: predicted)")
            let columnWidth = max(5, report.labels.map { min($0.count, 8) }.max() ?? 5)
            lines.append(pad("", width) + report.labels.map { " " + pad(String($0.prefix(8)), columnWidth, right: true) }.joined())
            for (row, label) in report.labels.enumerated() {
                lines.append(pad(label, width) + report.confusion[row].map { " " + pad("\($0)", columnWidth, right: true) }.joined())
            }
        }
        if mistakes > 0, !report.mistakes.isEmpty {
            lines.append("")
            lines.append("misclassified (\(report.mistakes.count); first \(min(mistakes, report.mistakes.count))): gold → predicted")
            for mistake in report.mistakes.prefix(mistakes) {
                lines.append("  \(mistake.gold) → \(mistake.predicted)  \(mistake.text)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}

/// The JSON shape of a classification report.
struct ReportJSON: Encodable {
    struct LabelScore: Encodable {
        let intent: String
        let precision: Double
        let recall: Double
        let f1: Double
        let support: Int
    }
    struct Mistake: Encodable {
        let gold: String
        let predicted: String
        let text: String
    }

    let accuracy: Double
    let macroF1: Double
    let total: Int
    let labels: [String]
    let confusion: [[Int]]
    let perIntent: [LabelScore]
    let mistakes: [Mistake]

    init(_ report: ClassificationReport) {
        accuracy = report.accuracy
        macroF1 = report.macroF1
        total = report.total
        labels = report.labels
        confusion = report.confusion
        perIntent = report.labels.map { label in
            let score = report.scores(of: label)
            return LabelScore(intent: label, precision: score.precision, recall: score.recall, f1: score.f1, support: score.support)
        }
        mistakes = report.mistakes.map { Mistake(gold: $0.gold, predicted: $0.predicted, text: $0.text) }
    }
}
