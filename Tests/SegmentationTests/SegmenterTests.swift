import Foundation
import Testing
@testable import Segmentation

/// The project's own lexicon, read from `intents/lexicon.txt`.
let projectLexicon: Lexicon = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try! Lexicon(contentsOf: root.appendingPathComponent("intents/lexicon.txt"))
}()

let segmenter = try! Segmenter(lexicon: projectLexicon)
let icuOnly = try! Segmenter(overlay: false)

func words(_ text: String, _ segmenter: Segmenter = segmenter) -> [String] {
    segmenter.segment(text).words
}

@Suite struct SegmenterTests {
    @Test(arguments: [
        ("我要报修，楼道灯坏了", ["我要", "报修", ",", "楼道灯", "坏", "了"]),
        ("低保证明在哪里开", ["低保证明", "在", "哪里", "开"]),
        ("居委会的网格员电话是多少", ["居委会", "的", "网格员", "电话", "是", "多少"]),
        ("家里下水道堵了", ["家里", "下水道", "堵", "了"]),
        ("我想办无犯罪记录证明", ["我想", "办", "无犯罪记录证明"]),
        ("物业费怎么交", ["物业费", "怎么", "交"]),
        ("业委会什么时候开会", ["业委会", "什么时候", "开会"]),
        ("我想签约家庭医生", ["我想", "签约", "家庭医生"]),
        ("小区停车位不够", ["小区", "停车位", "不够"]),
    ])
    func domainSentencesAreSegmentedAsANativeSpeakerWould(sentence: String, expected: [String]) {
        #expect(words(sentence) == expected)
    }

    @Test func icuAloneSplitsDomainWordsThatTheLexiconKeepsWhole() {
        #expect(words("我要报修", icuOnly).contains("报") == true)
        #expect(words("百步亭社区居委会", icuOnly).contains("百步亭") == false)
        #expect(words("百步亭社区居委会") == ["百步亭", "社区居委会"])
        #expect(words("低保证明", icuOnly) == ["低", "保证", "明"])
        #expect(words("低保证明", try! Segmenter(lexicon: Lexicon(words: ["低保", "证明"]))) == ["低保", "证明"])
    }

    @Test func theOverlayKeepsICUsWordsWhereTheLexiconOnlyCouldForceAStrayCharacter() {
        let overlay = try! Segmenter(lexicon: Lexicon(words: ["物业费"]))
        #expect(words("物业费用太贵", overlay).prefix(2) == ["物业", "费用"])
        #expect(words("物业费太贵", overlay).first == "物业费")
    }

    @Test func traditionalAndFullWidthInputGiveTheSameTokensAsSimplifiedHalfWidth() {
        #expect(words("樓道燈壞了，３棟２單元") == words("楼道灯坏了,3栋2单元"))
        #expect(words("ＨＥＬＬＯ，電梯壞了") == words("hello,电梯坏了"))
    }

    @Test func tokensCarryTheirKind() {
        let tokens = segmenter.segment("电梯 broken 了，3楼 😀").tokens
        #expect(tokens.map(\.kind) == [.word, .latin, .word, .punctuation, .number, .word, .emoji])
    }

    @Test func generalPunctuationIsPunctuationButItsSeparatorsAreSpaces() {
        func kinds(_ text: String) -> [TokenKind] { segmenter.segment(text).tokens.map(\.kind) }
        #expect(kinds("“好”") == [.punctuation, .word, .punctuation])
        #expect(kinds("好‰※") == [.word, .punctuation, .punctuation])
        #expect(kinds("好‼") == [.word, .punctuation, .punctuation])  // NFKC: !!
        #expect(kinds("好\u{2028}的") == [.word, .word])
    }

    @Test func numbersKeepTheirDateUnitsAndOrdinals() {
        #expect(words("2001年12月31日") == ["2001年", "12月", "31日"])
        #expect(words("第5次").first == "第5")
        #expect(words("涨了5%").last == "5%")
        #expect(words("2001年12月31日", icuOnly).count > 3)
    }

    @Test func originalWordsTileTheTypedText() {
        let typed = "我住樓道，電話１３９"
        let segmented = segmenter.segment(typed)
        #expect(segmented.originalWords.joined() == typed.filter { !$0.isWhitespace })
        #expect(segmented.originalWords.contains("樓道"))
    }

    @Test func emptyAndOneMebibyteInputsAreSegmented() {
        #expect(segmenter.segment("").tokens.isEmpty)
        let big = String(repeating: "楼道灯坏了，请尽快报修。", count: 90_000)
        let tokens = segmenter.segment(big).tokens
        // 楼道灯 坏 了 , 请 尽快 报修 。
        #expect(tokens.count == 90_000 * 8)
        #expect(tokens.last?.originalRange.upperBound == big.utf8.count)
    }

    @Test func manyTasksSegmentAtOnceAndAgreeWithOneThread() async {
        let sentences = ["我要报修，楼道灯坏了", "低保证明在哪里开", "樓上裝修噪音太大了", "电梯 broken 了😀",
                         "百步亭社区怡和苑南区5栋2单元501室", "我婆婆头晕，血压有点高"]
        let expected = sentences.map { words($0) }
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<64 {
                group.addTask {
                    (0..<50).allSatisfy { round in
                        let index = (task + round) % sentences.count
                        return words(sentences[index]) == expected[index]
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
