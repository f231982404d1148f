import Testing
@testable import Segmentation

@Suite struct HashTableTests {
    @Test func findsEveryKeyAfterGrowingAndNothingElse() {
        var table = HashTable()
        // Trie-edge keys (node << 32 | scalar) differ in few bits; 0 is a key like any other.
        let keys: [UInt64] = [0] + (0..<3000).map { UInt64($0 / 30) << 32 | UInt64(0x4E00 + $0 % 30) }
        for (index, key) in keys.enumerated() { table.set(key, Int32(index)) }
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() { #expect(table[key] == Int32(index), "\(key)") }
        #expect(table[UInt64(1) << 40] == nil)
        #expect(table[0x4E00 + 31] == nil)
    }

    @Test func settingAKeyAgainReplacesItsValue() {
        var table = HashTable()
        table.set(42, 1)
        table.set(42, 2)
        table.set(0, 3)
        table.set(0, 4)
        #expect(table.count == 2)
        #expect(table[42] == 2)
        #expect(table[0] == 4)
    }
}
