/// Text in Minhu's canonical form, with a way back to what the resident actually typed.
///
/// The canonical form is NFKC (full-width digits, letters and punctuation become half-width),
/// simplified characters, lower-case Latin, and single spaces for any run of whitespace.
/// Every UTF-8 byte of ``text`` remembers the UTF-8 range of ``original`` it came from, so a
/// slot found in the normalized text can quote the original words.
public struct NormalizedText: Sendable {
    /// The text as received.
    public let original: String
    /// The canonical form.
    public let text: String
    /// `text` as UTF-8 bytes: token ranges index them.
    public let utf8: [UInt8]
    /// For each UTF-8 byte of `text`, where its source starts and ends in `original` (UTF-8).
    let sourceStarts: [Int32]
    let sourceEnds: [Int32]
    /// `text` in UTF-16, the form ICU iterates fastest, and the UTF-8 offset of each unit
    /// (plus one past the end).
    let utf16: [UInt16]
    let utf16ByteOffsets: [Int32]

    init(original: String, text: String, utf8: [UInt8], sourceStarts: [Int32], sourceEnds: [Int32],
         utf16: [UInt16], utf16ByteOffsets: [Int32]) {
        self.original = original
        self.text = text
        self.utf8 = utf8
        self.sourceStarts = sourceStarts
        self.sourceEnds = sourceEnds
        self.utf16 = utf16
        self.utf16ByteOffsets = utf16ByteOffsets
    }

    /// Normalizes `original` (see the type's description).
    public init(_ original: String) {
        self = TextNormalizer.normalize(original)
    }

    /// The UTF-8 range of ``original`` that produced the UTF-8 range `range` of ``text``.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let anchor = range.lowerBound < sourceStarts.count
                ? Int(sourceStarts[range.lowerBound]) : original.utf8.count
            return anchor..<anchor
        }
        return Int(sourceStarts[range.lowerBound])..<Int(sourceEnds[range.upperBound - 1])
    }

    /// The original text behind the UTF-8 range `range` of ``text``.
    public func originalText(of range: Range<Int>) -> Substring {
        let bytes = originalRange(of: range)
        let utf8 = original.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        let end = utf8.index(start, offsetBy: bytes.count)
        return original[start..<end]
    }
}
