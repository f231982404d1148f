/// Phone numbers and resident ID numbers in a normalized text.
///
/// A number candidate is a run of digit groups joined by single spaces, dashes or dots
/// (139 1234 5678, +86-138-1234-5678). The longest leading groups that make a valid number
/// win, so a phone followed by "3栋" is still found, while a phone-shaped run inside a longer
/// run of digits (an ID or account number) never is.
enum PhoneExtraction {
    struct Found {
        var phones: [SlotValue] = []
        var idNumbers: [SlotValue] = []
        /// Runs shaped like an ID number whose check character is wrong: a typo in one digit
        /// still gives away the other seventeen, so these are masked too, though not taken as IDs.
        var mistypedIDs: [SlotValue] = []
    }

    static func extract(from text: ScannedText) -> Found {
        var found = Found()
        let scalars = text.scalars
        var index = 0
        while index < scalars.count {
            guard text.isDigit(index), !isLetterOrDigit(at: index - 1, in: text) else {
                index += 1
                continue
            }
            // Digit groups and where each ends.
            var groups: [Range<Int>] = []
            var position = index
            while text.isDigit(position) {
                let start = position
                while text.isDigit(position) { position += 1 }
                // An ID number's check character may be x (lower-cased by normalization).
                if groups.map(\.count).reduce(0, +) + position - start == 17,
                   position < scalars.count, scalars[position] == "x" {
                    position += 1
                }
                groups.append(start..<position)
                if position + 1 < scalars.count, [" ", "-", "."].contains(scalars[position]), text.isDigit(position + 1) {
                    position += 1
                } else if groups.count == 1, index > 0, scalars[index - 1] == "(", position < scalars.count,
                          scalars[position] == ")" {
                    // An area code in brackets: (027)87654321, （0755） 1234567.
                    var next = position + 1
                    if next < scalars.count, scalars[next] == " " { next += 1 }
                    guard text.isDigit(next) else { break }
                    position = next
                } else {
                    break
                }
            }
            let plus = index > 0 && scalars[index - 1] == "+"
            var consumed = false
            for count in stride(from: groups.count, through: 1, by: -1) {
                let span = groups[0].lowerBound..<groups[count - 1].upperBound
                if isLetterOrDigit(at: span.upperBound, in: text) { continue }
                let digits = groups[0..<count].map { text.text($0) }.joined()
                if let value = classify(digits, international: plus)
                    ?? localLandline(digits, at: plus ? index - 1 : index, in: text) {
                    let quoted = (plus ? index - 1 : index)..<span.upperBound
                    let slot = text.slot(value.number, quoted)
                    if value.isID { found.idNumbers.append(slot) } else { found.phones.append(slot) }
                    index = span.upperBound
                    consumed = true
                    break
                }
            }
            // An ID number with a typo in it (the check digit fails) is masked all the same, also
            // when typed in groups (4201 0219 …) or followed by a phone (…123X 139…): the longest
            // run of groups shaped like one, once no run is a valid number.
            for count in stride(from: groups.count, through: 1, by: -1) where !consumed {
                let span = groups[0].lowerBound..<groups[count - 1].upperBound
                let digits = groups[0..<count].map { text.text($0) }.joined()
                guard isIDShaped(digits), !isLetterOrDigit(at: span.upperBound, in: text) else { continue }
                found.mistypedIDs.append(text.slot(digits, span))
                index = span.upperBound
                consumed = true
            }
            // Nothing here: the next group may still start a number (工单MH-000123 13912345678).
            if !consumed { index = groups.count > 1 ? groups[1].lowerBound : groups[0].upperBound }
        }
        found.phones += spelledMobiles(in: text)
        return found
    }

    /// Mobiles written digit by digit in Chinese (一三九一二三四五六七八, 幺 for one as it is
    /// read aloud): found so that they are masked, and taken like any other phone.
    private static func spelledMobiles(in text: ScannedText) -> [SlotValue] {
        var found: [SlotValue] = []
        let scalars = text.scalars
        var index = 0
        while index < scalars.count {
            guard spelledDigit(scalars[index]) != nil else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, spelledDigit(scalars[end]) != nil { end += 1 }
            let digits = String(scalars[index..<end].map { spelledDigit($0)! })
            if end - index == 11, let (number, _) = classify(digits, international: false) {
                found.append(text.slot(number, index..<end))
            }
            index = end
        }
        return found
    }

    /// Whether `text` has a digit, ASCII or spelled in Chinese: text without one holds no number.
    static func mayHoldNumber(_ text: String) -> Bool {
        text.unicodeScalars.contains { ("0"..."9").contains($0) || spelledDigit($0) != nil }
    }

    /// The digit a Chinese character spells when a number is read out, or nil. A switch, not a
    /// dictionary: this is asked of every character of every line.
    private static func spelledDigit(_ scalar: Unicode.Scalar) -> Character? {
        switch scalar {
        case "零", "〇": "0"
        case "一", "幺": "1"
        case "二", "两": "2"
        case "三": "3"
        case "四": "4"
        case "五": "5"
        case "六": "6"
        case "七": "7"
        case "八": "8"
        case "九": "9"
        default: nil
        }
    }

    /// Whether the scalar at `index` is an ASCII letter or digit (false outside the text).
    private static func isLetterOrDigit(at index: Int, in text: ScannedText) -> Bool {
        guard index >= 0, index < text.scalars.count else { return false }
        let scalar = text.scalars[index]
        return ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar)
    }

    /// What a run of digits is: a mobile, a landline with area code, or an ID number.
    static func classify(_ digits: String, international: Bool) -> (number: String, isID: Bool)? {
        var digits = digits
        // China's country code, before a mobile (13 digits) or, with + or 00, a landline whose
        // area code then lost its leading 0 (+86 27 8765 4321).
        var countryCode = false
        if digits.hasPrefix("0086"), (13...15).contains(digits.count) {
            digits.removeFirst(4)
            countryCode = true
        } else if digits.hasPrefix("86"), digits.count == 13 || (international && (11...14).contains(digits.count)) {
            digits.removeFirst(2)
            countryCode = true
        }
        if international, !countryCode, !digits.hasPrefix("1") { return nil }
        // Beijing's area code 10 starts with 1 too: only 11 digits make a mobile.
        if countryCode, !digits.hasPrefix("0"), digits.count != 11 || !digits.hasPrefix("1") { digits = "0" + digits }
        let bytes = Array(digits.utf8)
        if bytes.count == 11, bytes[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1]) {
            return (digits, false)
        }
        if bytes.count == 18, isValidResidentID(digits) { return (digits.uppercased(), true) }
        // Landlines: 0 + area code (2 digits after 01/02, else 3) + 7–8 digit number.
        if bytes.first == UInt8(ascii: "0"), (10...12).contains(bytes.count), !digits.contains("x") {
            let areaLength = bytes[1] == UInt8(ascii: "1") || bytes[1] == UInt8(ascii: "2") ? 3 : 4
            let local = bytes.count - areaLength
            guard (7...8).contains(local) else { return nil }
            return ("\(digits.prefix(areaLength))-\(digits.dropFirst(areaLength))", false)
        }
        return nil
    }

    /// A local landline without its area code (85621234, 8562-1234), as residents give their
    /// own number: only after a word that says it is a phone (座机是…), since a bare run of
    /// seven or eight digits may be anything.
    private static func localLandline(_ digits: String, at index: Int, in text: ScannedText) -> (number: String, isID: Bool)? {
        guard (7...8).contains(digits.utf8.count), let first = digits.utf8.first,
              (UInt8(ascii: "2")...UInt8(ascii: "9")).contains(first), followsPhoneWord(index, in: text) else { return nil }
        return (digits, false)
    }

    private static let phoneWords = ["电话", "座机", "固话", "号码", "手机", "打", "联系", "tel", "phone"]

    /// Whether the words just before `index` name a phone: 座机是, 电话：, 打.
    private static func followsPhoneWord(_ index: Int, in text: ScannedText) -> Bool {
        var end = index
        while end > 0, ["是", ":", "：", " ", "为"].contains(text.scalars[end - 1]) { end -= 1 }
        let before = text.text(max(0, end - 5)..<end)
        return phoneWords.contains { before.hasSuffix($0) }
    }

    /// 17 digits and a digit or x, not starting with 0: an ID number's shape, check character aside.
    private static func isIDShaped(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        return bytes.count == 18 && bytes[0] != UInt8(ascii: "0")
            && bytes[0..<17].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// GB 11643-1999: 17 digits and a check character from a weighted sum modulo 11.
    static func isValidResidentID(_ text: String) -> Bool {
        let characters = Array(text.uppercased().utf8)
        guard characters.count == 18, characters[0..<17].allSatisfy({ (48...57).contains($0) }) else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(characters[0..<17], weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        let check = Array("10X98765432".utf8)[sum % 11]
        return characters[17] == check
    }
}
