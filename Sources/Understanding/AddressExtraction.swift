import Foundation

/// Addresses as residents write them: 5栋2单元501室, 三栋二单元五零一, 5-2-501,
/// 百步亭社区怡和苑南区5栋, 百步亭花园路18号, building 5 unit 2 room 501, and public places
/// (小区东门, 3号楼门口).
///
/// The value is canonical (Arabic digits, 栋/单元/楼/室); the original keeps what was typed.
enum AddressExtraction {
    /// What a number can be followed by, and the canonical unit it becomes.
    private static let units: [(word: String, canonical: String, rank: Int)] = [
        ("号楼", "栋", 0), ("栋", "栋", 0), ("幢", "栋", 0), ("座", "座", 0),
        // 三栋二门: in Wuhan a 门 after the building is its entrance, the unit (only after a
        // building: 小区2门 alone is a gate).
        ("单元", "单元", 1), ("门洞", "单元", 1), ("门", "单元", 1),
        ("楼", "楼", 2), ("层", "楼", 2),
        ("室", "室", 3), ("房", "室", 3), ("号", "号", 3), ("户", "室", 3),
    ].map { ($0.0, $0.1, $0.2) }

    /// The first character of every unit word (栋, 单 of 单元 …) and 门 (4号门): what follows the
    /// number of a building, unit, floor, room or gate.
    static let unitInitials: Set<Character> = Set(units.compactMap(\.word.first)).union(["门"])

    /// Each canonical unit's rank, from building (0) down to room (3).
    static let canonicalRanks: [String: Int] = Dictionary(units.map { ($0.canonical, $0.rank) }) { first, _ in first }

    /// Words after an address that place something by it rather than in it.
    private static let locators = ["门口", "后面", "前面", "旁边", "对面", "附近", "边上", "背后", "楼下", "楼上", "楼顶"]

    /// What after a number makes it something other than a room: 2017年, 300元, 1000块.
    private static let notRoomUnits: Set<Unicode.Scalar> = ["年", "元", "块", "岁", "度", "路", "斤", "米", "分", "万", "次", "个", "多", "%"]

    /// English words before a number, and the canonical unit they become (building 5 → 5栋).
    private static let englishUnits: [String: String] = [
        "building": "栋", "bldg": "栋", "block": "栋", "blk": "栋", "unit": "单元", "entrance": "单元", "floor": "楼",
        "room": "室", "rm": "室", "flat": "室", "apt": "室", "apartment": "室",
    ]

    /// Characters that end a place name just before a building number (怡和苑南区|5栋).
    private static let placeEnds: Set<Unicode.Scalar> = Set("区苑园村里院城湾庭府寓厦坊巷路街道期座居舍墅邸".unicodeScalars)
    /// Characters that end a street name, before its house number (花园路|18号).
    static let streetEnds: Set<Unicode.Scalar> = Set("路街巷道弄".unicodeScalars)
    /// Characters a place name never contains: they end the walk to the left (址: 地址百步亭…;
    /// 诉: 匿名投诉小区门口).
    private static let placeStops: Set<Unicode.Scalar> = Set("在住是我家的了们到去来把给找跟说请你您他她它这那有就也都还要想吗呢吧啊呀哦嘛址诉映报".unicodeScalars)
    /// Public places that are an address on their own.
    private static let landmarks: PhraseMatcher<Bool> = {
        var matcher = PhraseMatcher<Bool>()
        for word in ["东门", "西门", "南门", "北门", "大门", "正门", "后门", "侧门", "门口", "门卫", "广场", "停车场",
                     "地下车库", "车库", "垃圾站", "花坛", "篮球场", "健身区", "活动中心", "便民服务站", "菜场",
                     "菜市场", "幼儿园", "路口", "人行道",
                     "号门", "电梯口", "楼梯口", "单元门", "消防通道", "花园"] {
            matcher.insert(word, true)
        }
        return matcher
    }()

    /// The first address in the text; a public place when there is no numbered one.
    static func extract(from text: ScannedText) -> SlotValue? {
        numbered(in: text, from: 0)?.slot ?? english(in: text) ?? landmark(in: text)
    }

    /// Every numbered address in the text (for masking: a confirmation repeats the address).
    static func extractAll(from text: ScannedText) -> [SlotValue] {
        var found: [SlotValue] = []
        var start = 0
        while let next = numbered(in: text, from: start) {
            found.append(next.slot)
            start = next.end
        }
        return found + (english(in: text).map { [$0] } ?? [])
    }

    /// The first numbered address at or after scalar `start`, and where it ends.
    private static func numbered(in text: ScannedText, from start: Int) -> (slot: SlotValue, end: Int)? {
        let scalars = text.scalars
        var parts: [(range: Range<Int>, canonical: String)] = []
        var index = start
        var lastRank = -1
        while index < scalars.count {
            guard ChineseNumerals.isNumeral(scalars[index]) else {
                if !parts.isEmpty, index > parts.last!.range.upperBound + 1 { break }
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, ChineseNumerals.isNumeral(scalars[end]) { end += 1 }
            if let dashed = dashedAddress(text, from: index) {
                parts.append(dashed)
                index = dashed.range.upperBound
                break
            }
            // A lone "12号" is a date far more often than an address, unless a street comes
            // right before it (百步亭花园路18号).
            if let unit = unit(after: end, in: text), unit.rank > lastRank,
               unit.word != "号" || !parts.isEmpty || (index > 0 && streetEnds.contains(scalars[index - 1])),
               // 门 is a unit after a building (三栋二门), but not a room's door (101门口).
               unit.word != "门" || (!parts.isEmpty && end - index <= 2 && !(end + 1 < scalars.count && scalars[end + 1] == "口")),
               // 502楼下, 1102楼上: a flat's downstairs, not a five-hundredth floor.
               !(unit.word == "楼" && end - index >= 3 && end + 1 < scalars.count && "上下".unicodeScalars.contains(scalars[end + 1])),
               let number = ChineseNumerals.value(of: scalars[index..<end]) {
                parts.append((index..<(end + unit.word.unicodeScalars.count), "\(number)\(unit.canonical)"))
                lastRank = unit.rank
                index = parts.last!.range.upperBound
                continue
            }
            // A bare room number right after 栋, 单元 or 楼 (3栋101, 2单元 501): three or four
            // digits, not a phone after a comma (QA: 8栋1单元，13912345678 became a room) nor a
            // year or a sum (3栋2017年).
            if let last = parts.last, lastRank < 3, (3...4).contains(end - index),
               index == last.range.upperBound || (index == last.range.upperBound + 1 && scalars[last.range.upperBound] == " "),
               !(end < scalars.count && notRoomUnits.contains(scalars[end])),
               let number = ChineseNumerals.value(of: scalars[index..<end]) {
                parts.append((index..<end, "\(number)室"))
                lastRank = 3
                index = end
                continue
            }
            if !parts.isEmpty { break }
            index = end
        }
        guard let first = parts.first, let last = parts.last else { return nil }
        let place = placeName(before: first.range.lowerBound, in: text)
        // 8栋后面, 5栋门口: where by the building, not the building (QA: 后面 was lost).
        let after = last.range.upperBound
        let locator = locators.first { word in
            let scalars = Array(word.unicodeScalars)
            return after + scalars.count <= text.scalars.count && Array(text.scalars[after..<(after + scalars.count)]) == scalars
        }
        let end = last.range.upperBound + (locator?.unicodeScalars.count ?? 0)
        let span = (place.map { max($0.lowerBound, start) } ?? first.range.lowerBound)..<end
        let value = (place.map { text.text(max($0.lowerBound, start)..<$0.upperBound) } ?? "") + parts.map(\.canonical).joined()
            + (locator ?? "")
        return (text.slot(value, span), end)
    }

    private static func unit(after index: Int, in text: ScannedText) -> (word: String, canonical: String, rank: Int)? {
        units.first { unit in
            let scalars = Array(unit.word.unicodeScalars)
            guard index + scalars.count <= text.scalars.count,
                  Array(text.scalars[index..<(index + scalars.count)]) == scalars else { return false }
            // 501楼道, 3楼梯: the corridor and the stairs, not a floor.
            let next = index + scalars.count
            return !(unit.word == "楼" && next < text.scalars.count && "道梯".unicodeScalars.contains(text.scalars[next]))
        }
    }

    /// building 5, unit 2, room 501 (also bldg, block, entrance, floor, flat, apt, rm; "room #501").
    private static func english(in text: ScannedText) -> SlotValue? {
        let scalars = text.scalars
        func isLetter(_ index: Int) -> Bool { index >= 0 && index < scalars.count && ("a"..."z").contains(scalars[index]) }
        var parts: [String] = []
        var span: Range<Int>?
        var lastRank = -1
        var index = 0
        while index < scalars.count {
            guard isLetter(index), !isLetter(index - 1) else { index += 1; continue }
            // Parts of one address follow each other, with at most a comma and spaces between.
            if let span, index > span.upperBound + 3 { break }
            var end = index
            while isLetter(end) { end += 1 }
            var digits = end
            while digits < scalars.count, " .#:".unicodeScalars.contains(scalars[digits]) { digits += 1 }
            var numberEnd = digits
            while text.isDigit(numberEnd) { numberEnd += 1 }
            if let unit = englishUnits[text.text(index..<end)], let rank = canonicalRanks[unit], rank > lastRank,
               numberEnd > digits, let number = Int(text.text(digits..<numberEnd)) {
                parts.append("\(number)\(unit)")
                span = (span?.lowerBound ?? index)..<numberEnd
                lastRank = rank
                index = numberEnd
            } else {
                if span != nil { break }
                index = end
            }
        }
        guard let span else { return nil }
        return text.slot(parts.joined(), span)
    }

    /// 5-2-501 or 5-501: building, (unit,) room.
    private static func dashedAddress(_ text: ScannedText, from start: Int) -> (range: Range<Int>, canonical: String)? {
        var numbers: [Int] = []
        var index = start
        while true {
            var end = index
            while text.isDigit(end) { end += 1 }
            guard end > index, let number = Int(text.text(index..<end)) else { return nil }
            numbers.append(number)
            index = end
            guard index + 1 < text.scalars.count, text.scalars[index] == "-", text.isDigit(index + 1) else { break }
            index += 1
        }
        // Phone numbers are dashed too; only short building-unit-room shapes count.
        guard (2...3).contains(numbers.count), numbers.last! >= 100, numbers.last! < 10_000,
              numbers.dropLast().allSatisfy({ $0 < 100 }) else { return nil }
        let canonical = numbers.count == 3
            ? "\(numbers[0])栋\(numbers[1])单元\(numbers[2])室" : "\(numbers[0])栋\(numbers[1])室"
        return (start..<index, canonical)
    }

    /// The place name that ends right before `index` (百步亭社区怡和苑南区).
    private static func placeName(before index: Int, in text: ScannedText) -> Range<Int>? {
        guard index > 0, placeEnds.contains(text.scalars[index - 1]) else { return nil }
        var start = index
        while start > 0, index - start < 16, isHan(text.scalars[start - 1]), !placeStops.contains(text.scalars[start - 1]) {
            start -= 1
        }
        return start < index - 1 ? start..<index : nil
    }

    private static func landmark(in text: ScannedText) -> SlotValue? {
        guard let found = landmarks.matches(in: text.scalars).first else { return nil }
        var start = found.start
        while start > 0, found.start - start < 12, isHan(text.scalars[start - 1]) || text.isDigit(start - 1),
              !placeStops.contains(text.scalars[start - 1]) {
            start -= 1
        }
        return text.slot(text.text(start..<found.end), start..<found.end)
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }
}

/// Addresses given in parts over several lines.
public enum AddressParts {
    /// The address after the resident adds `new` to `old` (both canonical values): 3栋 then
    /// 1单元301室 is 3栋1单元301室, because the new part starts below where the old one ends.
    /// A new part that starts at the same level or above, or with a place name, replaces it.
    ///
    /// One numbered part of a level the old address has corrects that part (不对，是5栋:
    /// 3栋2单元501室 becomes 5栋2单元501室), keeping the rest.
    public static func merging(_ old: String, with new: String) -> String {
        let ranks = AddressExtraction.canonicalRanks
        if let corrected = replacingPart(of: old, with: new) { return corrected }
        guard let oldRank = ranks.first(where: { old.hasSuffix($0.key) })?.value else { return new }
        let afterNumber = new.drop { $0.isASCII && $0.isNumber }
        guard afterNumber.count < new.count,
              let newRank = ranks.first(where: { afterNumber.hasPrefix($0.key) })?.value,
              newRank > oldRank else { return new }
        return old + new
    }

    /// `old` with its part of `new`'s level numbered as `new` says, when `new` is one part
    /// (digits and a unit word) and `old` has that level with another number; else nil.
    private static func replacingPart(of old: String, with new: String) -> String? {
        let digits = new.prefix { $0.isASCII && $0.isNumber }
        let unit = new.dropFirst(digits.count)
        guard !digits.isEmpty, AddressExtraction.canonicalRanks[String(unit)] != nil,
              let unitRange = old.range(of: unit) else { return nil }
        var start = unitRange.lowerBound
        while start > old.startIndex, old[old.index(before: start)].isASCII, old[old.index(before: start)].isNumber {
            start = old.index(before: start)
        }
        guard start < unitRange.lowerBound, old[start..<unitRange.lowerBound] != digits else { return nil }
        return old.replacingCharacters(in: start..<unitRange.lowerBound, with: digits)
    }
}
