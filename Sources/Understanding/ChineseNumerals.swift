/// Chinese numerals as residents write them in addresses and times: 三, 十二, 二十三,
/// 一百零一, and digit by digit (五零一, 幺三九).
enum ChineseNumerals {
    /// The value of a Chinese digit (零〇○洞 0, 一幺 1, 二两 2 … 九 9), or nil.
    ///
    /// Switches, not dictionaries: these are asked of every character of every utterance
    /// (addresses and dates), and hashing each one was a tenth of slot extraction's time.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇", "○", "洞": return 0
        case "一", "幺": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    /// 十 10, 百 100, 千 1000, or nil.
    static func multiplier(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十": return 10
        case "百": return 100
        case "千": return 1000
        default: return nil
        }
    }

    /// Whether `scalar` can be part of a number (a digit or a Chinese numeral).
    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || digit(scalar) != nil || multiplier(scalar) != nil
    }

    /// The value of a run of numerals, or nil when it is not a number.
    static func value<S: Collection>(of scalars: S) -> Int? where S.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= 12 else { return nil }
        if scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return Int(String(String.UnicodeScalarView(scalars)))
        }
        // Digit by digit (五零一 = 501) when there is no 十/百/千.
        if scalars.allSatisfy({ digit($0) != nil || ("0"..."9").contains($0) }) {
            return scalars.reduce(0) { $0 * 10 + (digit($1) ?? Int($1.value - 48)) }
        }
        var total = 0
        var pending = 0
        for scalar in scalars {
            if let value = digit(scalar) {
                pending = value
            } else if ("0"..."9").contains(scalar) {
                pending = pending * 10 + Int(scalar.value - 48)
            } else if let factor = multiplier(scalar) {
                // 十二: a bare 十 means one ten.
                total += (pending == 0 ? 1 : pending) * factor
                pending = 0
            } else {
                return nil
            }
        }
        return total + pending
    }
}
