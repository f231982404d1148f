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
                switch attempt(bytes, capacity: capacity, original: original) {
                case .done(let normalized): return normalized
                case .needsRoom: capacity *= 4
                case .failed: return identity(original)
                }
            }
        }
    }

    private enum Attempt {
        case done(NormalizedText)
        case needsRoom
        case failed
    }

    /// The text unchanged, mapped one to one: what a resident typed is never lost, even if ICU's
    /// normalizer could not be loaded.
    private static func identity(_ original: String) -> NormalizedText {
        let utf8 = Array(original.utf8)
        var utf16: [UInt16] = []
        var offsets: [Int32] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        var offset = 0
        for scalar in original.unicodeScalars {
            let width = UTF8.width(scalar)
            for unit in UTF16.encode(scalar)! {
                utf16.append(unit)
                offsets.append(Int32(offset))
            }
            starts.append(contentsOf: repeatElement(Int32(offset), count: width))
            ends.append(contentsOf: repeatElement(Int32(offset + width), count: width))
            offset += width
        }
        offsets.append(Int32(offset))
        return NormalizedText(original: original, text: original, utf8: utf8, sourceStarts: starts, sourceEnds: ends,
                              utf16: utf16, utf16ByteOffsets: offsets)
    }

    private static func attempt(_ input: UnsafeBufferPointer<UInt8>, capacity: Int, original: String) -> Attempt {
        let table = TraditionalToSimplified.table, changed = TraditionalToSimplified.changed
        var utf8Length = 0
        var utf16Length = 0
        var status: Int32 = 0
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
                                changed.withUnsafeBufferPointer { changed in
                                    minhu_normalize(input.baseAddress, Int32(input.count), simplified.baseAddress,
                                                    changed.baseAddress, TraditionalToSimplified.range.lowerBound,
                                                    Int32(simplified.count), &output, &error)
                                }
                            }
                            status = result
                            utf8Length = status == 0 ? Int(output.utf8_length) : 0
                            utf16Length = status == 0 ? Int(output.utf16_length) : 0
                            offsetCount = status == 0 ? utf16Length + 1 : 0
                        }
                        unitCount = utf16Length
                    }
                    endCount = utf8Length
                }
                startCount = utf8Length
            }
            utf8Count = utf8Length
        }
        if status < 0 { return .failed }
        if status > 0 { return .needsRoom }
        return .done(NormalizedText(original: original, text: String(decoding: utf8, as: UTF8.self), utf8: utf8,
                                    sourceStarts: starts, sourceEnds: ends, utf16: utf16, utf16ByteOffsets: utf16Offsets))
    }
}
