extension StringProtocol {
    /// Whether `word` occurs in this text, comparing UTF-8 bytes.
    ///
    /// Named apart from `contains` on purpose: with Foundation imported anywhere in the module,
    /// `text.contains(word)` is Foundation's, which searches through NSString with Unicode
    /// folding. The dialogue's word lists are checked that way on every turn, and it cost the
    /// server several percent of its time per message. Texts here are normalized, so the
    /// bytes are the comparison that matters.
    func includes(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { Self.occurs(needle, in: $0) }
                ?? Array(utf8).withUnsafeBufferPointer { Self.occurs(needle, in: $0) }
        }
    }

    private static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        needle.isEmpty || text.indices.contains { text.holds(needle, at: $0) }
    }
}

extension RandomAccessCollection<UInt8> where Index == Int {
    /// Whether the bytes of `word` stand here from `start` on (false when they would run past the end).
    func holds(_ word: some Collection<UInt8>, at start: Int) -> Bool {
        guard let first = word.first, start >= startIndex, start + word.count <= endIndex, self[start] == first else {
            return false
        }
        return word.elementsEqual(self[start..<(start + word.count)])
    }
}
