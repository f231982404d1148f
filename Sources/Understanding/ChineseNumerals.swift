/// Chinese numerals as residents write them in addresses and times: 三, 十二, 二十三,
/// 一百零一, and digit by digit (五零一, 幺三九).
enum ChineseNumerals {
    static let digits: [Unicode.Scalar: Int] = [
        "零": 0, "〇": 0, "○": 0, "洞": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let multipliers: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1000]

    /// Whether `scalar` can be part of a number (a digit or a Chinese numeral).
    ///
    /// A switch, not the dictionaries: it is asked of every character of every utterance
    /// (addresses and dates), and hashing each one was a tenth of slot extraction's time.
    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "零", "〇", "○", "洞", "一", "幺", "二", "两", "三", "四", "五", "六", "七", "八", "九",
             "十", "百", "千":
            return true
        default:
            return false
        }
    }

    /// The value of a run of numerals, or nil when it is not a number.
    static func value<S: Collection>(of scalars: S) -> Int? where S.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= 12 else { return nil }
        if scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return Int(String(String.UnicodeScalarView(scalars)))
        }
        // Digit by digit (五零一 = 501) when there is no 十/百/千.
        if scalars.allSatisfy({ digits[$0] != nil || ("0"..."9").contains($0) }) {
            return scalars.reduce(0) { $0 * 10 + (digits[$1] ?? Int($1.value - 48)) }
        }
        var total = 0
        var pending = 0
        for scalar in scalars {
            if let digit = digits[scalar] {
                pending = digit
            } else if ("0"..."9").contains(scalar) {
                pending = pending * 10 + Int(scalar.value - 48)
            } else if let multiplier = multipliers[scalar] {
                // 十二: a bare 十 means one ten.
                total += (pending == 0 ? 1 : pending) * multiplier
                pending = 0
            } else {
                return nil
            }
        }
        return total + pending
    }
}
