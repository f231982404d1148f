import Segmentation

/// Door numbers written without 栋/单元/室 (我住301, 隔壁302天天吵), which the address
/// extractor does not take for an address: for masking only, never for understanding.
///
/// A run of three or four digits counts when it follows a word that places a home (住, 隔壁,
/// 楼上, 对门, 家…), perhaps with 在/是/的 between, and is not followed by a unit that makes it
/// something else (39度, 302路, 1000元).
enum BareDoorNumbers {
    /// The UTF-8 ranges, in `normalized`, of the door numbers it holds.
    static func ranges(in normalized: NormalizedText) -> [Range<Int>] {
        let bytes = normalized.utf8
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard (3...4).contains(index - start), bytes[start] != UInt8(ascii: "0"),
                  follows(cue: bytes, before: start), !startsWithOtherUnit(bytes, at: index) else { continue }
            ranges.append(start..<index)
        }
        return ranges
    }

    private static let cues = ["住", "隔壁", "楼上", "楼下", "对门", "对面", "家", "邻居", "门牌", "房号"].map { Array($0.utf8) }
    private static let joiners = ["在", "是", "的"].map { Array($0.utf8) }
    private static let otherUnits = ["度", "路", "元", "块", "岁", "斤", "米", "分", "万", "年", "次", "个", "号线", "%", "公"]
        .map { Array($0.utf8) }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func follows(cue bytes: [UInt8], before start: Int) -> Bool {
        func endsWith(_ word: [UInt8], at end: Int) -> Bool {
            end >= word.count && bytes[(end - word.count)..<end].elementsEqual(word)
        }
        let end = start - (joiners.first { endsWith($0, at: start) }?.count ?? 0)
        return cues.contains { endsWith($0, at: end) }
    }

    private static func startsWithOtherUnit(_ bytes: [UInt8], at index: Int) -> Bool {
        otherUnits.contains { index + $0.count <= bytes.count && bytes[index..<(index + $0.count)].elementsEqual($0) }
    }
}
