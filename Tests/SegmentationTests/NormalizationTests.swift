import Testing
@testable import Segmentation

@Suite struct NormalizationTests {
    @Test func fullWidthDigitsLettersAndPunctuationBecomeHalfWidth() {
        #expect(NormalizedText("３栋２单元５０１室，ＡＢＣ！").text == "3栋2单元501室,abc!")
    }

    @Test func traditionalCharactersBecomeSimplified() {
        #expect(NormalizedText("樓道燈壞了").text == "楼道灯坏了")
        #expect(NormalizedText("電梯維修，謝謝").text == "电梯维修,谢谢")
        #expect(NormalizedText("你要做甚麼").text == "你要做什么")
    }

    @Test func latinIsLowerCasedAndWhitespaceFolded() {
        #expect(NormalizedText("  Water\tPIPE \u{3000} 漏水\r\n ").text == "water pipe 漏水")
    }

    @Test func mixedScriptsAndEmojiSurvive() {
        #expect(NormalizedText("電梯 Broken 了😀👍🏽").text == "电梯 broken 了😀👍🏽")
    }

    @Test func emptyAndBlankInputGiveEmptyText() {
        #expect(NormalizedText("").text == "")
        #expect(NormalizedText(" \t\u{3000}\n").text == "")
    }

    @Test func combiningMarksAreComposed() {
        let normalized = NormalizedText("Cafe\u{301}")
        #expect(normalized.text == "café")
        // é came from two original scalars; both map back to it.
        #expect(normalized.originalText(of: 3..<5) == "e\u{301}")
    }

    @Test func invisibleCharactersAreDropped() {
        #expect(NormalizedText("楼\u{200B}道\u{FEFF}灯").text == "楼道灯")
    }

    @Test func normalizedRangesMapBackToWhatTheResidentTyped() throws {
        let typed = "我住３栋 二單元，電話１３９ １２３４ ５６７８"
        let normalized = NormalizedText(typed)
        #expect(normalized.text == "我住3栋 二单元,电话139 1234 5678")
        let text = normalized.text
        let phone = try #require(text.range(of: "139 1234 5678"))
        let start = text.utf8.distance(from: text.startIndex, to: phone.lowerBound)
        let end = text.utf8.distance(from: text.startIndex, to: phone.upperBound)
        #expect(normalized.originalText(of: start..<end) == "１３９ １２３４ ５６７８")
        let unit = try #require(text.range(of: "二单元"))
        let unitStart = text.utf8.distance(from: text.startIndex, to: unit.lowerBound)
        #expect(normalized.originalText(of: unitStart..<(unitStart + 9)) == "二單元")
    }

    @Test func oneMebibyteOfMixedInputNormalizesWithAConsistentMap() {
        let chunk = "樓道燈壞了，ＡＢＣ１２３ abc 😀\n"
        let typed = String(repeating: chunk, count: (1 << 20) / chunk.utf8.count + 1)
        let normalized = NormalizedText(typed)
        let expectedChunk = "楼道灯坏了,abc123 abc 😀"
        #expect(normalized.text.hasPrefix(expectedChunk + " " + expectedChunk))
        #expect(normalized.originalText(of: 0..<normalized.text.utf8.count) == Substring(typed.dropLast()))
    }
}
