import Foundation

/// A time the resident named, as a concrete local range.
public struct TimeSlot: Sendable, Equatable, Codable {
    /// Start of the range.
    public var start: Date
    /// End of the range.
    public var end: Date
    /// The words as typed (明天下午三点).
    public var original: String
}

/// Relative Chinese times → concrete ranges: 明天下午三点, 周六上午, 今晚, 下周一,
/// 3点半以后, 12月5号上午.
enum TimeExtraction {
    private static let dayWords: [(String, Int)] = [
        ("大后天", 3), ("后天", 2), ("明天", 1), ("明日", 1), ("明早", 1), ("明晚", 1), ("今天", 0), ("今日", 0),
        ("今早", 0), ("今晚", 0), ("今儿", 0), ("今夜", 0), ("昨天", -1), ("前天", -2),
    ]
    /// Parts of the day, with their hours (end exclusive).
    private static let periods: [(String, Int, Int)] = [
        ("凌晨", 0, 6), ("清早", 6, 9), ("早上", 6, 9), ("早晨", 6, 9), ("上午", 8, 12), ("中午", 11, 13),
        ("下午", 13, 18), ("傍晚", 17, 19), ("晚上", 18, 22), ("夜里", 21, 24), ("半夜", 22, 24),
        ("今晚", 18, 22), ("明晚", 18, 22), ("今早", 6, 9), ("明早", 6, 9), ("今夜", 21, 24), ("晚", 18, 22),
        ("早", 6, 9),
    ]
    private static let weekdayNames: [Unicode.Scalar: Int] = [
        "一": 2, "二": 3, "三": 4, "四": 5, "五": 6, "六": 7, "日": 1, "天": 1, "末": 7,
    ]

    static func extract(from text: ScannedText, now: Date, calendar: Calendar) -> TimeSlot? {
        let normalized = text.normalized.text
        var matched: [Range<String.Index>] = []
        var day: Date?
        var hours: (Int, Int)?
        var clock: (hour: Int, minute: Int)?

        // The day.
        for (word, offset) in dayWords {
            if let range = normalized.range(of: word) {
                day = calendar.date(byAdding: .day, value: offset, to: calendar.startOfDay(for: now))
                matched.append(range)
                break
            }
        }
        if day == nil, let (date, range) = weekday(in: normalized, now: now, calendar: calendar) {
            day = date
            matched.append(range)
        }
        if day == nil, let (date, range) = calendarDate(in: normalized, now: now, calendar: calendar) {
            day = date
            matched.append(range)
        }
        // The part of the day.
        for (word, start, end) in periods {
            if let range = normalized.range(of: word), !matched.contains(where: { $0.overlaps(range) && word.count == 1 }) {
                hours = (start, end)
                matched.append(range)
                break
            }
        }
        // The clock time.
        if let (time, range) = clockTime(in: normalized) {
            var hour = time.hour
            if let (start, _) = hours, start >= 12, hour < 12 { hour += 12 }
            clock = (hour, time.minute)
            matched.append(range)
        }
        guard day != nil || hours != nil || clock != nil else { return nil }

        let baseDay = day ?? calendar.startOfDay(for: now)
        var start: Date
        var end: Date
        if let clock {
            start = calendar.date(bySettingHour: min(clock.hour, 23), minute: clock.minute, second: 0, of: baseDay)!
            end = start.addingTimeInterval(3600)
        } else if let (from, to) = hours {
            start = calendar.date(byAdding: .hour, value: from, to: baseDay)!
            end = calendar.date(byAdding: .hour, value: to, to: baseDay)!
        } else {
            start = baseDay
            end = calendar.date(byAdding: .day, value: 1, to: baseDay)!
        }
        // "以后/之后" opens the range to the end of the period or day; "以前/之前" the reverse.
        let lastMatch = matched.map(\.upperBound).max()!
        let rest = normalized[lastMatch...]
        if rest.hasPrefix("以后") || rest.hasPrefix("之后") || rest.hasPrefix("后") {
            let limit = hours.map { calendar.date(byAdding: .hour, value: $0.1, to: baseDay)! }
                ?? calendar.date(byAdding: .hour, value: 22, to: baseDay)!
            end = max(limit, end)
            matched.append(lastMatch..<normalized.index(lastMatch, offsetBy: rest.hasPrefix("后") ? 1 : 2))
        } else if rest.hasPrefix("以前") || rest.hasPrefix("之前") || rest.hasPrefix("前") {
            end = start
            start = hours.map { calendar.date(byAdding: .hour, value: $0.0, to: baseDay)! }
                ?? calendar.date(byAdding: .hour, value: 8, to: baseDay)!
            matched.append(lastMatch..<normalized.index(lastMatch, offsetBy: rest.hasPrefix("前") ? 1 : 2))
        }
        let lower = matched.map(\.lowerBound).min()!
        let upper = matched.map(\.upperBound).max()!
        let byteRange = normalized.utf8.distance(from: normalized.startIndex, to: lower)
            ..< normalized.utf8.distance(from: normalized.startIndex, to: upper)
        return TimeSlot(start: start, end: end, original: String(text.normalized.originalText(of: byteRange)))
    }

    /// 周六, 星期三, 礼拜天, 下周一, 这周五, 周末.
    private static func weekday(in text: String, now: Date, calendar: Calendar) -> (Date, Range<String.Index>)? {
        for prefix in ["星期", "礼拜", "周"] {
            var searchStart = text.startIndex
            while let found = text.range(of: prefix, range: searchStart..<text.endIndex) {
                searchStart = found.upperBound
                guard found.upperBound < text.endIndex,
                      let target = weekdayNames[text[found.upperBound].unicodeScalars.first!] else { continue }
                var weeksAhead = 0
                var lower = found.lowerBound
                let before = text[..<found.lowerBound]
                if before.hasSuffix("下下") { weeksAhead = 2; lower = text.index(lower, offsetBy: -2) }
                else if before.hasSuffix("下") { weeksAhead = 1; lower = text.index(before: lower) }
                else if before.hasSuffix("这") || before.hasSuffix("本") { lower = text.index(before: lower) }
                let today = calendar.startOfDay(for: now)
                let currentWeekday = calendar.component(.weekday, from: today)
                // Chinese weeks start on Monday: Sunday is the week's last day.
                func mondayBased(_ weekday: Int) -> Int { (weekday + 5) % 7 }
                var delta = mondayBased(target) - mondayBased(currentWeekday)
                if weeksAhead == 0, delta < 0 { delta += 7 }
                delta += 7 * weeksAhead
                let date = calendar.date(byAdding: .day, value: delta, to: today)!
                return (date, lower..<text.index(after: found.upperBound))
            }
        }
        return nil
    }

    /// 12月5号, 12月5日, 5号 (this month, or next month once past).
    private static func calendarDate(in text: String, now: Date, calendar: Calendar) -> (Date, Range<String.Index>)? {
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices where scalars[index] == "号" || scalars[index] == "日" {
            var start = index
            while start > 0, ChineseNumerals.isNumeral(scalars[start - 1]) { start -= 1 }
            guard start < index, let dayNumber = ChineseNumerals.value(of: scalars[start..<index]),
                  (1...31).contains(dayNumber) else { continue }
            // 号楼 is a building, not a date.
            if index + 1 < scalars.count, scalars[index + 1] == "楼" { continue }
            var month: Int?
            var lower = start
            if start > 0, scalars[start - 1] == "月" {
                var monthStart = start - 1
                while monthStart > 0, ChineseNumerals.isNumeral(scalars[monthStart - 1]) { monthStart -= 1 }
                month = ChineseNumerals.value(of: scalars[monthStart..<(start - 1)])
                lower = monthStart
            }
            var components = calendar.dateComponents([.year, .month, .day], from: now)
            components.day = dayNumber
            if let month, (1...12).contains(month) { components.month = month }
            guard var date = calendar.date(from: components) else { continue }
            if date < calendar.startOfDay(for: now) {
                date = calendar.date(byAdding: month == nil ? .month : .year, value: 1, to: date) ?? date
            }
            let lowerIndex = text.unicodeScalars.index(text.startIndex, offsetBy: lower)
            let upperIndex = text.unicodeScalars.index(text.startIndex, offsetBy: index + 1)
            return (date, lowerIndex..<upperIndex)
        }
        return nil
    }

    /// 3点, 三点半, 3点一刻, 15:30, 3点20, 十点钟.
    private static func clockTime(in text: String) -> ((hour: Int, minute: Int), Range<String.Index>)? {
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices where scalars[index] == "点" || scalars[index] == "时" || scalars[index] == ":" {
            var start = index
            while start > 0, ChineseNumerals.isNumeral(scalars[start - 1]) { start -= 1 }
            guard start < index, let hour = ChineseNumerals.value(of: scalars[start..<index]), (0...24).contains(hour) else {
                continue
            }
            var end = index + 1
            var minute = 0
            let rest = String(String.UnicodeScalarView(scalars[end...]))
            if rest.hasPrefix("半") { minute = 30; end += 1 }
            else if rest.hasPrefix("一刻") { minute = 15; end += 2 }
            else if rest.hasPrefix("三刻") { minute = 45; end += 2 }
            else {
                var minuteEnd = end
                while minuteEnd < scalars.count, ChineseNumerals.isNumeral(scalars[minuteEnd]) { minuteEnd += 1 }
                if minuteEnd > end, let value = ChineseNumerals.value(of: scalars[end..<minuteEnd]), value < 60 {
                    minute = value
                    end = minuteEnd
                    if end < scalars.count, scalars[end] == "分" { end += 1 }
                } else if scalars[index] == ":" {
                    continue
                }
            }
            if end < scalars.count, scalars[end] == "钟" { end += 1 }
            let lowerIndex = text.unicodeScalars.index(text.startIndex, offsetBy: start)
            let upperIndex = text.unicodeScalars.index(text.startIndex, offsetBy: end)
            return ((hour, minute), lowerIndex..<upperIndex)
        }
        return nil
    }
}
