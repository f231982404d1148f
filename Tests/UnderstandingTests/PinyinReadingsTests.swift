import Segmentation
import Testing
@testable import Understanding

@Suite struct PinyinReadingsTests {
    private func scalar(_ character: Unicode.Scalar) -> UInt32 { character.value }

    @Test func homophonesShareASyllableAndOtherCharactersDoNot() {
        let readings = PinyinReadings.standard
        #expect(readings.syllable(of: scalar("格")) == readings.syllable(of: scalar("各")))
        #expect(readings.syllable(of: scalar("员")) == readings.syllable(of: scalar("园")))
        #expect(readings.syllable(of: scalar("证")) == readings.syllable(of: scalar("正")))
        #expect(readings.syllable(of: scalar("网")) == readings.syllable(of: scalar("往")))
        #expect(readings.syllable(of: scalar("网")) != readings.syllable(of: scalar("格")))
        #expect(readings.syllable(of: scalar("网")) != nil)
        #expect(readings.syllable(of: scalar("h")) == nil)
        #expect(readings.syllable(of: scalar("，")) == nil)
    }

    /// The table is ICU's transform, computed ahead: a sample of it must still agree with ICU.
    @Test func theTableAgreesWithICUsHanLatinTransform() throws {
        var table: [Unicode.Scalar: Substring] = [:]
        for line in PinyinReadings.table.split(separator: "\n") {
            let parts = line.split(separator: " ")
            for character in parts[1].unicodeScalars { table[character] = parts[0] }
        }
        #expect(table.count > 20_000)
        let sample = stride(from: 0x4E00, through: 0x9FFF, by: 37).compactMap(Unicode.Scalar.init)
        let request = sample.map { String($0) }.joined(separator: "\n")
        let answers = try ICUTransform.apply("Han-Latin; Latin-ASCII", to: request).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(answers.count == sample.count)
        for (character, answer) in zip(sample, answers) {
            let plain = !answer.isEmpty && answer.utf8.allSatisfy { (0x61...0x7A).contains($0) }
            #expect(table[character] == (plain ? answer : nil), "\(character)")
        }
    }

    @Test func aHomophoneTypoSharesTheSoundOfTheWordMeant() throws {
        let segmenter = try Segmenter()
        let meant = segmenter.segment("找网格员"), typed = segmenter.segment("找网各园")
        func shared(_ readings: PinyinReadings) -> Int {
            Set(TextFeatures.features(of: meant, pinyin: readings))
                .intersection(TextFeatures.features(of: typed, pinyin: readings)).count
        }
        // zhao wang, wang ge and ge yuan; by characters alone they share only 找 and 网.
        #expect(shared(.standard) == shared(PinyinReadings()) + 3)
    }

    @Test func pinyinTypedInLettersSplitsIntoTheSyllablesOfTheCharacters() {
        let readings = PinyinReadings.standard
        func spelled(_ text: String) -> [Int32]? { readings.syllables(spelled: Array(text.utf8)) }
        func read(_ text: String) -> [Int32?] { text.unicodeScalars.map { readings.syllable(of: $0.value) } }
        #expect(spelled("rengong") == read("人工"))
        #expect(spelled("xian") == read("先"))   // the longer syllable first, not xi an
        #expect(spelled("lvse") == read("绿色"))  // v for ü
        #expect(spelled("xyz") == nil)
        #expect(spelled("zai3") == nil)
        #expect(spelled("") == nil)
        // A long word that almost splits fails in linear time rather than trying every split.
        #expect(spelled(String(repeating: "na", count: 5_000) + "x") == nil)
    }

    @Test func pinyinTypedInLettersSharesTheSoundsOfTheWordsMeant() throws {
        let segmenter = try Segmenter()
        func shared(_ first: String, _ second: String) -> Int {
            Set(TextFeatures.features(of: segmenter.segment(first)))
                .intersection(TextFeatures.features(of: segmenter.segment(second))).count
        }
        // cui dan, and dan jin, jin du: the pairs of 催单进度.
        #expect(shared("cui dan jindu", "催单进度") == 3)
        // A word that is not pinyin breaks the sequence: no "dan jin".
        #expect(shared("cui dan, jindu", "催单进度") == 2)
        #expect(shared("hello world", "催单进度") == 0)
    }

    @Test func aTypoSwapsOneCharacterForACommonHomophoneTheSameWayEveryRun() {
        let corpus = Array(repeating: "证明 正在 网格员 各个 公园", count: 3) + ["政"]
        let lines = [LabelledText(label: "certificate", text: "开证明"), LabelledText(label: "x", text: "hello 123")]
        let typed = HomophoneTypos.introduce(into: lines, commonIn: corpus, seed: 7)
        // The line without a Han character that has a common homophone is left out.
        #expect(typed.map(\.label) == ["certificate"])
        let original = Array("开证明".unicodeScalars), changed = Array(typed[0].text.unicodeScalars)
        let differences = zip(original, changed).filter { $0 != $1 }
        #expect(differences.count == 1 && changed.count == original.count)
        // 证 → 正 (政 is read the same but used once: not a likely slip).
        #expect(differences.first.map { "\($0.0)\($0.1)" } == "证正")
        #expect(HomophoneTypos.introduce(into: lines, commonIn: corpus, seed: 7) == typed)
    }
}
