/// Redraws ICU's boundaries inside a run of ideographic text so that lexicon words come out
/// whole, without breaking ICU's words where the lexicon has nothing to say.
///
/// Every way of covering the run with ICU's words, lexicon words and single characters is a
/// path; the cheapest path wins. A lexicon word costs a little less than an ICU word, and a
/// single character that ICU did not produce costs more. So 低|保证|明 (3) becomes 低保|证明
/// (1.8), while 物业费用 stays 物业|费用 (2) rather than 物业费|用 (2.3) unless the lexicon
/// also knows 物业. Without lexicon matches the only path is ICU's own.
enum LexiconOverlay {
    static let lexiconWordCost: Float = 0.9
    static let icuWordCost: Float = 1.0
    static let strayCharacterCost: Float = 1.4

    /// Appends the words of one run of ICU's ideographic pieces to `tokens`: ICU's own, or the
    /// cheapest path when the lexicon has words in the run.
    ///
    /// - Parameters:
    ///   - runStart: The UTF-16 offset where the run starts.
    ///   - pieceEnds: The UTF-16 offset where each of ICU's pieces in the run ends.
    ///   - units: The whole text in UTF-16; `byteOffsets` maps each unit to UTF-8.
    ///
    /// Works on UTF-16 units: ideographic runs are BMP text, and a run holding a surrogate
    /// pair (a rare CJK extension character) is left to ICU, so no boundary can split a pair.
    static func appendWords(ofRunFrom runStart: Int, pieceEnds: UnsafeBufferPointer<Int32>, units: [UInt16],
                            byteOffsets: [Int32], lexicon: Lexicon, to tokens: inout [Token]) {
        func append(_ start: Int, _ end: Int) {
            tokens.append(Token(.word, Int(byteOffsets[start])..<Int(byteOffsets[end])))
        }
        let runEnd = Int(pieceEnds[pieceEnds.count - 1])
        let redrawn = units.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[runStart..<runEnd])
            guard holdsWord(text, lexicon) else { return false }
            cheapestPath(text, runStart: runStart, pieceEnds: pieceEnds, lexicon: lexicon, append: append)
            return true
        }
        guard !redrawn else { return }
        var start = runStart
        for end in pieceEnds {
            append(start, Int(end))
            start = Int(end)
        }
    }

    /// Whether a lexicon word occurs in `text` (false for most runs). Character pairs are
    /// checked first, and the trie is walked only where a word may start.
    private static func holdsWord(_ text: UnsafeBufferPointer<UInt16>, _ lexicon: Lexicon) -> Bool {
        guard text.count >= 2 else { return false }
        for index in 0..<text.count where UTF16.isSurrogate(text[index]) { return false }
        for index in 0..<(text.count - 1) where lexicon.mayOpenWord(UInt32(text[index]), UInt32(text[index + 1])) {
            var found = false
            lexicon.matchLengths(in: text, from: index, upTo: text.count) { _ in found = true }
            if found { return true }
        }
        return false
    }

    /// Finds the cheapest path and hands its words to `append` (UTF-16 offsets in the whole
    /// text), in order.
    private static func cheapestPath(_ text: UnsafeBufferPointer<UInt16>, runStart: Int,
                                     pieceEnds: UnsafeBufferPointer<Int32>, lexicon: Lexicon,
                                     append: (Int, Int) -> Void) {
        let count = text.count
        // Scratch space on the stack (for runs of ordinary length): this runs for most
        // sentences, and heap arrays per run cost more than the search itself.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count + 1) { positions in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: count + 1) { cost in
                // ICU's word ending at each position that starts one (-1 elsewhere), then the
                // start of the cheapest last step into each position.
                let icuEnd = UnsafeMutableBufferPointer(rebasing: positions[0..<count])
                let previous = UnsafeMutableBufferPointer(rebasing: positions[count...])
                icuEnd.initialize(repeating: -1)
                previous.initialize(repeating: -1)
                cost.initialize(repeating: .infinity)
                var pieceStart = 0
                for end in pieceEnds {
                    icuEnd[pieceStart] = end - Int32(runStart)
                    pieceStart = Int(end) - runStart
                }
                cost[0] = 0
                for start in 0..<count where cost[start] < .infinity {
                    let here = cost[start]
                    @inline(__always) func relax(_ end: Int, _ step: Float) {
                        let total = here + step
                        if total < cost[end] - 1e-4 {
                            cost[end] = total
                            previous[end] = Int32(start)
                        }
                    }
                    let icu = Int(icuEnd[start])
                    if icu > start { relax(icu, icuWordCost) }
                    if start + 1 < count, lexicon.mayOpenWord(UInt32(text[start]), UInt32(text[start + 1])) {
                        lexicon.matchLengths(in: text, from: start, upTo: count) { relax(start + $0, lexiconWordCost) }
                    }
                    if icu != start + 1 { relax(start + 1, strayCharacterCost) }
                }
                // The path runs backwards from the end; `icuEnd` is free again and holds it
                // forwards: the end of the step that starts at each position on the path.
                var end = count
                while end > 0 {
                    let start = Int(previous[end])
                    icuEnd[start] = Int32(end)
                    end = start
                }
                var start = 0
                while start < count {
                    let stepEnd = Int(icuEnd[start])
                    append(runStart + start, runStart + stepEnd)
                    start = stepEnd
                }
            }
        }
    }
}
