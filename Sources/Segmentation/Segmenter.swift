internal import CICU

/// Normalizes and segments Chinese text: ICU's word break for locale `zh`, with a domain
/// ``Lexicon`` laid over it so that words like 报修 and 居委会 come out whole.
///
/// Safe to share between any number of threads and tasks.
///
/// ```swift
/// let segmenter = try Segmenter(lexicon: Lexicon(words: ["报修", "楼道"]))
/// segmenter.segment("我要報修，樓道燈壞了").words
/// // ["我", "要", "报修", ",", "楼道", "灯", "坏", "了"]
/// ```
public final class Segmenter: Sendable {
    /// The domain words laid over ICU's segmentation.
    public let lexicon: Lexicon
    /// Whether Minhu's layer (lexicon words and number compounds) is laid over ICU's output.
    public let usesOverlay: Bool
    private let breakers: WordBreakerPool

    /// Creates a segmenter; fails only when the system ICU cannot open a word-break iterator.
    /// - Parameters:
    ///   - lexicon: Domain words to keep whole.
    ///   - overlay: False for ICU's segmentation alone (for comparison): no lexicon words and
    ///     no number compounds.
    public init(lexicon: Lexicon = .empty, overlay: Bool = true) throws {
        self.lexicon = overlay ? lexicon : .empty
        self.usesOverlay = overlay
        self.breakers = try WordBreakerPool(locale: "zh")
    }

    /// The ICU version in use, e.g. "72.1".
    public static var icuVersion: String { String(cString: minhu_icu_version()) }

    /// ICU's word break alone over UTF-16 text: boundaries only — no rule statuses, no
    /// normalization, no tokens, no overlay. For benchmarks, to measure what Minhu adds to
    /// ICU. Returns the number of pieces.
    public func icuPieceCount(_ utf16: [UInt16]) -> Int {
        guard !utf16.isEmpty else { return 0 }
        return withICUBreaks(of: utf16, statuses: false) { count, _, _ in count }
    }

    /// Normalizes `text` and splits it into tokens.
    public func segment(_ text: String) -> SegmentedText {
        segment(NormalizedText(text))
    }

    /// Splits an already normalized text into tokens.
    public func segment(_ normalized: NormalizedText) -> SegmentedText {
        let bytes = normalized.utf8
        // Tokens are drawn first as ranges and kinds, which number compounds join; their
        // original ranges are looked up once they are final.
        var tokens = draftTokens(of: normalized)
        if usesOverlay { NumberCompounds.merge(&tokens, bytes: bytes) }
        for index in tokens.indices {
            tokens[index].originalRange = normalized.originalRange(of: tokens[index].range)
        }
        return SegmentedText(normalized: normalized, tokens: tokens)
    }

    /// ICU's pieces as tokens, with the lexicon's words redrawn over runs of ideographs;
    /// whitespace pieces are dropped. Original ranges are not looked up yet.
    private func draftTokens(of normalized: NormalizedText) -> [Token] {
        let units = normalized.utf16
        guard !units.isEmpty else { return [] }
        let bytes = normalized.utf8
        let offsets = normalized.utf16ByteOffsets
        return withICUBreaks(of: units) { count, ends, statuses in
            guard count > 0 else {
                // ICU refused the text (it never should): keep it as one piece rather than lose it.
                let whole = ICUPiece(range: 0..<Int(offsets[units.count]), status: 0)
                return [Token(whole.kind(in: bytes) ?? .other, whole.range)]
            }
            var tokens: [Token] = []
            tokens.reserveCapacity(count)
            var index = 0
            var startUnit = 0
            while index < count {
                let status = statuses[index]
                // Runs of ideographic pieces are where the lexicon may redraw ICU's boundaries.
                if ICUPiece.isIdeographic(status), lexicon.count > 0 {
                    var runEnd = index + 1
                    while runEnd < count, ICUPiece.isIdeographic(statuses[runEnd]) { runEnd += 1 }
                    LexiconOverlay.appendWords(
                        ofRunFrom: startUnit, pieceEnds: UnsafeBufferPointer(start: ends + index, count: runEnd - index),
                        units: units, byteOffsets: offsets, lexicon: lexicon, to: &tokens)
                    startUnit = Int(ends[runEnd - 1])
                    index = runEnd
                    continue
                }
                let endUnit = Int(ends[index])
                let piece = ICUPiece(range: Int(offsets[startUnit])..<Int(offsets[endUnit]), status: status)
                if let kind = piece.kind(in: bytes) { tokens.append(Token(kind, piece.range)) }
                startUnit = endUnit
                index += 1
            }
            return tokens
        }
    }

    /// Runs ICU's word break over `utf16` and hands `body` the number of pieces (0 if ICU
    /// refused the text), the end of each piece and (if `statuses`) ICU's rule status for it.
    /// The ends and statuses only live until `body` returns: scratch on the stack (heap for
    /// very long lines) rather than two arrays per line.
    private func withICUBreaks<Result>(
        of utf16: [UInt16], statuses wantsStatuses: Bool = true,
        _ body: (Int, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Result
    ) -> Result {
        let capacity = utf16.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capacity) { scratch in
            let ends = scratch.baseAddress!, statuses = ends + capacity
            let count = breakers.withBreaker { breaker in
                var error: Int32 = 0
                return Int(minhu_word_breaker_segment(breaker, utf16, Int32(capacity), ends,
                                                      wantsStatuses ? statuses : nil,
                                                      Int32(capacity), &error))
            }
            return body(max(count, 0), ends, statuses)
        }
    }
}

/// One segment as ICU drew it: its UTF-8 range and ICU's rule status.
struct ICUPiece {
    let range: Range<Int>
    let status: Int32

    /// Whether `status` is one of ICU's ideographic and kana statuses (300–499): the
    /// dictionary-segmented scripts.
    static func isIdeographic(_ status: Int32) -> Bool { (300..<500).contains(status) }

    /// The token kind, or nil for whitespace (which is not a token).
    func kind(in bytes: [UInt8]) -> TokenKind? {
        switch status {
        case 100..<200: return .number
        case 200..<300: return isLatin(bytes) ? .latin : .word
        case 300..<500: return .word
        default: return noneKind(bytes)
        }
    }

    /// Whether every scalar is Latin (ASCII, Latin-1, Latin Extended A/B or Additional).
    /// Reads the bytes directly: a String per piece would cost more than the check.
    private func isLatin(_ bytes: [UInt8]) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, width) = UTF8Bytes.decode(bytes, at: index)
            guard scalar < 0x250 || (0x1E00..<0x1F00).contains(scalar) else { return false }
            index += width
        }
        return true
    }

    /// ICU gives status 0 to everything that is not a word: spaces, punctuation, emoji.
    private func noneKind(_ bytes: [UInt8]) -> TokenKind? {
        let lead = bytes[range.lowerBound]
        if lead < 0x80 { return lead <= 0x20 ? nil : .punctuation }
        let (value, _) = UTF8Bytes.decode(bytes, at: range.lowerBound)
        // CJK and General Punctuation (、。“”—‰※) without asking for Unicode properties,
        // except the line and paragraph separators and bidi marks (2028–202F). The block's
        // two emoji, ‼ and ⁉, never get here: NFKC made them !! and ?!.
        if (0x3001...0x303F).contains(value) || (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value) {
            return .punctuation
        }
        guard let first = Unicode.Scalar(value) else { return .other }
        let properties = first.properties
        if properties.isWhitespace { return nil }
        if properties.isEmojiPresentation || (properties.isEmoji && first.value > 0x2000) || hasEmojiJoiner(bytes) {
            return .emoji
        }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .punctuation
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        default:
            return .other
        }
    }

    /// Whether the piece holds a variation selector-16 or a zero-width joiner.
    private func hasEmojiJoiner(_ bytes: [UInt8]) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, width) = UTF8Bytes.decode(bytes, at: index)
            if scalar == 0xFE0F || scalar == 0x200D { return true }
            index += width
        }
        return false
    }
}
