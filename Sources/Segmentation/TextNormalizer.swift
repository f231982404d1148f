internal import CICU

/// Builds ``NormalizedText`` through `minhu_normalize` (C, over ICU): NFKC, then
/// Traditional→Simplified, Latin lower-casing, whitespace folding, and removal of invisible
/// format characters.
///
/// This runs on every line a resident types and on every benchmark character, so the work is
/// one pass in C writing straight into the arrays that ``NormalizedText`` keeps.
enum TextNormalizer {
    static func normalize(_ original: String) -> NormalizedText {
        var input = original
        return input.withUTF8 { bytes in
            // NFKC rarely expands text; when it does, the call reports it and gets more room.
            var capacity = bytes.count + 16
            while true {
                if let normalized = attempt(bytes, capacity: capacity, original: original) { return normalized }
                capacity *= 4
            }
        }
    }

    private static func attempt(_ input: UnsafeBufferPointer<UInt8>, capacity: Int, original: String) -> NormalizedText? {
        let table = TraditionalToSimplified.table
        var utf8Length = 0
        var utf16Length = 0
        var overflow = false
        var utf16: [UInt16] = []
        var utf16Offsets: [Int32] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        let utf8 = [UInt8](unsafeUninitializedCapacity: capacity) { utf8Buffer, utf8Count in
            starts = [Int32](unsafeUninitializedCapacity: capacity) { startBuffer, startCount in
                ends = [Int32](unsafeUninitializedCapacity: capacity) { endBuffer, endCount in
                    utf16 = [UInt16](unsafeUninitializedCapacity: capacity) { unitBuffer, unitCount in
                        utf16Offsets = [Int32](unsafeUninitializedCapacity: capacity + 1) { offsetBuffer, offsetCount in
                            var output = minhu_normalized(
                                utf8: utf8Buffer.baseAddress, source_starts: startBuffer.baseAddress,
                                source_ends: endBuffer.baseAddress, utf8_capacity: Int32(capacity), utf8_length: 0,
                                utf16: unitBuffer.baseAddress, utf16_byte_offsets: offsetBuffer.baseAddress,
                                utf16_capacity: Int32(capacity), utf16_length: 0)
                            var error: Int32 = 0
                            let result = table.withUnsafeBufferPointer { simplified in
                                minhu_normalize(input.baseAddress, Int32(input.count), simplified.baseAddress,
                                                TraditionalToSimplified.range.lowerBound, Int32(simplified.count),
                                                &output, &error)
                            }
                            overflow = result != 0
                            utf8Length = overflow ? 0 : Int(output.utf8_length)
                            utf16Length = overflow ? 0 : Int(output.utf16_length)
                            offsetCount = overflow ? 0 : utf16Length + 1
                        }
                        unitCount = utf16Length
                    }
                    endCount = utf8Length
                }
                startCount = utf8Length
            }
            utf8Count = utf8Length
        }
        // A failure of ICU itself (never seen) would also land here and loop with more room;
        // an empty result ends it because an empty input needs no room.
        if overflow { return input.isEmpty ? NormalizedText.empty(original) : nil }
        return NormalizedText(original: original, text: String(decoding: utf8, as: UTF8.self), utf8: utf8,
                              sourceStarts: starts, sourceEnds: ends, utf16: utf16, utf16ByteOffsets: utf16Offsets)
    }
}
