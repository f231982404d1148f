import Segmentation

/// Masks personal data in free text for logs and exports: phone numbers (139****5678),
/// resident ID numbers (4201**********1234), any other run of seven or more digits, and the
/// numbers of addresses (5栋2单元501室 → *栋*单元***室, 我住301 → 我住***), found with the
/// same extractors the bot uses to understand residents.
public struct PersonalDataMasker: Sendable {
    /// A masker; it needs no intents folder (the recognizers are built in).
    public init() {}

    /// `text` with every phone, ID number and (unless `addresses` is false) every numbered
    /// address masked.
    /// - Parameter hidingPhones: Phones are taken out whole (（电话已隐藏）) rather than masked
    ///   to their first and last digits: for an anonymous complaint, whose unit must not be
    ///   able to tell who called.
    public func mask(_ text: String, addresses: Bool = true, hidingPhones: Bool = false) -> String {
        // Only the recognizers of personal data run: no times, phrases or ticket ids.
        let normalized = NormalizedText(text)
        // Phones and ID numbers are digits, ASCII (full-width ones are ASCII by now) or spelled
        // in Chinese; text without any, and without addresses to mask, has nothing to hide.
        if !addresses, !PhoneExtraction.mayHoldNumber(normalized.text) {
            return text
        }
        let scanned = ScannedText(normalized)
        let numbers = PhoneExtraction.extract(from: scanned)
        var replacements: [(range: Range<Int>, text: String)] = []
        for phone in numbers.phones {
            replacements.append((phone.originalRange, hidingPhones ? Self.hiddenPhone : Self.maskPhone(phone.value)))
        }
        for id in numbers.idNumbers + numbers.mistypedIDs { replacements.append((id.originalRange, Self.maskID(id.value))) }
        for range in Self.longDigitRuns(in: normalized.utf8) {
            let original = normalized.originalRange(of: range)
            guard !replacements.contains(where: { $0.range.overlaps(original) }) else { continue }
            replacements.append((original, String(repeating: "*", count: range.count)))
        }
        if addresses {
            for address in AddressExtraction.extractAll(from: scanned) {
                replacements.append((address.originalRange, Self.maskDigits(address.original)))
            }
            for range in BareDoorNumbers.ranges(in: normalized) {
                let original = normalized.originalRange(of: range)
                guard !replacements.contains(where: { $0.range.overlaps(original) }) else { continue }
                replacements.append((original, String(repeating: "*", count: range.count)))
            }
        }
        guard !replacements.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound })
        where replacement.range.upperBound <= bytes.count && !replacement.range.isEmpty {
            bytes.replaceSubrange(replacement.range, with: Array(replacement.text.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs of seven or more digits that no recognizer took: part of a phone or ID number cut
    /// off by a line's end, a bank card, a number mistyped by a digit. Hidden whole, since half
    /// of one beside the other half elsewhere gives the number away. (Digits only: across a
    /// space, a ticket number and a year would make one.)
    static func longDigitRuns(in bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            if index - start >= 7 { runs.append(start..<index) }
            if index == start { index += 1 }
        }
        return runs
    }

    /// What stands for a phone taken out whole.
    public static let hiddenPhone = "（电话已隐藏）"

    /// 13912345678 → 139****5678; 027-85624173 → 027-****4173; 85624173 → ****4173.
    public static func maskPhone(_ phone: String) -> String {
        // Scalars, not Characters: a phone is digits and a dash, and this runs on every
        // confirmation and log line.
        let digits = Array(phone.unicodeScalars)
        func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(scalars)) }
        func maskLocal(_ local: ArraySlice<Unicode.Scalar>) -> String {
            String(repeating: "*", count: max(local.count - 4, 0)) + text(local.suffix(4))
        }
        guard digits.count >= 7 else { return String(repeating: "*", count: digits.count) }
        if let dash = digits.firstIndex(of: "-") {
            return text(digits[..<dash]) + "-" + maskLocal(digits[(dash + 1)...])
        }
        // A local landline without its area code: all of it is the local number.
        guard digits.count > 8 else { return maskLocal(digits[...]) }
        return text(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + text(digits.suffix(4))
    }

    /// An 18-character ID keeps its first and last four.
    public static func maskID(_ id: String) -> String {
        // Upper case as printed on the card: normalization lowered its check character X.
        String(id.prefix(4)) + String(repeating: "*", count: max(id.count - 8, 0)) + id.suffix(4).uppercased()
    }

    /// Every digit becomes *, and every Chinese numeral that numbers a building, unit, floor
    /// or room (三栋二单元五零一): the place stays readable, the door does not. Numerals in a
    /// place's name stay (百步亭, 三阳路): masked, the place could not be read.
    public static func maskDigits(_ address: String) -> String {
        let characters = Array(address)
        func isDigit(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || (0xFF10...0xFF19).contains($0.value) }
        }
        func isNumeral(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { ChineseNumerals.isNumeral($0) }
        }
        var masked = characters
        var index = 0
        while index < characters.count {
            guard isNumeral(characters[index]) || isDigit(characters[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, isNumeral(characters[end]) || isDigit(characters[end]) { end += 1 }
            let numbersADoor = end == characters.count || AddressExtraction.unitInitials.contains(characters[end])
            for position in index..<end where isDigit(characters[position]) || numbersADoor {
                masked[position] = "*"
            }
            index = end
        }
        return String(masked)
    }

}
