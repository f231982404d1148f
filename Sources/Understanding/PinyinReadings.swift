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
}
