/// Joins what Chinese segmentation standards (GB/T 13715, the PKU and MSR guidelines) treat as
/// one word but ICU splits: a number with its date or time unit (2001年, 十二月, 31日, 3点),
/// with 万/亿 or a percent sign (12万, 5%), an ordinal (第一), Chinese numerals written with
/// a circle for zero (二○○一), and runs of dashes or ellipses (——, ……).
///
/// Runs on every token pair, so it reads the normalized UTF-8 bytes directly instead of
/// decoding token strings.
enum NumberCompounds {
    /// Joins adjacent tokens in place (before their original ranges are looked up).
    static func merge(_ tokens: inout [Token], bytes: [UInt8]) {
        guard tokens.count > 1 else { return }
        var kept = 0
        // Whether the last kept token is a number, carried along so that each token is checked
        // once rather than once on each side of a pair.
        var keptIsNumber = false
        for index in tokens.indices {
            let token = tokens[index]
            let tokenIsNumber = isNumber(token, bytes)
            if kept > 0, tokens[kept - 1].range.upperBound == token.range.lowerBound,
               keptIsNumber || tokenIsNumber || token.kind == .punctuation,
               let kind = joinedKind(tokens[kept - 1], keptIsNumber, token, tokenIsNumber, bytes) {
                tokens[kept - 1] = Token(kind, tokens[kept - 1].range.lowerBound..<token.range.upperBound)
                keptIsNumber = kind == .number
            } else {
                if kept != index { tokens[kept] = token }
                kept += 1
                keptIsNumber = tokenIsNumber
            }
        }
        tokens.removeLast(tokens.count - kept)
    }

    /// The kind of `left + right` when they form one word, else nil.
    private static func joinedKind(_ left: Token, _ leftIsNumber: Bool, _ right: Token, _ rightIsNumber: Bool,
                                   _ bytes: [UInt8]) -> TokenKind? {
        if leftIsNumber {
            if rightIsNumber, left.kind != .number || right.kind != .number { return .number }
            if let unit = single(right, bytes), isUnit(unit), lastScalar(left, bytes) != unit { return .number }
            return nil
        }
        if rightIsNumber, single(left, bytes) == 0x7B2C /* 第 */ { return .number }
        if left.kind == .punctuation, right.kind == .punctuation, left.range.count <= 64,
           let mark = single(right, bytes), isRepeatedMark(mark),
           left.range.count % right.range.count == 0,
           stride(from: left.range.lowerBound, to: left.range.upperBound, by: right.range.count)
               .allSatisfy({ bytes[$0..<($0 + right.range.count)].elementsEqual(bytes[right.range]) }) {
            return .punctuation
        }
        return nil
    }

    private static func isNumber(_ token: Token, _ bytes: [UInt8]) -> Bool {
        if token.kind == .number { return true }
        guard token.kind == .word else { return false }
        var index = token.range.lowerBound
        while index < token.range.upperBound {
            let (scalar, width) = decode(bytes, at: index)
            guard isNumeral(scalar) else { return false }
            index += width
        }
        return true
    }

    /// Characters that write numbers in Chinese text (○ is the circle often used for zero).
    private static let numerals: [UInt32] = [
        0x3007, 0x25CB, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
        0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646,
        0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70, 0x4EDF,
    ]  // 〇○零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟

    /// ``numerals`` as one bit per BMP code point: this is asked of nearly every word.
    private static let numeralBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for value in numerals { bits[Int(value >> 6)] |= 1 << (value & 63) }
        return bits
    }()

    @inline(__always)
    private static func isNumeral(_ value: UInt32) -> Bool {
        value < 0x10000 && numeralBits[Int(value >> 6)] & (1 << (value & 63)) != 0
    }

    /// Units that belong to the number before them: 年月日号时点分秒岁万亿%‰.
    private static func isUnit(_ value: UInt32) -> Bool {
        switch value {
        case 0x5E74, 0x6708, 0x65E5, 0x53F7, 0x65F6, 0x70B9, 0x5206, 0x79D2, 0x5C81, 0x4E07, 0x4EBF, 0x25, 0x2030:
            return true
        default:
            return false
        }
    }

    /// Punctuation written as a run of the same mark: — … - ·
    private static func isRepeatedMark(_ value: UInt32) -> Bool {
        value == 0x2014 || value == 0x2026 || value == 0x2D || value == 0xB7
    }

    /// The token's one scalar, or nil when it has several.
    private static func single(_ token: Token, _ bytes: [UInt8]) -> UInt32? {
        let (scalar, width) = decode(bytes, at: token.range.lowerBound)
        return width == token.range.count ? scalar : nil
    }

    private static func lastScalar(_ token: Token, _ bytes: [UInt8]) -> UInt32 {
        var index = token.range.upperBound - 1
        while index > token.range.lowerBound, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return decode(bytes, at: index).scalar
    }

    @inline(__always)
    private static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: UInt32, width: Int) {
        UTF8Bytes.decode(bytes, at: index)
    }
}
