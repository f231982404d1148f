import Foundation

/// Domain words that must come out of segmentation whole (报修, 居委会, 低保证明 …).
///
/// ICU's Chinese dictionary cannot be extended at run time, so these words are matched over
/// its output (see ``Segmenter``). Words are stored normalized, so a traditional or
/// full-width entry matches its simplified, half-width text.
public struct Lexicon: Sendable {
    /// A trie over Unicode scalars: its edges, and whether each node ends a word.
    private var edges = HashTable()
    private var isWord: [Bool] = [false]
    /// The longest word, in scalars, so matching knows when to stop looking.
    private(set) var longestWord = 0
    /// A Bloom filter of every word's first two scalars: most text has no lexicon word at
    /// all, and this tells so without walking the trie.
    private var openingPairs = [UInt64](repeating: 0, count: 1024)

    /// The number of distinct words.
    public private(set) var count = 0

    /// A lexicon with no words: segmentation is ICU's alone.
    public static let empty = Lexicon()

    /// Creates a lexicon holding `words` (blank entries ignored; single characters too,
    /// because they would only split ICU's words).
    public init<Words: Sequence>(words: Words) where Words.Element: StringProtocol {
        for word in words { insert(String(word)) }
    }

    /// Creates an empty lexicon.
    public init() {}

    /// Reads a lexicon file: one word per line; `#` starts a comment line.
    public init(contentsOf url: URL) throws {
        let content: String
        do {
            content = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SegmentationError.unreadableLexicon(path: url.path, reason: error.localizedDescription)
        }
        self.init(words: Lexicon.entries(in: content))
    }

    /// The entries of a lexicon file's text.
    public static func entries(in content: String) -> [Substring] {
        content.split(whereSeparator: \.isNewline).compactMap { line in
            let word = line.trimmingCharacters(in: .whitespaces)
            return word.isEmpty || word.hasPrefix("#") ? nil : Substring(word)
        }
    }

    /// Adds `word` (normalized first). Returns whether it was new.
    @discardableResult
    public mutating func insert(_ word: String) -> Bool {
        let scalars = Array(NormalizedText(word).text.unicodeScalars)
        guard scalars.count >= 2, !scalars.contains(" ") else { return false }
        var node: Int32 = 0
        for scalar in scalars {
            if let next = edges[HashTable.edge(from: node, along: scalar.value)] {
                node = next
            } else {
                let next = Int32(isWord.count)
                isWord.append(false)
                edges.set(HashTable.edge(from: node, along: scalar.value), next)
                node = next
            }
        }
        guard !isWord[Int(node)] else { return false }
        isWord[Int(node)] = true
        let bit = Self.pairBit(scalars[0].value, scalars[1].value)
        openingPairs[bit >> 6] |= 1 << UInt64(bit & 63)
        count += 1
        longestWord = max(longestWord, scalars.count)
        return true
    }

    /// Whether `word` (normalized) is in the lexicon.
    public func contains(_ word: String) -> Bool {
        let scalars = Array(NormalizedText(word).text.unicodeScalars)
        var node: Int32 = 0
        for scalar in scalars {
            guard let next = edges[HashTable.edge(from: node, along: scalar.value)] else { return false }
            node = next
        }
        return isWord[Int(node)]
    }

    @inline(__always)
    private static func pairBit(_ first: UInt32, _ second: UInt32) -> Int {
        Int(truncatingIfNeeded: (first &* 0x9E37_79B1 ^ second &* 0x85EB_CA6B) >> 16) & 0xFFFF
    }

    /// Whether a word may start with `first` followed by `second` (false: certainly not).
    @inline(__always)
    func mayOpenWord(_ first: UInt32, _ second: UInt32) -> Bool {
        let bit = Self.pairBit(first, second)
        return openingPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The lengths (in UTF-16 units, at least 2) of the words that start at `start` in
    /// `units` (BMP text) and end before `end`.
    func matchLengths(in units: UnsafeBufferPointer<UInt16>, from start: Int, upTo end: Int,
                      _ body: (Int) -> Void) {
        var node: Int32 = 0
        var index = start
        while index < end, index - start < longestWord {
            guard let next = edges[HashTable.edge(from: node, along: UInt32(units[index]))] else { return }
            node = next
            index += 1
            if isWord[Int(node)], index - start >= 2 { body(index - start) }
        }
    }
}
