/// Cuts a reply into chunks that each fit a platform's message size in UTF-8 bytes, never
/// inside a character (a Chinese character is 3 bytes, an emoji with modifiers more), and
/// preferably after a line break or sentence punctuation.
public enum ReplySplitter {
    /// The chunks of `text`, each at most `maximumBytes` bytes, in order; empty lines dropped.
    public static func split(_ text: String, maximumBytes: Int) -> [String] {
        precondition(maximumBytes >= 8, "a message must hold at least one character")
        var chunks: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var rest = Substring(line)
            while rest.utf8.count > maximumBytes {
                let cut = cutIndex(rest, maximumBytes: maximumBytes)
                chunks.append(String(rest[..<cut]).trimmingTrailingSpaces())
                rest = rest[cut...].drop(while: { $0 == " " })
            }
            if !rest.isEmpty { chunks.append(String(rest)) }
        }
        return chunks
    }

    /// The index after the last character that still fits, moved back to just after a
    /// punctuation mark or space when one lies in the last third of the chunk.
    private static func cutIndex(_ text: Substring, maximumBytes: Int) -> String.Index {
        var bytes = 0
        var fits = text.startIndex
        var lastBreak: String.Index?
        for index in text.indices {
            let character = text[index]
            bytes += character.utf8.count
            guard bytes <= maximumBytes else { break }
            fits = text.index(after: index)
            if breaksAfter.contains(character) { lastBreak = fits }
        }
        if fits == text.startIndex {
            // One character longer than a whole message (a giant emoji sequence): cut by scalars.
            var scalars = 0
            var index = text.unicodeScalars.startIndex
            while index < text.unicodeScalars.endIndex,
                  scalars + String(text.unicodeScalars[index]).utf8.count <= maximumBytes {
                scalars += String(text.unicodeScalars[index]).utf8.count
                index = text.unicodeScalars.index(after: index)
            }
            return index
        }
        if let lastBreak, text.utf8.distance(from: text.startIndex, to: lastBreak) * 3 >= maximumBytes * 2 {
            return lastBreak
        }
        return fits
    }

    private static let breaksAfter: Set<Character> = ["。", "，", "；", "！", "？", "、", "：", " ", ",", ".", ";", "!", "?"]
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
