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

    /// The UTF-8 ranges of the run's words, or nil when the lexicon changes nothing.
    static func resegment(_ run: ArraySlice<ICUPiece>, text: NormalizedText, lexicon: Lexicon) -> [Range<Int>]? {
        let runStart = run.first!.range.lowerBound, runEnd = run.last!.range.upperBound
        guard mayContainWord(text, from: runStart, to: runEnd, lexicon: lexicon) else { return nil }
        // Scalar positions and their byte offsets within the run.
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = runStart
        for scalar in text.text(of: runStart..<runEnd).unicodeScalars {
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
        guard hasMatch else { return nil }

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

    /// A quick scan of the run's UTF-16 pairs against the lexicon's filter of word openings.
    private static func mayContainWord(_ text: NormalizedText, from start: Int, to end: Int,
                                       lexicon: Lexicon) -> Bool {
        // Ideographic runs are BMP characters almost always; the UTF-16 view makes the scan a
        // walk over an array. (A supplementary character only costs a false "maybe".)
        let units = text.utf16
        let offsets = text.utf16ByteOffsets
        var index = lowerUnit(for: start, in: offsets)
        var previous: UInt32 = 0
        while index < units.count, offsets[index] < end {
            let unit = UInt32(units[index])
            if previous != 0, lexicon.mayOpenWord(previous, unit) { return true }
            previous = unit
            index += 1
        }
        return false
    }

    /// The first UTF-16 index whose UTF-8 offset is `byteOffset` (binary search).
    private static func lowerUnit(for byteOffset: Int, in offsets: [Int32]) -> Int {
        var low = 0, high = offsets.count - 1
        while low < high {
            let middle = (low + high) / 2
            if Int(offsets[middle]) < byteOffset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
