import ArgumentParser
import Foundation

/// Times as staff read and type them: Asia/Shanghai local time, whatever the machine's zone.
enum StaffTime {
    /// Asia/Shanghai; UTC+8 if the system has no time zone data (China has no daylight saving time).
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// `2026-11-27 10:00:05`, for histories and transcripts.
    static func full(_ date: Date) -> String { fullFormatter.string(from: date) }

    /// `11-27 10:00`, for table columns.
    static func short(_ date: Date) -> String { shortFormatter.string(from: date) }

    /// `10:00:05`, for chat lines under a dated header.
    static func clock(_ date: Date) -> String { clockFormatter.string(from: date) }

    /// `2026-11-27T10:00:05+08:00`, for JSON and CSV.
    static func iso(_ date: Date) -> String { isoFormatter.string(from: date) }

    // Formatters are costly to create and an export formats millions of times; Foundation's
    // formatters are safe to share once configured (ISO8601DateFormatter is not marked Sendable,
    // hence its `nonisolated(unsafe)`).
    private static let fullFormatter = formatter("yyyy-MM-dd HH:mm:ss")
    private static let shortFormatter = formatter("MM-dd HH:mm")
    private static let clockFormatter = formatter("HH:mm:ss")
    nonisolated(unsafe) private static let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return formatter
    }()

    /// A formatter for a fixed pattern in Shanghai time.
    static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    /// A duration as staff read it: `45s`, `12m 5s`, `3h 20m`, `2d 4h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds).rounded(.down))
        let (days, hours, minutes, rest) = (total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(rest)s" }
        return "\(rest)s"
    }

    /// How long ago, coarsely, for the age column: `<1m`, `5m`, `3h`, `2d`.
    static func age(of date: Date, now: Date) -> String {
        let seconds = Int(max(0, now.timeIntervalSince(date)))
        if seconds < 60 { return "<1m" }
        if seconds < 3_600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3_600)h" }
        return "\(seconds / 86_400)d"
    }
}

/// A `--since` value: a date (`2026-11-27`), a local time (`2026-11-27 10:00`, `2026-11-27T10:00`)
/// or a span back from now (`30m`, `2h`, `7d`).
struct SinceArgument: ExpressibleByArgument {
    /// The earliest time to include.
    let date: Date

    /// Parses the argument; nil (a usage error) for anything else.
    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if let span = Self.span(text) {
            date = Date().addingTimeInterval(-span)
            return
        }
        for pattern in ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"] {
            if let parsed = StaffTime.formatter(pattern).date(from: text) {
                date = parsed
                return
            }
        }
        return nil
    }

    /// `30m`, `2h`, `7d`, `45s` in seconds.
    private static func span(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Double(text.dropLast()), count >= 0 else { return nil }
        switch unit {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3_600
        case "d": return count * 86_400
        case "w": return count * 7 * 86_400
        default: return nil
        }
    }

    /// Shown in help.
    static var defaultCompletionKind: CompletionKind { .default }
}
