/// Joins what Chinese segmentation standards (GB/T 13715, the PKU and MSR guidelines) treat as
/// one word but ICU splits: a number with its date or time unit (2001年, 十二月, 31日, 3点),
/// with 万/亿 or a percent sign (12万, 5%), an ordinal (第一), Chinese numerals written with
/// a circle for zero (二○○一), and runs of dashes or ellipses (——, ……).
enum NumberCompounds {
    /// Characters that write numbers in Chinese text (○ is the circle often used for zero).
    static let numerals: Set<Unicode.Scalar> = Set("〇○零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".unicodeScalars)
    /// Units that belong to the number before them.
    static let units: Set<Unicode.Scalar> = Set("年月日号时点分秒岁万亿%‰".unicodeScalars)
    /// Punctuation written as a run of the same mark.
    static let repeatedMarks: Set<Unicode.Scalar> = ["—", "…", "-", "·"]

    static func merge(_ tokens: [Token]) -> [Token] {
        guard tokens.count > 1 else { return tokens }
        var merged: [Token] = []
        merged.reserveCapacity(tokens.count)
        for token in tokens {
            if let last = merged.last, last.range.upperBound == token.range.lowerBound,
               let kind = joinedKind(last, token) {
                merged[merged.count - 1] = Token(
                    text: last.text + token.text, kind: kind,
                    range: last.range.lowerBound..<token.range.upperBound,
                    originalRange: last.originalRange.lowerBound..<token.originalRange.upperBound)
            } else {
                merged.append(token)
            }
        }
        return merged
    }

    /// The kind of `left + right` when they form one word, else nil.
    private static func joinedKind(_ left: Token, _ right: Token) -> TokenKind? {
        let leftIsNumber = isNumber(left)
        if leftIsNumber, isNumber(right), left.kind != .number || right.kind != .number { return .number }
        if leftIsNumber, let unit = single(right), units.contains(unit), left.text.unicodeScalars.last != unit {
            return .number
        }
        if single(left) == "第", isNumber(right) { return .number }
        if left.kind == .punctuation, right.kind == .punctuation, left.text.utf8.count <= 64,
           let mark = left.text.unicodeScalars.first, repeatedMarks.contains(mark),
           left.text.unicodeScalars.allSatisfy({ $0 == mark }),
           right.text.unicodeScalars.allSatisfy({ $0 == mark }) {
            return .punctuation
        }
        return nil
    }

    /// The token's one scalar, or nil when it has several.
    private static func single(_ token: Token) -> Unicode.Scalar? {
        let scalars = token.text.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return nil }
        return first
    }

    private static func isNumber(_ token: Token) -> Bool {
        if token.kind == .number { return true }
        guard token.kind == .word, let first = token.text.unicodeScalars.first, numerals.contains(first) else {
            return false
        }
        return token.text.unicodeScalars.allSatisfy { numerals.contains($0) }
    }
}
