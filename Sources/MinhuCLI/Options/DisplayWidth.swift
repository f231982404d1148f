extension String {
    /// Columns the string takes in a terminal: Chinese characters and full-width forms take two,
    /// combining marks none, so tables of mixed Chinese and ASCII still line up.
    var displayWidth: Int {
        unicodeScalars.reduce(0) { $0 + $1.displayWidth }
    }

    /// The string padded with spaces on the right to `width` columns (never cut).
    func padded(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - displayWidth))
    }

    /// The string padded with spaces on the left to `width` columns, for numbers.
    func leftPadded(toWidth width: Int) -> String {
        String(repeating: " ", count: max(0, width - displayWidth)) + self
    }

    /// The string cut to at most `width` columns, ending in `…` when cut; newlines become spaces
    /// so that one ticket stays on one row.
    func truncated(toWidth width: Int) -> String {
        let flat = String(map { $0.isNewline ? " " : $0 })
        guard flat.displayWidth > width else { return flat }
        var result = ""
        var used = 0
        for character in flat {
            let columns = String(character).displayWidth
            // Keep one column for the ellipsis.
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }
}

extension Unicode.Scalar {
    /// 2 for East Asian wide and full-width characters, 0 for combining marks and controls, else 1.
    var displayWidth: Int {
        let value = value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
            || value == 0x200B || (0xFE00...0xFE0F).contains(value)
        {
            return 0
        }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }
}
