internal import CICU

/// ICU's Traditional→Simplified mapping, tabulated once per process for the CJK blocks.
///
/// A transliterator is neither cheap nor thread-safe; a read-only table built once (Swift
/// initializes the `static let` exactly once, thread-safely) makes the per-character lookup
/// a single array read that any number of threads can share.
enum TraditionalToSimplified {
    /// CJK Extension A and the Unified Ideographs block, where traditional forms live.
    static let range: Range<UInt32> = 0x3400..<0xA000

    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: range.count)
        var error: Int32 = 0
        let changed = table.withUnsafeMutableBufferPointer { buffer in
            minhu_traditional_to_simplified_table(range.lowerBound, Int32(range.count), buffer.baseAddress, &error)
        }
        // Without ICU's transliterator data the text simply stays traditional; segmentation
        // still works, so this degrades instead of failing.
        if changed < 0 { return [] }
        return table
    }()

    /// One bit per entry of ``table``: whether the character changes. Simplified text reads
    /// only this (3 KiB) and not the table (110 KiB).
    static let changed: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (table.count + 63) / 64)
        for (index, simple) in table.enumerated() where simple != 0 { bits[index >> 6] |= 1 << UInt64(index & 63) }
        return bits
    }()
}
