/// What a token is made of.
public enum TokenKind: String, Sendable, Codable, CaseIterable {
    /// A Chinese (or other non-Latin) word.
    case word
    /// Digits, with ICU's idea of a number (1.5, 2,000).
    case number
    /// A run of Latin letters, lower-cased.
    case latin
    /// Punctuation or a symbol.
    case punctuation
    /// An emoji, with its modifiers and joiners.
    case emoji
    /// Anything else (private-use characters, unassigned code points).
    case other
}

/// One token of a segmented, normalized text: where it is and what it is made of. Its text is
/// ``SegmentedText/text(of:)``: most consumers only hash or compare a token's bytes, so no
/// String is made per token unless asked for.
public struct Token: Sendable, Hashable {
    /// What the token is made of.
    public let kind: TokenKind
    /// UTF-8 range in the normalized text.
    public let range: Range<Int>
    /// UTF-8 range in the original text.
    public internal(set) var originalRange: Range<Int>

    /// Creates a token.
    public init(kind: TokenKind, range: Range<Int>, originalRange: Range<Int>) {
        self.kind = kind
        self.range = range
        self.originalRange = originalRange
    }

    /// A token whose original range the segmenter looks up once the tokens are final.
    init(_ kind: TokenKind, _ range: Range<Int>) {
        self.init(kind: kind, range: range, originalRange: range)
    }
}

/// A text after normalization and segmentation.
public struct SegmentedText: Sendable {
    /// The normalized text and its map back to the original.
    public let normalized: NormalizedText
    /// The tokens in order; whitespace is not a token.
    public let tokens: [Token]

    /// Creates a segmented text.
    public init(normalized: NormalizedText, tokens: [Token]) {
        self.normalized = normalized
        self.tokens = tokens
    }

    /// The normalized text of `token`.
    public func text(of token: Token) -> String {
        normalized.utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[token.range]), as: UTF8.self) }
    }

    /// The normalized text of each token, in order.
    public var words: [String] { tokens.map(text(of:)) }

    /// The original text of each token, in order, as the resident typed it.
    ///
    /// When normalization turned one original character into several (e.g. `㈱` → `(株)`) and
    /// the segmenter split them, the pieces share one original character; they are merged
    /// here so that the words still tile the original text.
    public var originalWords: [Substring] {
        var words: [Substring] = []
        var current: Range<Int>?
        let utf8 = normalized.original.utf8
        func emit(_ range: Range<Int>) {
            let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let end = utf8.index(start, offsetBy: range.count)
            words.append(normalized.original[start..<end])
        }
        for token in tokens {
            let range = token.originalRange
            if let open = current, range.lowerBound < open.upperBound {
                current = open.lowerBound..<max(open.upperBound, range.upperBound)
            } else {
                if let open = current { emit(open) }
                current = range
            }
        }
        if let open = current { emit(open) }
        return words
    }
}
