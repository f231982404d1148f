/// A map from 64-bit keys to small integers (a model's columns, a term's intent, a trie's
/// edges: see ``edge(from:along:)``) by open addressing. Unlike `Dictionary`, which runs SipHash on every lookup, a
/// lookup is one multiplication and a compare or two: these tables are read tens of times
/// per utterance, and SipHash was a third of classifying's time.
package struct HashTable: Sendable {
    /// A key and its value side by side, so that a lookup that finds its key reads one cache
    /// line rather than one in a key array and another in a value array. Models have tens of
    /// thousands of columns, so nearly every lookup misses the cache: classifying spent more
    /// time in these loads than in anything else.
    private struct Slot {
        /// 0 where the slot is empty (a key of 0 is kept apart in `zeroValue`).
        var key: UInt64
        var value: Int32
    }

    private var slots: [Slot]
    private var zeroValue: Int32?
    /// 64 − log2(slots): the slot is the top bits of the key times a 64-bit golden ratio
    /// (Fibonacci hashing), which spreads keys that differ only in a few bits.
    private var shift: UInt64
    /// The number of keys.
    package private(set) var count = 0

    /// An empty table with room for `capacity` keys before it grows.
    package init(capacity: Int = 0) {
        var slotCount = 16
        while slotCount < 2 * capacity { slotCount *= 2 }
        slots = [Slot](repeating: Slot(key: 0, value: 0), count: slotCount)
        shift = UInt64(64 - slotCount.trailingZeroBitCount)
    }

    /// The key of a trie edge: the node it leaves and the scalar it follows.
    @inline(__always)
    package static func edge(from node: Int32, along scalar: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The value stored for `key`, if any.
    package subscript(key: UInt64) -> Int32? {
        if key == 0 { return zeroValue }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = home(key)
            while true {
                let slot = slots[index]
                if slot.key == key { return slot.value }
                if slot.key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Stores `value` for `key`, replacing any value it had.
    package mutating func set(_ key: UInt64, _ value: Int32) {
        if key == 0 {
            if zeroValue == nil { count += 1 }
            zeroValue = value
            return
        }
        // Grow at half full, so that probes stay short.
        if 2 * (count + 1) > slots.count {
            var larger = HashTable(capacity: slots.count)
            if let zeroValue { larger.set(0, zeroValue) }
            for slot in slots where slot.key != 0 { larger.set(slot.key, slot.value) }
            self = larger
        }
        let mask = slots.count - 1
        var index = home(key)
        while slots[index].key != 0 && slots[index].key != key { index = (index + 1) & mask }
        if slots[index].key == 0 { count += 1 }
        slots[index] = Slot(key: key, value: value)
    }
}
