import ArgumentParser
import Foundation
import Segmentation

/// `minhu segment`: normalize and segment lines from stdin, or score against a gold file.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Segment Chinese lines from stdin (SIGHAN format: words separated by spaces).",
        discussion: """
            Each input line is normalized (NFKC, traditional → simplified, lower-case Latin) and \
            segmented with ICU plus the domain lexicon; the words are printed as typed.
            With --eval GOLD the segmentation of stdin is scored against GOLD with the SIGHAN \
            bakeoff metric, e.g.:
              minhu segment --eval pku_test_gold.utf8 < pku_test.utf8
            """
    )

    @OptionGroup var intents: IntentsOptions

    @Flag(help: "Print one JSON object per line: tokens with kind and ranges.")
    var json = false

    @Flag(name: .customLong("no-lexicon"), help: "ICU's segmentation alone: no domain lexicon, no number compounds.")
    var noLexicon = false

    @Option(name: .customLong("eval"), help: "Gold segmentation to score against (one sentence per line).")
    var goldPath: String?

    @Option(name: .customLong("predicted"),
            help: "With --eval: score this already segmented file instead of segmenting stdin.")
    var predictedPath: String?

    func validate() throws {
        if predictedPath != nil, goldPath == nil {
            throw ValidationError("--predicted needs --eval GOLD")
        }
    }

    func run() throws {
        if let goldPath {
            try evaluate(goldPath: goldPath)
            return
        }
        let segmenter = try makeSegmenter()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        while let line = readLine(strippingNewline: true) {
            let segmented = segmenter.segment(line)
            if json {
                let data = try encoder.encode(SegmentedLine(segmented))
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(segmented.originalWords.joined(separator: " "))
            }
        }
    }

    private func makeSegmenter() throws -> Segmenter {
        try noLexicon ? Segmenter(overlay: false) : Segmenter(lexicon: intents.loadLexicon())
    }

    private func evaluate(goldPath: String) throws {
        let goldLines = try readLines(goldPath)
        let predictedLines: [String]
        if let predictedPath {
            predictedLines = try readLines(predictedPath)
        } else {
            let segmenter = try makeSegmenter()
            var lines: [String] = []
            while let line = readLine(strippingNewline: true) {
                lines.append(segmenter.segment(line).originalWords.joined(separator: " "))
            }
            predictedLines = lines
        }
        guard goldLines.count == predictedLines.count else {
            throw CLIError("gold has \(goldLines.count) lines but the prediction has \(predictedLines.count)")
        }
        var score = SegmentationScore()
        for (gold, predicted) in zip(goldLines, predictedLines) {
            score.add(goldLine: gold, predictedLine: predicted)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(ScoreReport(score)), as: UTF8.self))
        } else {
            print(String(format: "precision %.2f  recall %.2f  F1 %.2f", score.precision * 100, score.recall * 100, score.f1 * 100))
            print("gold words \(score.goldWords), predicted \(score.predictedWords), correct \(score.correctWords), sentences whose characters differ \(score.mismatchedSentences)")
        }
    }

    private func readLines(_ path: String) throws -> [String] {
        let content = try TextFile.read(path)
        // "\r\n" is one Character in Swift, so both line ends are named.
        var lines = content.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// The JSON shape of one segmented line.
private struct SegmentedLine: Encodable {
    struct Word: Encodable {
        let text: String
        let original: String
        let kind: TokenKind
        /// UTF-8 byte offsets [start, end) in the original line.
        let originalRange: [Int]

        enum CodingKeys: String, CodingKey {
            case text, original, kind
            case originalRange = "original_range"
        }
    }

    let text: String
    let normalized: String
    let tokens: [Word]

    init(_ segmented: SegmentedText) {
        text = segmented.normalized.original
        normalized = segmented.normalized.text
        tokens = segmented.tokens.map { token in
            Word(text: segmented.text(of: token), original: String(segmented.normalized.originalText(of: token.range)),
                 kind: token.kind, originalRange: [token.originalRange.lowerBound, token.originalRange.upperBound])
        }
    }
}

/// The JSON shape of an evaluation.
private struct ScoreReport: Encodable {
    let precision: Double
    let recall: Double
    let f1: Double
    let goldWords: Int
    let predictedWords: Int
    let correctWords: Int
    let mismatchedSentences: Int

    init(_ score: SegmentationScore) {
        precision = score.precision
        recall = score.recall
        f1 = score.f1
        goldWords = score.goldWords
        predictedWords = score.predictedWords
        correctWords = score.correctWords
        mismatchedSentences = score.mismatchedSentences
    }
}
