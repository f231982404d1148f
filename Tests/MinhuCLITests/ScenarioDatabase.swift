import DispatchStore
import Foundation

/// A SQLite dispatch store in a fresh temporary folder, shared by the test (through the store)
/// and the `minhu` binary (through `--db`), as staff share the file with `minhu serve`.
final class ScenarioDatabase {
    /// The folder, removed by ``remove()``.
    let folder: URL
    /// The database file.
    let path: String
    /// The test's own connection.
    let store: SQLiteDispatchStore

    /// Creates an empty store.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("minhu.sqlite").path
        store = try SQLiteDispatchStore(path: path)
    }

    /// `["--db", path]`, to append to a command.
    var db: [String] { ["--db", path] }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A resident's repair request with a phone and an address, from a conversation whose
    /// transcript has three lines timed a minute, 50 s and 40 s before now.
    /// - Parameter category: The intent of the first line and the ticket's category.
    func repairTicket(
        summary: String = "3栋2单元501室楼道灯坏了，电话13912345678", phone: String = "13912345678",
        address: String = "3栋2单元501室", user: String = "resident-1", dispatchWithin: TimeInterval = 8 * 3600,
        category: String = "repair", subcategory: String = "lighting"
    ) async throws -> (ticket: Ticket, conversation: Conversation, lines: [TranscriptMessage]) {
        let conversation = try await store.openConversation(channel: "line", room: "room-1", user: user)
        let now = Date()
        var lines: [TranscriptMessage] = []
        for (offset, direction, text, intent, confidence) in [
            (60.0, MessageDirection.inbound, summary, category, 0.934),
            (50.0, .outbound, "我核对一下：\(summary)。没问题请回复“确认”。", nil, nil),
            (40.0, .inbound, "确认", "thanks", 0.26),
        ] as [(Double, MessageDirection, String, String?, Double?)] {
            lines.append(try await store.appendMessage(TranscriptLine(
                conversationID: conversation.id, direction: direction, text: text, intent: intent,
                confidence: confidence, at: now.addingTimeInterval(-offset))))
        }
        let ticket = try await store.createTicket(TicketDraft(
            category: category, subcategory: subcategory, summary: summary, details: summary, address: address,
            contactPhone: phone, conversationID: conversation.id, channel: "line",
            dispatchWithin: dispatchWithin, resolveWithin: 48 * 3600,
            submittedBy: .resident("line/room-1/\(user)")))
        return (ticket, conversation, lines)
    }

    /// A ticket with no conversation, as staff would enter a phone call.
    func plainTicket(category: String, summary: String, dispatchWithin: TimeInterval? = nil) async throws -> Ticket {
        try await store.createTicket(TicketDraft(
            category: category, summary: summary, channel: "cli", dispatchWithin: dispatchWithin,
            submittedBy: .staff("wangfang")))
    }
}

/// Times as the CLI prints them, for expected outputs.
enum Shanghai {
    /// `2026-11-27 10:00:05`.
    static func full(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm:ss") }
    /// `11-27 10:00`.
    static func short(_ date: Date) -> String { format(date, "MM-dd HH:mm") }
    /// `10:00:05`.
    static func clock(_ date: Date) -> String { format(date, "HH:mm:ss") }
    /// `2026-11-27`.
    static func day(_ date: Date) -> String { format(date, "yyyy-MM-dd") }
    /// `2026-11-27T10:00:05+08:00`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: date)
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
