import Segmentation

/// A value found in what the resident said.
public struct SlotValue: Sendable, Equatable, Codable {
    /// The canonical value (13912345678, 3栋2单元501室, MH-000123).
    public var value: String
    /// The words as the resident typed them.
    public var original: String
    /// Where they are in the typed text (UTF-8 offsets).
    public var originalRange: Range<Int>

    /// Creates a slot value.
    public init(value: String, original: String, originalRange: Range<Int> = 0..<0) {
        self.value = value
        self.original = original
        self.originalRange = originalRange
    }
}

/// A normalized text as scalars, with each scalar's UTF-8 offset, for the extractors.
struct ScannedText {
    let normalized: NormalizedText
    let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar in the normalized text, plus one past the end.
    let offsets: [Int]

    init(_ normalized: NormalizedText) {
        self.normalized = normalized
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in normalized.text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
    }

    /// What the resident typed for the scalars `range`.
    func original(_ range: Range<Int>) -> String {
        String(normalized.originalText(of: offsets[range.lowerBound]..<offsets[range.upperBound]))
    }

    /// A slot value for the scalars `range`, quoting what was typed.
    func slot(_ value: String, _ range: Range<Int>) -> SlotValue {
        let bytes = offsets[range.lowerBound]..<offsets[range.upperBound]
        return SlotValue(value: value, original: String(normalized.originalText(of: bytes)),
                         originalRange: normalized.originalRange(of: bytes))
    }

    /// The normalized text of the scalars `range`.
    func text(_ range: Range<Int>) -> String {
        // Copied from the UTF-8 bytes: appending scalars one by one was most of the time of
        // finding phones, which runs on every line and every masked text.
        String(decoding: normalized.utf8[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }

    func isDigit(_ index: Int) -> Bool {
        index >= 0 && index < scalars.count && ("0"..."9").contains(scalars[index])
    }
}
