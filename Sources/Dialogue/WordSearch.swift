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
        guard let first = needle.first else { return true }
        guard text.count >= needle.count else { return false }
        for start in 0...(text.count - needle.count) where text[start] == first {
            if (1..<needle.count).allSatisfy({ text[start + $0] == needle[$0] }) { return true }
        }
        return false
    }
}
