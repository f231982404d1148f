import Foundation
import Testing
@testable import Segmentation

@Suite struct LexiconTests {
    @Test func fileEntriesSkipCommentsBlanksAndSingleCharacters() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID()).txt")
        try "# 报修\n报修\n\n  楼道灯  \n灯\n# 注释\n居委会\n報修\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let lexicon = try Lexicon(contentsOf: url)
        #expect(lexicon.count == 3)
        #expect(lexicon.contains("楼道灯"))
        #expect(lexicon.contains("樓道燈"))
        #expect(!lexicon.contains("灯"))
        #expect(!lexicon.contains("注释"))
    }

    @Test func aMissingFileIsAClearError() {
        #expect(throws: SegmentationError.self) {
            try Lexicon(contentsOf: URL(fileURLWithPath: "/nonexistent/lexicon.txt"))
        }
    }

    @Test func theProjectLexiconHoldsTheDomainWordsTheIssueNames() {
        for word in ["报修", "居委会", "楼道", "下水道", "低保", "居住证明", "无犯罪记录证明", "停车位",
                     "物业费", "业委会", "网格员", "家庭医生"] {
            #expect(projectLexicon.contains(word), "missing \(word)")
        }
        #expect(projectLexicon.count >= 300)
    }
}

@Suite struct SegmentationScoreTests {
    @Test func scoresAHandCheckedSentence() {
        // Gold: 共同 创造 美好 的 新 世纪 (6 words); predicted: 共同 创 造 美好 的新 世纪 (6 words).
        // Right spans: 共同, 美好, 世纪 → 3 of 6 each way.
        var score = SegmentationScore()
        score.add(goldLine: "共同  创造  美好  的  新  世纪  ", predictedLine: "共同 创 造 美好 的新 世纪")
        #expect(score.goldWords == 6)
        #expect(score.predictedWords == 6)
        #expect(score.correctWords == 3)
        #expect(score.precision == 0.5)
        #expect(score.recall == 0.5)
        #expect(score.f1 == 0.5)
        #expect(score.mismatchedSentences == 0)
    }

    @Test func unequalCountsGiveDifferentPrecisionAndRecall() {
        var score = SegmentationScore()
        score.add(goldLine: "我们 去 北京", predictedLine: "我们 去北京")
        // 3 gold, 2 predicted, 1 correct (我们).
        #expect(abs(score.precision - 0.5) < 1e-12)
        #expect(abs(score.recall - 1.0 / 3) < 1e-12)
        #expect(abs(score.f1 - 0.4) < 1e-12)
    }

    @Test func countsSentencesWhoseCharactersDiffer() {
        var score = SegmentationScore()
        score.add(goldLine: "你好 世界", predictedLine: "你好 世")
        #expect(score.mismatchedSentences == 1)
    }
}
