/// The edges of a trie over Unicode scalars: (node, scalar) → child node, in an open-addressing
/// table with a multiplicative hash.
///
/// Lexicon matching looks an edge up at almost every character of every sentence; Swift's
/// `Dictionary` hashes with SipHash, which measured as a fifth of the overlay's time.
public struct TrieEdges: Sendable {
    private var keys: [UInt64]
    private var children: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    /// An empty table.
    public init() {
        keys = [UInt64](repeating: .max, count: 16)
        children = [Int32](repeating: 0, count: 16)
        mask = 15
        shift = 60
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar)
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The child of `node` along `scalar`, if any.
    @inline(__always)
    public func child(of node: Int32, _ scalar: UInt32) -> Int32? {
        let key = Self.key(node, scalar)
        var index = slot(for: key)
        while true {
            let found = keys[index]
            if found == key { return children[index] }
            if found == .max { return nil }
            index = (index + 1) & mask
        }
    }

    /// Adds the edge `node --scalar--> child` (replacing an existing one).
    public mutating func insert(_ child: Int32, from node: Int32, along scalar: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.key(node, scalar)
        var index = slot(for: key)
        while keys[index] != .max, keys[index] != key { index = (index + 1) & mask }
        if keys[index] == .max { count += 1 }
        keys[index] = key
        children[index] = child
    }

    private mutating func grow() {
        let oldKeys = keys, oldChildren = children
        keys = [UInt64](repeating: .max, count: oldKeys.count * 2)
        children = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        shift -= 1
        count = 0
        for (key, child) in zip(oldKeys, oldChildren) where key != .max {
            insert(child, from: Int32(bitPattern: UInt32(key >> 32)), along: UInt32(truncatingIfNeeded: key))
        }
    }
}
