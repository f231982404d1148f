/// Redraws ICU's boundaries inside a run of ideographic text so that lexicon words come out
/// whole, without breaking ICU's words where the lexicon has nothing to say.
///
/// Every way of covering the run with ICU's words, lexicon words and single characters is a
/// path; the cheapest path wins. A lexicon word costs a little less than an ICU word, and a
/// single character that ICU did not produce costs more. So 低|保证|明 (3) becomes 低保|证明
/// (1.8), while 物业费用 stays 物业|费用 (2) rather than 物业费|用 (2.3) unless the lexicon
/// also knows 物业. Without lexicon matches the only path is ICU's own.
enum LexiconOverlay {
    static let lexiconWordCost = 0.9
    static let icuWordCost = 1.0
    static let strayCharacterCost = 1.4

    /// The UTF-8 ranges of the run's words.
    static func resegment(_ run: ArraySlice<ICUPiece>, bytes: [UInt8], lexicon: Lexicon) -> [Range<Int>] {
        let runStart = run.first!.range.lowerBound, runEnd = run.last!.range.upperBound
        // Scalar positions and their byte offsets within the run.
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var iterator = String(decoding: bytes[runStart..<runEnd], as: UTF8.self).unicodeScalars.makeIterator()
        var offset = runStart
        while let scalar = iterator.next() {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(runEnd)
        let count = scalars.count

        // ICU's word ending at each scalar position that starts one.
        var icuEnd = [Int](repeating: -1, count: count)
        var position = 0
        for piece in run {
            var end = position
            while end < count, offsets[end] < piece.range.upperBound { end += 1 }
            icuEnd[position] = end
            position = end
        }

        var hasMatch = false
        var matches = [[Int]](repeating: [], count: count)
        for start in 0..<count {
            lexicon.matchLengths(in: scalars, from: start, upTo: count) { length in
                matches[start].append(length)
                hasMatch = true
            }
        }
        guard hasMatch else { return run.map(\.range) }

        // Cheapest path over scalar positions.
        var cost = [Double](repeating: .infinity, count: count + 1)
        var previous = [Int](repeating: -1, count: count + 1)
        cost[0] = 0
        for start in 0..<count where cost[start] < .infinity {
            func relax(_ end: Int, _ step: Double) {
                let total = cost[start] + step
                if total < cost[end] - 1e-9 {
                    cost[end] = total
                    previous[end] = start
                }
            }
            if icuEnd[start] > start { relax(icuEnd[start], icuWordCost) }
            for length in matches[start] { relax(start + length, lexiconWordCost) }
            if icuEnd[start] != start + 1 { relax(start + 1, strayCharacterCost) }
        }
        var ranges: [Range<Int>] = []
        var end = count
        while end > 0 {
            let start = previous[end]
            ranges.append(offsets[start]..<offsets[end])
            end = start
        }
        return ranges.reversed()
    }
}
