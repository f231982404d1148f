import DispatchStore
import Foundation

/// A transcript rendered as a chat for a terminal: time, who, text, and for resident lines the
/// intent the classifier saw with its confidence, so staff can spot where the bot misunderstood.
///
/// ```
/// 10:00:01  居民  3栋2单元501室楼道灯坏了  ‹repair 0.93›
/// 10:00:01  民呼  我核对一下：…
/// ```
enum ChatTranscript {
    /// The lines rendered, masked with `masking`; a date line precedes each new day.
    static func render(_ messages: [TranscriptMessage], masking: Masking, indent: String = "") -> String {
        var lines: [String] = []
        var day: String?
        for message in messages {
            let date = String(StaffTime.full(message.at).prefix(10))
            if date != day {
                lines.append(indent + "── \(date) ──")
                day = date
            }
            let speaker = message.direction == .inbound ? "居民" : "民呼"
            let prefix = "\(StaffTime.clock(message.at))  \(speaker)  "
            let continuation = String(repeating: " ", count: prefix.displayWidth)
            var text = masking.text(message.text).split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated().map { index, line in (index == 0 ? prefix : continuation) + line }
            if message.direction == .inbound, let label = classification(message), !text.isEmpty {
                text[text.count - 1] += "  ‹\(label)›"
            }
            lines += text.map { indent + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// `repair 0.93`, or nil for a line nobody classified.
    static func classification(_ message: TranscriptMessage) -> String? {
        guard let intent = message.intent else { return nil }
        return message.confidence.map { "\(intent) \(String(format: "%.2f", $0))" } ?? intent
    }

    /// The lines that led to a ticket and a couple after it: back to the bot's statement of the
    /// conversation's previous ticket (or the start), at most `atMost` lines before the ticket.
    /// A fixed six lines before had left out the opening line of every complaint, whose form
    /// asks four questions. Returns the lines and how many earlier lines were left out.
    static func leadingTo(_ ticket: Ticket, in messages: [TranscriptMessage], atMost: Int = 20, after: Int = 2)
        -> (lines: [TranscriptMessage], earlier: Int)
    {
        let split = messages.firstIndex { $0.at > ticket.createdAt } ?? messages.endIndex
        var start = split
        while start > messages.startIndex, split - start < atMost {
            let previous = messages[start - 1]
            if previous.direction == .outbound, previous.text.contains("工单号："),
               !previous.text.contains(ticket.id.description) { break }
            start -= 1
        }
        return (Array(messages[start..<min(messages.endIndex, split + after)]), start - messages.startIndex)
    }
}
