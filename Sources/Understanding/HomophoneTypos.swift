import Segmentation

/// Test lines with the commonest slip of a pinyin input method: one character swapped for
/// another read the same (证明 → 正明, 网格员 → 网各员). For measuring how a classifier copes
/// with typing by sound (`minhu intents eval --typos`).
public enum HomophoneTypos {
    /// Each line with one Han character replaced by a homophone, both chosen at random (the
    /// same ones for the same seed). Replacements are characters used at least three times in
    /// `corpus` (the training texts), so that typos look like real ones rather than rare
    /// characters; lines with no character that has such a homophone are left out.
    public static func introduce(into lines: [LabelledText], commonIn corpus: [String],
                                 seed: UInt64 = 1) -> [LabelledText] {
        let readings = PinyinReadings.standard
        var uses: [Unicode.Scalar: Int] = [:]
        for text in corpus {
            for scalar in NormalizedText(text).text.unicodeScalars where readings.syllable(of: scalar.value) != nil {
                uses[scalar, default: 0] += 1
            }
        }
        var homophones: [Int32: [Unicode.Scalar]] = [:]
        for (scalar, count) in uses where count >= 3 {
            homophones[readings.syllable(of: scalar.value)!, default: []].append(scalar)
        }
        for syllable in homophones.keys { homophones[syllable]!.sort { $0.value < $1.value } }

        var generator = SplitMix64(seed: seed)
        return lines.compactMap { line in
            var scalars = Array(line.text.unicodeScalars)
            func alternatives(at index: Int) -> [Unicode.Scalar] {
                guard let syllable = readings.syllable(of: scalars[index].value) else { return [] }
                return homophones[syllable, default: []].filter { $0 != scalars[index] }
            }
            let candidates = scalars.indices.filter { !alternatives(at: $0).isEmpty }
            guard let index = candidates.randomElement(using: &generator) else { return nil }
            scalars[index] = alternatives(at: index).randomElement(using: &generator)!
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            return LabelledText(label: line.label, text: String(text))
        }
    }
}
