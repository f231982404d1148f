import Segmentation

/// The toneless pinyin of Han characters (from ICU's Han-Latin transform), so that a message
/// can be compared by sound as well as by characters: a homophone typo, the commonest slip of
/// a pinyin input method (网各员 for 网格员, 正明 for 证明), then still shares features with
/// the words meant.
///
/// Built for the characters of the training texts: a character first met when classifying
/// has no reading, and only its own n-grams stand for it. Transliterating all 21,000
/// ideographs would take about half a second; the two or three thousand a model is trained
/// on take about a tenth of that.
struct PinyinReadings: Sendable {
    /// Han scalar → syllable id (equal ids: the same syllable).
    private var readings = HashTable()

    /// No readings: sound plays no part.
    init() {}

    /// Readings for every Han character in `texts` (normalized texts).
    init<Texts: Sequence<String>>(of texts: Texts) throws {
        var characters = Set<Unicode.Scalar>()
        for text in texts {
            for scalar in text.unicodeScalars where Self.isHan(scalar) { characters.insert(scalar) }
        }
        guard !characters.isEmpty else { return }
        let ordered = characters.sorted { $0.value < $1.value }
        // One transliteration over "c\n" per character: a newline is never part of a rule,
        // so each result stays on its own line.
        var request = String.UnicodeScalarView()
        for scalar in ordered {
            request.append(scalar)
            request.append("\n")
        }
        let answer = try ICUTransform.apply("Han-Latin; Latin-ASCII", to: String(request))
        var syllables: [Substring: Int32] = [:]
        for (scalar, line) in zip(ordered, answer.split(separator: "\n", omittingEmptySubsequences: false)) {
            // Only a plain syllable: a character that ICU leaves alone or spells oddly has none.
            guard !line.isEmpty, line.utf8.allSatisfy({ (0x61...0x7A).contains($0) }) else { continue }
            let id = syllables[line] ?? Int32(syllables.count)
            syllables[line] = id
            readings.set(UInt64(scalar.value), id)
        }
    }

    /// Whether `scalar` is a CJK unified ideograph (the basic block or extension A).
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// The syllable of a scalar, if it is a Han character with a known reading.
    func syllable(of scalar: UInt32) -> Int32? {
        readings[UInt64(scalar)]
    }
}
