import Segmentation
import Testing
@testable import Understanding

@Suite struct PinyinReadingsTests {
    private func scalar(_ character: Unicode.Scalar) -> UInt32 { character.value }

    @Test func homophonesShareASyllableAndOtherCharactersDoNot() throws {
        let readings = try PinyinReadings(of: ["网格员", "各个公园", "证明 正在 hello 123"])
        #expect(readings.syllable(of: scalar("格")) == readings.syllable(of: scalar("各")))
        #expect(readings.syllable(of: scalar("员")) == readings.syllable(of: scalar("园")))
        #expect(readings.syllable(of: scalar("证")) == readings.syllable(of: scalar("正")))
        #expect(readings.syllable(of: scalar("网")) != readings.syllable(of: scalar("格")))
        #expect(readings.syllable(of: scalar("网")) != nil)
        // Only the training texts' Han characters have a reading.
        #expect(readings.syllable(of: scalar("往")) == nil)
        #expect(readings.syllable(of: scalar("h")) == nil)
        #expect(readings.syllable(of: scalar("1")) == nil)
    }

    @Test func aHomophoneTypoSharesTheSoundOfTheWordMeant() throws {
        let segmenter = try Segmenter()
        let meant = segmenter.segment("找网格员"), typed = segmenter.segment("找网各园")
        let readings = try PinyinReadings(of: [meant.normalized.text, typed.normalized.text])
        func shared(_ readings: PinyinReadings) -> Int {
            Set(TextFeatures.features(of: meant, pinyin: readings))
                .intersection(TextFeatures.features(of: typed, pinyin: readings)).count
        }
        // zhao wang, wang ge and ge yuan; by characters alone they share only 找 and 网.
        #expect(shared(readings) == shared(PinyinReadings()) + 3)
    }

    @Test func aTypoSwapsOneCharacterForACommonHomophoneTheSameWayEveryRun() throws {
        let corpus = Array(repeating: "证明 正在 网格员 各个 公园", count: 3) + ["政"]
        let lines = [LabelledText(label: "certificate", text: "开证明"), LabelledText(label: "x", text: "hello 123")]
        let typed = try HomophoneTypos.introduce(into: lines, commonIn: corpus, seed: 7)
        // The line without a Han character that has a common homophone is left out.
        #expect(typed.map(\.label) == ["certificate"])
        let original = Array("开证明".unicodeScalars), changed = Array(typed[0].text.unicodeScalars)
        let differences = zip(original, changed).filter { $0 != $1 }
        #expect(differences.count == 1 && changed.count == original.count)
        // 证 → 正 (政 is read the same but used once: not a likely slip).
        #expect(differences.first.map { "\($0.0)\($0.1)" } == "证正")
        #expect(try HomophoneTypos.introduce(into: lines, commonIn: corpus, seed: 7) == typed)
    }
}
