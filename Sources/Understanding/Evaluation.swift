/// Accuracy, macro-F1, per-label precision/recall/F1 and a confusion matrix.
public struct ClassificationReport: Sendable {
    /// Labels in row/column order of ``confusion``.
    public let labels: [String]
    /// `confusion[gold][predicted]` counts.
    public let confusion: [[Int]]
    /// The lines the classifier got wrong: (gold, predicted, text).
    public let mistakes: [(gold: String, predicted: String, text: String)]

    /// Builds a report from (gold, predicted, text) triples.
    public init(_ results: [(gold: String, predicted: String, text: String)]) {
        let labels = Array(Set(results.flatMap { [$0.gold, $0.predicted] })).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for result in results { confusion[index[result.gold]!][index[result.predicted]!] += 1 }
        self.labels = labels
        self.confusion = confusion
        self.mistakes = results.filter { $0.gold != $0.predicted }
    }

    /// Number of evaluated lines.
    public var total: Int { confusion.joined().reduce(0, +) }
    /// Share of lines classified right.
    public var accuracy: Double {
        total == 0 ? 0 : Double(labels.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(total)
    }

    /// Precision, recall and F1 of one label.
    public func scores(of label: String) -> (precision: Double, recall: Double, f1: Double, support: Int) {
        guard let index = labels.firstIndex(of: label) else { return (0, 0, 0, 0) }
        let correct = Double(confusion[index][index])
        let predicted = Double(labels.indices.reduce(0) { $0 + confusion[$1][index] })
        let support = confusion[index].reduce(0, +)
        let precision = predicted == 0 ? 0 : correct / predicted
        let recall = support == 0 ? 0 : correct / Double(support)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return (precision, recall, f1, support)
    }

    /// Mean F1 over the labels that occur in the gold data.
    public var macroF1: Double {
        let present = labels.filter { scores(of: $0).support > 0 }
        return present.isEmpty ? 0 : present.reduce(0) { $0 + scores(of: $1).f1 } / Double(present.count)
    }
}
