import Segmentation

/// The toneless pinyin of Han characters (ICU's Han-Latin transform, see `table`), so that a
/// message can be compared by sound as well as by characters: a homophone typo, the commonest
/// slip of a pinyin input method (网各员 for 网格员, 正明 for 证明), then still shares
/// features with the words meant.
struct PinyinReadings: Sendable {
    /// The characters with readings: the CJK unified ideographs' basic block.
    private static let characters: ClosedRange<UInt32> = 0x4E00...0x9FFF
    /// Syllable id per character of `characters`, −1 for none (equal ids: the same syllable).
    /// A flat array (41 KiB) rather than a hash table: every Han character of every message is
    /// looked up, and this stays in the cache.
    private var readings: [Int16]
    /// Syllable id per syllable spelled out (by `TextFeatures.textHash`), for pinyin typed in
    /// Latin letters.
    private var spelledSyllables = HashTable()
    /// The longest syllable's letters (zhuang: 6).
    private var longestSpelling = 0

    /// No readings: sound plays no part.
    init() {
        readings = []
    }

    /// The readings of the CJK unified ideographs U+4E00–U+9FFF, from `table`.
    static let standard = PinyinReadings(table: table)

    /// Readings from lines of a syllable, a space and the characters read that way.
    init(table: String) {
        readings = [Int16](repeating: -1, count: Self.characters.count)
        for (id, line) in table.split(separator: "\n").enumerated() {
            guard let space = line.firstIndex(of: " ") else { continue }
            let spelling = line[..<space]
            spelledSyllables.set(TextFeatures.textHash(spelling.utf8), Int32(id))
            longestSpelling = max(longestSpelling, spelling.utf8.count)
            for scalar in line[line.index(after: space)...].unicodeScalars where Self.characters.contains(scalar.value) {
                readings[Int(scalar.value - Self.characters.lowerBound)] = Int16(id)
            }
        }
    }

    /// The syllable of a scalar, if it is a Han character with a known reading.
    func syllable(of scalar: UInt32) -> Int32? {
        let index = Int(scalar) &- Int(Self.characters.lowerBound)
        guard index >= 0, index < readings.count, readings[index] >= 0 else { return nil }
        return Int32(readings[index])
    }

    /// The syllables of a word typed in pinyin without tones ("zai", "rengong", "lvse"), or nil
    /// when the letters do not all split into syllables. Where a split is ambiguous (xian: xian
    /// or xi an) the longer syllable is taken first, as input methods do; "v" stands for ü.
    func syllables<Letters: Collection<UInt8>>(spelled letters: Letters) -> [Int32]? {
        let letters = letters.map { $0 == UInt8(ascii: "v") ? UInt8(ascii: "u") : $0 }
        guard !letters.isEmpty, letters.allSatisfy({ (0x61...0x7A).contains($0) }) else { return nil }
        // From the end: the syllable that starts at each letter and leaves a rest that splits
        // too (the longest such), so that a long run of letters costs linear time, not the
        // exponential of trying every split.
        var first = [Int32?](repeating: nil, count: letters.count + 1)
        var length = [Int](repeating: 0, count: letters.count + 1)
        for start in stride(from: letters.count - 1, through: 0, by: -1) {
            for candidate in stride(from: min(longestSpelling, letters.count - start), through: 1, by: -1)
            where start + candidate == letters.count || first[start + candidate] != nil {
                if let id = spelledSyllables[TextFeatures.textHash(letters[start..<start + candidate])] {
                    first[start] = id
                    length[start] = candidate
                    break
                }
            }
        }
        guard first[0] != nil else { return nil }
        var syllables: [Int32] = []
        var start = 0
        while start < letters.count, let id = first[start] {
            syllables.append(id)
            start += length[start]
        }
        return syllables
    }
}
