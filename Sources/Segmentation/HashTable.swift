/// A map from 64-bit keys to small integers (a model's columns, a term's intent, a trie's
/// edges: see ``edge(from:along:)``) by open addressing. Unlike `Dictionary`, which runs SipHash on every lookup, a
/// lookup is one multiplication and a compare or two: these tables are read tens of times
/// per utterance, and SipHash was a third of classifying's time.
package struct HashTable: Sendable {
    /// Keys, 0 where a slot is empty (a key of 0 is kept apart in `zeroValue`).
    private var keys: [UInt64]
    private var values: [Int32]
    private var zeroValue: Int32?
    /// 64 − log2(slots): the slot is the top bits of the key times a 64-bit golden ratio
    /// (Fibonacci hashing), which spreads keys that differ only in a few bits.
    private var shift: UInt64
    /// The number of keys.
    package private(set) var count = 0

    /// An empty table with room for `capacity` keys before it grows.
    package init(capacity: Int = 0) {
        var slots = 16
        while slots < 2 * capacity { slots *= 2 }
        keys = [UInt64](repeating: 0, count: slots)
        values = [Int32](repeating: 0, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
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
        return keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var slot = home(key)
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
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
        if 2 * (count + 1) > keys.count {
            var larger = HashTable(capacity: keys.count)
            if let zeroValue { larger.set(0, zeroValue) }
            for (key, value) in zip(keys, values) where key != 0 { larger.set(key, value) }
            self = larger
        }
        let mask = keys.count - 1
        var slot = home(key)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = key
        values[slot] = value
    }
}
