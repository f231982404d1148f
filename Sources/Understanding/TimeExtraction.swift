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
/// 3点半以后, 12月5号上午. Works on scalars with phrase tries: no string searching.
enum TimeExtraction {
    private enum Word: Sendable {
        case day(offset: Int)
        case period(from: Int, to: Int)
    }

    private static let words: PhraseMatcher<Word> = {
        var matcher = PhraseMatcher<Word>()
        for (word, offset) in [("大后天", 3), ("后天", 2), ("明天", 1), ("明日", 1), ("明早", 1), ("明晚", 1),
                               ("今天", 0), ("今日", 0), ("今早", 0), ("今晚", 0), ("今儿", 0), ("今夜", 0),
                               ("昨天", -1), ("前天", -2)] {
            matcher.insert(word, .day(offset: offset))
        }
        for (word, from, to) in [("凌晨", 0, 6), ("清早", 6, 9), ("早上", 6, 9), ("早晨", 6, 9), ("上午", 8, 12),
                                 ("中午", 11, 13), ("下午", 13, 18), ("傍晚", 17, 19), ("晚上", 18, 22),
                                 ("夜里", 21, 24), ("半夜", 22, 24), ("今晚", 18, 22), ("明晚", 18, 22),
                                 ("今早", 6, 9), ("明早", 6, 9), ("今夜", 21, 24)] {
            matcher.insert(word, .period(from: from, to: to))
        }
        return matcher
    }()

    private static let weekdayNames: [Unicode.Scalar: Int] = [
        "一": 2, "二": 3, "三": 4, "四": 5, "五": 6, "六": 7, "日": 1, "天": 1, "末": 7,
    ]

    static func extract(from text: ScannedText, now: Date, calendar: Calendar) -> TimeSlot? {
        let scalars = text.scalars
        var matched: [Range<Int>] = []
        var day: Date?
        var hours: (from: Int, to: Int)?
        // Midnight is asked of the calendar only once a day word needs it: most utterances
        // have none, and computing it up front was a tenth of interpreting's time.
        var cachedToday: Date?
        func today() -> Date {
            if let cachedToday { return cachedToday }
            let midnight = calendar.startOfDay(for: now)
            cachedToday = midnight
            return midnight
        }

        for match in words.matches(in: scalars) {
            switch match.payload {
            case .day(let offset) where day == nil:
                day = calendar.date(byAdding: .day, value: offset, to: today())
                matched.append(match.start..<match.end)
            case .period(let from, let to) where hours == nil:
                hours = (from, to)
                matched.append(match.start..<match.end)
            default:
                break
            }
        }
        if day == nil, let (date, range) = weekday(in: scalars, today: today, calendar: calendar) {
            day = date
            matched.append(range)
        }
        if day == nil, let (date, range) = calendarDate(in: scalars, now: now, calendar: calendar) {
            day = date
            matched.append(range)
        }
        var clock: (hour: Int, minute: Int)?
        if let (time, range) = clockTime(in: scalars) {
            var hour = time.hour
            if let hours, hours.from >= 12, hour < 12 { hour += 12 }
            clock = (hour, time.minute)
            matched.append(range)
        }
        guard !matched.isEmpty else { return nil }

        let baseDay = day ?? today()
        func at(_ hour: Int) -> Date { calendar.date(byAdding: .hour, value: hour, to: baseDay)! }
        var start: Date
        var end: Date
        if let clock {
            start = calendar.date(bySettingHour: min(clock.hour, 23), minute: clock.minute, second: 0, of: baseDay)!
            end = start.addingTimeInterval(3600)
        } else if let hours {
            start = at(hours.from)
            end = at(hours.to)
        } else {
            start = baseDay
            end = calendar.date(byAdding: .day, value: 1, to: baseDay)!
        }
        // "以后/之后" opens the range to the end of the period (or 22:00); "以前/之前" the reverse.
        let last = matched.map(\.upperBound).max()!
        if let length = suffix(["以后", "之后", "后"], at: last, in: scalars) {
            end = max(hours.map { at($0.to) } ?? at(22), end)
            matched.append(last..<(last + length))
        } else if let length = suffix(["以前", "之前", "前"], at: last, in: scalars) {
            end = start
            start = hours.map { at($0.from) } ?? at(8)
            matched.append(last..<(last + length))
        }
        let span = matched.map(\.lowerBound).min()!..<matched.map(\.upperBound).max()!
        return TimeSlot(start: start, end: end, original: text.original(span))
    }

    /// The length of the first of `words` that starts at `index`.
    private static func suffix(_ words: [String], at index: Int, in scalars: [Unicode.Scalar]) -> Int? {
        for word in words {
            let wordScalars = Array(word.unicodeScalars)
            if index + wordScalars.count <= scalars.count,
               scalars[index..<(index + wordScalars.count)].elementsEqual(wordScalars) {
                return wordScalars.count
            }
        }
        return nil
    }

    /// 周六, 星期三, 礼拜天, 下周一, 这周五, 周末 (Chinese weeks start on Monday).
    private static func weekday(in scalars: [Unicode.Scalar], today: () -> Date, calendar: Calendar) -> (Date, Range<Int>)? {
        for index in scalars.indices {
            var prefixLength = 0
            if scalars[index] == "周" {
                prefixLength = 1
            } else if index + 1 < scalars.count,
                      (scalars[index] == "星" && scalars[index + 1] == "期") || (scalars[index] == "礼" && scalars[index + 1] == "拜") {
                prefixLength = 2
            }
            guard prefixLength > 0, index + prefixLength < scalars.count,
                  let target = weekdayNames[scalars[index + prefixLength]] else { continue }
            var weeksAhead = 0
            var lower = index
            if index >= 2, scalars[index - 1] == "下", scalars[index - 2] == "下" {
                weeksAhead = 2
                lower -= 2
            } else if index >= 1, scalars[index - 1] == "下" {
                weeksAhead = 1
                lower -= 1
            } else if index >= 1, scalars[index - 1] == "这" || scalars[index - 1] == "本" {
                lower -= 1
            }
            func mondayBased(_ weekday: Int) -> Int { (weekday + 5) % 7 }
            var delta = mondayBased(target) - mondayBased(calendar.component(.weekday, from: today()))
            if weeksAhead == 0, delta < 0 { delta += 7 }
            delta += 7 * weeksAhead
            return (calendar.date(byAdding: .day, value: delta, to: today())!, lower..<(index + prefixLength + 1))
        }
        return nil
    }

    /// 12月5号, 12月5日, 5号 (this month, or the next once it has passed).
    private static func calendarDate(in scalars: [Unicode.Scalar], now: Date, calendar: Calendar) -> (Date, Range<Int>)? {
        for index in scalars.indices where scalars[index] == "号" || scalars[index] == "日" {
            var start = index
            while start > 0, ChineseNumerals.isNumeral(scalars[start - 1]) { start -= 1 }
            guard start < index, let dayNumber = ChineseNumerals.value(of: scalars[start..<index]),
                  (1...31).contains(dayNumber) else { continue }
            // 号楼 is a building, 4号门 a gate, 2号线 a metro line and 花园路18号 a house on a
            // street, not a date.
            if index + 1 < scalars.count, "楼门线院".unicodeScalars.contains(scalars[index + 1]) { continue }
            if scalars[index] == "号", start > 0, AddressExtraction.streetEnds.contains(scalars[start - 1]) { continue }
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
            return (date, lower..<(index + 1))
        }
        return nil
    }

    /// 3点, 三点半, 3点一刻, 15:30, 3点20, 十点钟.
    private static func clockTime(in scalars: [Unicode.Scalar]) -> ((hour: Int, minute: Int), Range<Int>)? {
        for index in scalars.indices where scalars[index] == "点" || scalars[index] == "时" || scalars[index] == ":" {
            var start = index
            while start > 0, ChineseNumerals.isNumeral(scalars[start - 1]) { start -= 1 }
            guard start < index, let hour = ChineseNumerals.value(of: scalars[start..<index]), (0...24).contains(hour) else {
                continue
            }
            var end = index + 1
            var minute = 0
            if let length = suffix(["半"], at: end, in: scalars) {
                minute = 30
                end += length
            } else if let length = suffix(["一刻"], at: end, in: scalars) {
                minute = 15
                end += length
            } else if let length = suffix(["三刻"], at: end, in: scalars) {
                minute = 45
                end += length
            } else {
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
            return ((hour, minute), start..<end)
        }
        return nil
    }
}
