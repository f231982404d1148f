internal import CICU

/// Builds ``NormalizedText``: NFKC by ICU, then Traditional→Simplified, Latin lower-casing,
/// whitespace folding, and removal of invisible format characters.
enum TextNormalizer {
    static func normalize(_ original: String) -> NormalizedText {
        var builder = Builder(capacity: original.utf8.count)
        // NFKC must see whole normalization segments (a base letter with its combining marks),
        // so scalars are gathered until the next one that starts a new segment.
        var pending: [Unicode.Scalar] = []
        var pendingStart = 0
        var offset = 0
        for scalar in original.unicodeScalars {
            let width = UTF8.width(scalar)
            if startsSegment(scalar), !pending.isEmpty {
                flush(&pending, from: pendingStart, to: offset, into: &builder)
                pending.removeAll(keepingCapacity: true)
            }
            if pending.isEmpty { pendingStart = offset }
            pending.append(scalar)
            offset += width
        }
        if !pending.isEmpty { flush(&pending, from: pendingStart, to: offset, into: &builder) }
        return builder.finish(original: original)
    }

    @inline(__always)
    private static func startsSegment(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 || (0x4E00...0x9FFF).contains(value) { return true }
        return minhu_nfkc_has_boundary_before(value) != 0
    }

    private static func flush(_ segment: inout [Unicode.Scalar], from start: Int, to end: Int,
                              into builder: inout Builder) {
        if segment.count == 1, let single = fastNFKC(segment[0]) {
            builder.append(single, source: start..<end)
            return
        }
        for scalar in nfkc(segment) {
            builder.append(scalar, source: start..<end)
        }
    }

    /// NFKC of a lone scalar without calling ICU, when the answer is known.
    @inline(__always)
    private static func fastNFKC(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        if value < 0x80 || (0x4E00...0x9FFF).contains(value) { return scalar }
        // Full-width ASCII (！ to ～) is ASCII shifted by 0xFEE0.
        if (0xFF01...0xFF5E).contains(value) { return Unicode.Scalar(value - 0xFEE0) }
        if value == 0x3000 { return " " }
        return minhu_nfkc_is_inert(value) != 0 ? scalar : nil
    }

    private static func nfkc(_ segment: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var utf16: [UInt16] = []
        for scalar in segment { utf16.append(contentsOf: UTF16.encode(scalar)!) }
        var output = [UInt16](repeating: 0, count: utf16.count * 4 + 8)
        var error: Int32 = 0
        var length = minhu_nfkc_utf16(utf16, Int32(utf16.count), &output, Int32(output.count), &error)
        if length > Int32(output.count) {
            output = [UInt16](repeating: 0, count: Int(length))
            length = minhu_nfkc_utf16(utf16, Int32(utf16.count), &output, Int32(output.count), &error)
        }
        guard length >= 0 else { return segment }
        return Array(String(decoding: output[0..<Int(length)], as: UTF16.self).unicodeScalars)
    }

    /// Accumulates the normalized UTF-8 and its map back to the original.
    struct Builder {
        var bytes: [UInt8] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        var utf16: [UInt16] = []
        var utf16ByteOffsets: [Int32] = []
        /// A whitespace run seen but not yet written: it becomes one space if more text follows.
        var pendingSpace: Range<Int>?

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
            starts.reserveCapacity(capacity)
            ends.reserveCapacity(capacity)
            utf16.reserveCapacity(capacity)
            utf16ByteOffsets.reserveCapacity(capacity + 1)
        }

        mutating func append(_ scalar: Unicode.Scalar, source: Range<Int>) {
            let value = scalar.value
            if value < 0x80 {
                if isASCIISpaceOrControl(value) {
                    noteSpace(source)
                } else {
                    // ASCII upper-case letters become lower-case by setting bit 5.
                    let lowered = (0x41...0x5A).contains(value) ? value | 0x20 : value
                    write(Unicode.Scalar(UInt8(lowered)), source: source)
                }
                return
            }
            if let simplified = TraditionalToSimplified.simplified(scalar) {
                // Taiwan writes 什么 as 甚麼, which maps character by character to 甚么.
                if simplified == "么", bytes.count >= 3, bytes.suffix(3).elementsEqual("甚".utf8) {
                    bytes.replaceSubrange((bytes.count - 3)..., with: "什".utf8)
                }
                write(simplified, source: source)
                return
            }
            // Ideographs and CJK punctuation (、。「」) need no further look.
            if (0x4E00...0x9FFF).contains(value) || (0x3001...0x303F).contains(value) {
                write(scalar, source: source)
                return
            }
            let properties = scalar.properties
            if properties.isWhitespace || properties.generalCategory == .control {
                noteSpace(source)
            } else if isInvisible(value) {
                return
            } else if properties.isUppercase {
                for lower in properties.lowercaseMapping.unicodeScalars { write(lower, source: source) }
            } else {
                write(scalar, source: source)
            }
        }

        @inline(__always)
        private func isASCIISpaceOrControl(_ value: UInt32) -> Bool {
            value <= 0x20 || value == 0x7F
        }

        /// Zero-width spaces, word joiners, byte-order marks and soft hyphens carry no meaning
        /// for a reader but would split words. (Zero-width joiners stay: emoji need them.)
        private func isInvisible(_ value: UInt32) -> Bool {
            value == 0x200B || value == 0x2060 || value == 0xFEFF || value == 0x00AD
        }

        private mutating func noteSpace(_ source: Range<Int>) {
            if let pending = pendingSpace {
                pendingSpace = pending.lowerBound..<source.upperBound
            } else {
                pendingSpace = source
            }
        }

        private mutating func write(_ scalar: Unicode.Scalar, source: Range<Int>) {
            if let space = pendingSpace {
                pendingSpace = nil
                // Leading whitespace is dropped: only a space between two pieces of text stays.
                if !bytes.isEmpty { writeBytes(for: " ", source: space) }
            }
            writeBytes(for: scalar, source: source)
        }

        private mutating func writeBytes(for scalar: Unicode.Scalar, source: Range<Int>) {
            let start = Int32(source.lowerBound), end = Int32(source.upperBound)
            let byteOffset = Int32(bytes.count)
            for unit in UTF16.encode(scalar)! {
                utf16.append(unit)
                utf16ByteOffsets.append(byteOffset)
            }
            for byte in UTF8.encode(scalar)! {
                bytes.append(byte)
                starts.append(start)
                ends.append(end)
            }
        }

        mutating func finish(original: String) -> NormalizedText {
            utf16ByteOffsets.append(Int32(bytes.count))
            return NormalizedText(original: original, text: String(decoding: bytes, as: UTF8.self),
                                  sourceStarts: starts, sourceEnds: ends,
                                  utf16: utf16, utf16ByteOffsets: utf16ByteOffsets)
        }
    }
}
