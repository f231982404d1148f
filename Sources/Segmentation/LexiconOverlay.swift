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

    /// The UTF-16 ranges of the run's words, or nil when the lexicon changes nothing.
    ///
    /// Works on UTF-16 units: ideographic runs are BMP text, and a run holding a surrogate
    /// pair (a rare CJK extension character) is left to ICU, so no boundary can split a pair.
    static func resegment(_ run: ArraySlice<ICUPiece>, units: [UInt16], lexicon: Lexicon) -> [Range<Int>]? {
        let runStart = run.first!.units.lowerBound, runEnd = run.last!.units.upperBound
        let count = runEnd - runStart
        guard count >= 2 else { return nil }
        return units.withUnsafeBufferPointer { all -> [Range<Int>]? in
            let text = UnsafeBufferPointer(rebasing: all[runStart..<runEnd])
            var mayMatch = false
            for index in 0..<count {
                if UTF16.isLeadSurrogate(text[index]) || UTF16.isTrailSurrogate(text[index]) { return nil }
                if index > 0, !mayMatch, lexicon.mayOpenWord(UInt32(text[index - 1]), UInt32(text[index])) { mayMatch = true }
            }
            guard mayMatch else { return nil }
            return cheapestPath(run, text: text, runStart: runStart, lexicon: lexicon)
        }
    }

    private static func cheapestPath(_ run: ArraySlice<ICUPiece>, text: UnsafeBufferPointer<UInt16>, runStart: Int,
                                     lexicon: Lexicon) -> [Range<Int>]? {
        let count = text.count
        // Scratch space on the stack (for runs of ordinary length): this runs for most
        // sentences, and three heap arrays per run cost more than the search itself.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count + 1) { positions -> [Range<Int>]? in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: count + 1) { cost -> [Range<Int>]? in
                // ICU's word ending at each position that starts one (-1 elsewhere), then the
                // start of the cheapest last step into each position.
                let icuEnd = UnsafeMutableBufferPointer(rebasing: positions[0..<count])
                let previous = UnsafeMutableBufferPointer(rebasing: positions[count...])
                icuEnd.initialize(repeating: -1)
                previous.initialize(repeating: -1)
                cost.initialize(repeating: .infinity)
                for piece in run { icuEnd[piece.units.lowerBound - runStart] = Int32(piece.units.upperBound - runStart) }
                var usedLexicon = false
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
                    lexicon.matchLengths(in: text, from: start, upTo: count) { length in
                        usedLexicon = true
                        relax(start + length, lexiconWordCost)
                    }
                    if icu != start + 1 { relax(start + 1, strayCharacterCost) }
                }
                guard usedLexicon else { return nil }
                var ranges: [Range<Int>] = []
                var end = count
                while end > 0 {
                    let start = Int(previous[end])
                    ranges.append((runStart + start)..<(runStart + end))
                    end = start
                }
                return Array(ranges.reversed())
            }
        }
    }
}
