import MinhuTestSupport

/// A resident message with the personal numbers it holds, as a seeded generator writes it.
struct SyntheticMessage {
    /// The text a resident could type.
    var text: String
    /// The valid phones and ID numbers in it, as plain ASCII digits (and X), without prefixes
    /// or separators: none of their 7-digit runs may survive masking.
    var numbers: [String]
    /// Numbers in it that are not personal (ticket numbers, prices, years, order numbers) and
    /// must come out of masking unchanged.
    var decoys: [String]
}

/// Writes resident messages with every phone and ID-number shape residents type.
struct SyntheticMessages {
    private var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// `count` messages.
    mutating func make(_ count: Int) -> [SyntheticMessage] {
        (0..<count).map { _ in message() }
    }

    // MARK: Messages

    private static let openings = ["", "你好，", "您好！", "麻烦问一下，", "我是3栋的住户，", "急！", "居委会你好 "]
    private static let bodies = ["楼道灯坏了", "厨房水管漏水", "想开居住证明", "楼下广场舞太吵", "电梯又停了",
                                 "低保证明怎么办", "有人在小区乱停车", "家里老人需要上门看看"]
    private static let phoneLabels = ["电话", "手机", "联系电话：", "手机号:", "打我电话", "call me ", "Tel: ", "号码是", ""]
    private static let idLabels = ["身份证", "身份证号：", "证件号码 ", "ID:", "我的身份证是", ""]

    private mutating func message() -> SyntheticMessage {
        var parts: [String] = []
        var numbers: [String] = []
        var decoys: [String] = []
        let items = Int.random(in: 1...3, using: &random)
        for _ in 0..<items {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                let (text, digits) = mobile()
                parts.append(pick(Self.phoneLabels) + text); numbers.append(digits)
            case 5..<7:
                let (text, digits) = landline()
                parts.append(pick(Self.phoneLabels) + text); numbers.append(digits)
            default:
                let (text, digits) = residentID()
                parts.append(pick(Self.idLabels) + text); numbers.append(digits)
            }
        }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let decoy = self.decoy()
            parts.append(decoy.text); decoys.append(decoy.kept)
        }
        parts.shuffle(using: &random)
        // Numbers at the start, the end and in the middle, joined by what residents put between them.
        let joiners = ["，", "。", " ", "；", "\n", "、", "，我", "！"]
        var text = Bool.random(using: &random) ? pick(Self.openings) : ""
        let body = pick(Self.bodies)
        let bodyAt = Int.random(in: 0...parts.count, using: &random)
        for (index, part) in parts.enumerated() {
            if index == bodyAt { text += body + pick(joiners) }
            text += part
            if index < parts.count - 1 || bodyAt == parts.count { text += pick(joiners) }
        }
        if bodyAt == parts.count { text += body }
        return SyntheticMessage(text: text, numbers: numbers, decoys: decoys)
    }

    // MARK: Phones

    /// A mobile number 1[3-9]xxxxxxxxx in one of its written shapes.
    private mutating func mobile() -> (text: String, digits: String) {
        let digits = "1" + String(Int.random(in: 3...9, using: &random)) + digitString(9)
        let a = digits.prefix(3), b = digits.dropFirst(3).prefix(4), c = digits.suffix(4)
        let shapes = [
            digits, "\(a) \(b) \(c)", "\(a)-\(b)-\(c)", "\(a)-\(b)\(c)", "\(a) \(b)\(c)", "\(a).\(b).\(c)",
            "+86\(digits)", "+86 \(digits)", "+86-\(digits)", "+86 \(a) \(b) \(c)", "+86-\(a)-\(b)-\(c)",
            "0086\(digits)", "0086 \(digits)", "0086-\(digits)", "86\(digits)", "86-\(digits)",
            fullWidth(digits), "＋８６ " + fullWidth(digits), fullWidth("\(a) \(b) \(c)"), "\(a)　\(b)　\(c)",
            fullWidth("\(a)-\(b)-\(c)"),
        ]
        return (pick(shapes), digits)
    }

    /// A landline with its area code: 027-8765 4321, 010-12345678, 0755-1234567 …
    private mutating func landline() -> (text: String, digits: String) {
        let area = pick(["010", "020", "021", "027", "028", "0755", "0571", "0710", "0991"])
        let local = String(Int.random(in: 2...8, using: &random)) + digitString(area.count == 3 ? 7 : Int.random(in: 6...7, using: &random))
        let half = local.count / 2
        let first = local.prefix(half), second = local.dropFirst(half)
        let shapes = [
            "\(area)-\(local)", "\(area)\(local)", "\(area) \(local)", "\(area)-\(first) \(second)",
            "\(area)-\(first)-\(second)", "(\(area))\(local)", "（\(area)）\(local)", "(\(area)) \(local)",
            fullWidth("\(area)-\(local)"), "+86 \(area.dropFirst())-\(local)", "0086-\(area.dropFirst())-\(local)",
        ]
        return (pick(shapes), area + local)
    }

    // MARK: ID numbers

    /// An 18-character resident ID with a valid GB 11643 check character, X included.
    private mutating func residentID() -> (text: String, digits: String) {
        let area = pick(["420106", "420102", "110101", "310115", "440305", "510104", "330106", "650102"])
        let year = Int.random(in: 1930...2024, using: &random)
        let month = Int.random(in: 1...12, using: &random), day = Int.random(in: 1...28, using: &random)
        let birth = String(year) + twoDigits(month) + twoDigits(day)
        // One in four draws keeps trying until the check character is X.
        let wantsX = Int.random(in: 0..<4, using: &random) == 0
        var id = ""
        repeat {
            let first17 = area + birth + digitString(3)
            id = first17 + Self.checkCharacter(first17)
        } while wantsX && !id.hasSuffix("X")
        let shapes = [
            id, id, "\(id.prefix(6)) \(id.dropFirst(6).prefix(8)) \(id.suffix(4))",
            id.hasSuffix("X") ? String(id.dropLast()) + "x" : id, fullWidth(id),
        ]
        return (pick(shapes), id)
    }

    /// GB 11643-1999: a weighted sum of the 17 digits modulo 11 picks the check character.
    static func checkCharacter(_ first17: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        return String(Array("10X98765432")[sum % 11])
    }

    // MARK: Numbers that are not personal

    /// A number staff need to read as it is.
    private mutating func decoy() -> (text: String, kept: String) {
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let number = "MH-" + digitString(6)
            return ("工单\(number)", number)
        case 1:
            let price = "\(Int.random(in: 1...9999, using: &random)).\(digitString(2))元"
            return ("花了\(price)", price)
        case 2:
            let year = "\(Int.random(in: 1990...2030, using: &random))年"
            return (year + "装修的", year)
        case 3:
            let count = "\(Int.random(in: 2...30, using: &random))户"
            return ("一共" + count, count)
        case 4:
            let time = "\(Int.random(in: 1...12, using: &random))点\(Int.random(in: 10...59, using: &random))分"
            return ("下午" + time, time)
        default:
            let number = "MH-" + digitString(6)
            return ("查一下\(number)的进度", number)
        }
    }

    // MARK: Helpers

    private mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &random)] }

    private mutating func digitString(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// ASCII digits, X, + and - as their full-width forms (what some input methods type).
    private func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "0"..."9", "X", "+", "-": Unicode.Scalar(scalar.value + 0xFEE0)!
            case " ": "\u{3000}"
            default: scalar
            }
        }))
    }
}

/// What survives of the personal numbers in a masked text.
enum Leak {
    /// The 7-digit runs of `numbers` still readable in `masked`, with full-width digits read as
    /// ASCII and spaces, dashes and dots between two digits ignored (139 1234 5678 leaks too).
    static func leaked(_ numbers: [String], in masked: String) -> [String] {
        let digits = digitsOnly(masked)
        var leaks: [String] = []
        for number in numbers {
            let characters = Array(number)
            guard characters.count >= 7 else { continue }
            for start in 0...(characters.count - 7) {
                let window = String(characters[start..<start + 7])
                if digits.contains(window) { leaks.append(window); break }
            }
        }
        return leaks
    }

    /// `text` with full-width digits as ASCII and separators between digits removed.
    static func digitsOnly(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { scalar -> Character in
            if (0xFF10...0xFF19).contains(scalar.value) { return Character(Unicode.Scalar(scalar.value - 0xFEE0)!) }
            if scalar == "x" || scalar == "Ｘ" || scalar == "ｘ" { return "X" }
            return Character(scalar)
        }
        var result = ""
        for (index, character) in scalars.enumerated() {
            if [" ", "-", ".", "　", "－"].contains(character), index > 0, index + 1 < scalars.count,
               scalars[index - 1].isASCIIDigitOrX, scalars[index + 1].isASCIIDigitOrX {
                continue
            }
            result.append(character)
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigitOrX: Bool { ("0"..."9").contains(self) || self == "X" }
}
